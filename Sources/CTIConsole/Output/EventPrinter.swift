import CTIClient
import CTIOutput
import CTIProtocol

/// What the console shows of a session's events, and where: the filters (`--filter`,
/// `--device`, `--agent`, `--call`) and the persistent-call marks, in front of the
/// ``OutputSink`` that writes them (messages on stdout in the `-o` format; lifecycle records on
/// stderr unless `-q`, and on stdout too with `--lifecycle`).
struct EventPrinter {
    var sink: OutputSink
    /// Client-side filter: message names to show (`--filter`); empty shows all.
    var filter: Set<String> = []
    /// Client-side filter by device, agent and call (`--device`, `--agent`, `--call`).
    var who = EventWhoFilter()
    /// Marks the events of persistent calls (`[PERSISTENT]`, `"persistent": true`).
    var persistentCalls = PersistentCallTracker()

    init(options: EventOutputOptions, environment: [String: String]) {
        sink = options.sink(environment: environment)
    }

    var format: any OutputFormat { sink.format }
    var lifecycleOnStdout: Bool { sink.lifecycleOnStdout }
    var quiet: Bool {
        get { sink.quiet }
        set { sink.quiet = newValue }
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

    /// The record an event gives, or `nil` when the filters hide it.
    func record(_ event: ClientEvent) -> OutputRecord? {
        guard event.lifecycle != nil || counts(event) else { return nil }
        return .event(event, persistent: persistentCalls.observe(event))
    }

    /// The lines an event gives: for stdout (data) and for stderr (lifecycle notes, warnings).
    func render(_ event: ClientEvent) -> (output: [[UInt8]], errors: [String]) {
        guard let record = record(event) else { return ([], []) }
        var (output, errors) = sink.render(record)
        if let warning = sizeWarning(event) { errors.append(warning) }
        var lines = output.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        if output.last == UInt8(ascii: "\n") || output.isEmpty { lines.removeLast() }
        return (lines, errors)
    }

    /// Writes the event where it belongs. Throws when stdout's reader has gone (EPIPE).
    func print(_ event: ClientEvent) throws {
        guard event.lifecycle != nil || counts(event) else { return }
        try sink.write(event, persistent: persistentCalls.observe(event))
        if let warning = sizeWarning(event) {
            try sink.output.flush()
            StandardStream.diagnose(warning)
        }
    }

    /// A message whose named variables and arrays are over the 2,000 bytes a CTI message may
    /// carry: the warning for stderr (none with `-q`).
    func sizeWarning(_ event: ClientEvent) -> String? {
        guard !sink.quiet, let fields = event.message?.fields, let size = NamedVariableSize(over: fields) else { return nil }
        return "cti: warning: \(fields.descriptor.name): \(size)"
    }

    /// Writes a request's confirmation (marked when it names a persistent call).
    func print(confirmation: CTIMessage) throws {
        let now = WallClock.milliseconds()
        try sink.write(.confirmation(confirmation, timestamp: now, persistent: persistentCalls.observe(confirmation, at: now)))
    }
}
