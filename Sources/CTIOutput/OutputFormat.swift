import CTIClient

/// A way of writing ``OutputRecord``s on stdout (or a file): one type per format, each in its
/// own file under `Formats/`, registered by one line in ``OutputFormats/all``, which gives the
/// `-o` values, their help and their completion.
public protocol OutputFormat: Sendable {
    /// The `-o` value, e.g. `json`.
    var name: String { get }
    /// What it writes, in a few words for `--help` (after the name, in parentheses).
    var summary: String { get }
    /// Appends what `record` shows in this format to `output`: whole lines, each ending in a
    /// newline, or the bytes themselves for a binary format; nothing for a record the format
    /// has no form for. ``OutputRecord/refusal(_:)`` is the sink's (stderr), never passed here.
    func write(_ record: OutputRecord, settings: OutputSettings, to output: inout [UInt8])
    /// ``write(_:settings:to:)`` of ``OutputRecord/event(_:persistent:)``, for every event
    /// `cti watch` shows: a format on that path writes the event without wrapping it in a
    /// record (which copies it). The default wraps it.
    func write(_ event: ClientEvent, persistent: PersistentCallTracker.Mark?, settings: OutputSettings, to output: inout [UInt8])
}

extension OutputFormat {
    public func write(_ event: ClientEvent, persistent: PersistentCallTracker.Mark?, settings: OutputSettings, to output: inout [UInt8]) {
        write(.event(event, persistent: persistent), settings: settings, to: &output)
    }
}
