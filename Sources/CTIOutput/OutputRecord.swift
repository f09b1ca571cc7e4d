import CTIClient
import CTIProtocol

/// One thing the console shows: what `watch`, `decode`, the REPL and the request commands hand
/// to an ``OutputSink``, which writes it in the ``OutputFormat`` the user chose (`-o`).
public enum OutputRecord: Sendable {
    /// A frame decoded on its own (`cti decode`), with the protocol version it was decoded with.
    case decoded(CTIMessage, CTIFrame, version: ProtocolVersion)
    /// A frame of a packet capture (`cti decode --pcap`), with where it was in the capture.
    case captured(CTIMessage, CTIFrame, CaptureContext, version: ProtocolVersion)
    /// A record of the client's event stream: a message, an undecodable frame or a lifecycle
    /// record (on stdout only with `--lifecycle`; else a note on stderr). `persistent` marks
    /// the events of persistent calls (`persistent-calls-design.md` §6.3).
    case event(ClientEvent, persistent: PersistentCallTracker.Mark?)
    /// The confirmation of a request the console sent, received at `timestamp` (milliseconds
    /// since 1970). The client hands out the message, not its frame; it is the console's own
    /// record, so its JSON has `"seq": 0` and `"side": null`.
    case confirmation(CTIMessage, timestamp: Int64, persistent: PersistentCallTracker.Mark?)
    /// A session opened: `cti open`'s result (the lifecycle record `opened`).
    case opened(ClientEvent)
    /// A refusal or error, in words: always a line on stderr, whatever the format.
    case refusal(String)
}
