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
    let quiet: Bool
    /// Client-side filter: message names to show (`--filter`); empty shows all.
    var filter: Set<String> = []

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
        case .message(let message, _): filter.isEmpty || filter.contains(message.name)
        case .undecodable: filter.isEmpty
        case .lifecycle: false
        }
    }

    /// Writes the event where it belongs. Throws when stdout's reader has gone (EPIPE).
    func print(_ event: ClientEvent) throws {
        if case .lifecycle = event.kind {
            if !quiet {
                let side = event.side.map { "side \($0): " } ?? ""
                try StandardStream.error.writeLine("cti: \(side)\(event.lifecycle!.summary)")
                try StandardStream.error.flush()
            }
            guard lifecycleOnStdout else { return }
        } else if !counts(event) {
            return
        }
        switch format {
        case .json:
            try StandardStream.output.writeLine(bytes: event.jsonLine { writer in
                if hex, case .message(_, let frame) = event.kind {
                    writer.key("hex")
                    writer.string(HexDump.redactedHex(frame))
                }
            })
        case .text:
            try StandardStream.output.writeLine(event.textLine(style: style, verbose: verbose))
            if hex, case .message(_, let frame) = event.kind { try StandardStream.output.writeLine(HexDump.dump(frame)) }
        }
    }
}
