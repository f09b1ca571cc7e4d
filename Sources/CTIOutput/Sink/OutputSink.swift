import CTIClient

/// Where records go: the format chosen once (`-o`) writes them to the data stream (stdout, or
/// the file of `watch --record`); lifecycle notes (unless quiet) and refusals go to stderr as
/// `cti: ...` lines. Output is buffered: callers flush the stream when no further record is
/// ready (a `Flusher` does at least every 50 ms while events stream).
public struct OutputSink: Sendable {
    public let format: any OutputFormat
    public var settings: OutputSettings
    /// No lifecycle notes on stderr (`-q`); refusals still show.
    public var quiet: Bool
    /// Lifecycle records on the data stream too, in the format (`--lifecycle`).
    public var lifecycleOnStdout: Bool
    public let output: StandardStream
    public let errors: StandardStream

    public init(format: any OutputFormat, settings: OutputSettings = OutputSettings(), quiet: Bool = false, lifecycleOnStdout: Bool = false,
                output: StandardStream = .output, errors: StandardStream = .error) {
        self.format = format
        self.settings = settings
        self.quiet = quiet
        self.lifecycleOnStdout = lifecycleOnStdout
        self.output = output
        self.errors = errors
    }

    /// Writes the record where it belongs; a note on stderr is flushed at once. Throws when the
    /// data stream's reader has gone (``StandardStream/BrokenPipe``).
    public func write(_ record: OutputRecord) throws {
        if let note = note(for: record) {
            try errors.writeLine(note)
            try errors.flush()
        }
        guard isData(record) else { return }
        try output.append { format.write(record, settings: settings, to: &$0) }
    }

    /// ``write(_:)`` of ``OutputRecord/event(_:persistent:)``: the path of every event `cti
    /// watch` shows, without wrapping a message in a record.
    public func write(_ event: ClientEvent, persistent: PersistentCallTracker.Mark?) throws {
        guard case .message = event.kind else { return try write(.event(event, persistent: persistent)) }
        try output.append { format.write(event, persistent: persistent, settings: settings, to: &$0) }
    }

    /// What the record gives, without writing it: the data stream's bytes, and the lines for
    /// stderr (the REPL prints both above its prompt).
    public func render(_ record: OutputRecord) -> (output: [UInt8], errors: [String]) {
        var output: [UInt8] = []
        if isData(record) { format.write(record, settings: settings, to: &output) }
        return (output, note(for: record).map { [$0] } ?? [])
    }

    /// The stderr line of a lifecycle record (unless quiet) or a refusal.
    private func note(for record: OutputRecord) -> String? {
        switch record {
        case .event(let event, _):
            guard !quiet, case .lifecycle(let lifecycle) = event.kind else { return nil }
            return "cti: " + (event.side.map { "side \($0): " } ?? "") + lifecycle.summary
        case .refusal(let text): return "cti: " + text
        case .decoded, .captured, .confirmation, .opened: return nil
        }
    }

    /// Whether the record goes to the data stream.
    private func isData(_ record: OutputRecord) -> Bool {
        switch record {
        case .event(let event, _): event.lifecycle == nil || lifecycleOnStdout
        case .refusal: false
        case .decoded, .captured, .confirmation, .opened: true
        }
    }
}
