import CTIClient
import CTIProtocol

/// Prints client events: protocol messages (and undecodable frames) on stdout as text or JSON
/// Lines; lifecycle records on stderr (unless `-q`), and on stdout too with `--lifecycle`.
/// Lines are buffered and written out by ``flush()``: callers flush when no further event is
/// ready, and a ``Flusher`` does at least every 50 ms.
struct EventPrinter {
    let format: OutputFormat
    let style: TextStyle
    let verbose: Bool
    let hex: Bool
    let lifecycleOnStdout: Bool
    var quiet: Bool
    /// Client-side filter: message names to show (`--filter`); empty shows all.
    var filter: Set<String> = []
    /// Client-side filter by device, agent and call (`--device`, `--agent`, `--call`).
    var who = EventWhoFilter()
    /// Marks the events of persistent calls (`[PERSISTENT]`, `"persistent": true`).
    var persistentCalls = PersistentCallTracker()

    init(options: EventOutputOptions, environment: [String: String]) {
        format = options.output
        style = TextStyle(colored: options.colored(environment: environment))
        verbose = options.verbose
        hex = options.hex
        lifecycleOnStdout = options.lifecycle
        quiet = options.quiet
    }

    /// Whether an event is a protocol message that passes the filter (what `--count` counts).
    func counts(_ event: ClientEvent) -> Bool {
        switch event.kind {
        case .message(let message, _):
            (filter.isEmpty || filter.contains(message.name)) && (who.isEmpty || message.fields.map(who.matches) == true)
        case .undecodable: filter.isEmpty && who.isEmpty
        case .lifecycle: false
        }
    }

    /// The lines an event gives: for stdout (data) and for stderr (lifecycle notes).
    func render(_ event: ClientEvent) -> (output: [[UInt8]], errors: [String]) {
        var output: [[UInt8]] = []
        var errors: [String] = []
        if case .lifecycle(let record) = event.kind {
            if !quiet { errors.append("cti: " + (event.side.map { "side \($0): " } ?? "") + record.summary) }
            guard lifecycleOnStdout else { return (output, errors) }
        } else if !counts(event) {
            return (output, errors)
        }
        let mark = persistentCalls.observe(event)
        switch format {
        case .json:
            output.append(event.jsonLine { writer in
                if let mark {
                    writer.key("persistent")
                    writer.bool(true)
                    writer.key("tapiState")
                    if let state = mark.tapiState { writer.string(state) } else { writer.null() }
                }
                if hex, case .message(_, let frame) = event.kind {
                    writer.key("hex")
                    writer.string(HexDump.redactedHex(frame))
                }
            })
        case .text:
            output.append(Array((event.textLine(style: style, verbose: verbose) + (mark != nil ? " [PERSISTENT]" : "")).utf8))
            if hex, case .message(_, let frame) = event.kind { output.append(Array(HexDump.dump(frame).utf8)) }
        }
        return (output, errors)
    }

    /// Writes the event where it belongs. Throws when stdout's reader has gone (EPIPE).
    func print(_ event: ClientEvent) throws {
        let (output, errors) = render(event)
        if !errors.isEmpty {
            for line in errors { try StandardStream.error.writeLine(line) }
            try StandardStream.error.flush()
        }
        for line in output { try StandardStream.output.writeLine(bytes: line) }
    }
}
