import CTIProtocol
import NIOCore

/// One accepted TCP connection and the session on it. A class: the engine looks connections up
/// for every event it routes, thousands of times per request with thousands of sessions
/// (`cti load`, issue 22), and a reference costs one retain where a copy of the whole value
/// cost one per field.
final class Connection {
    let id: ConnectionID
    let side: CTISide
    let channel: any Channel
    /// Encodes in ``version``, leaving out the fields it lacks (OPEN_CONF without SessionType
    /// before 24, no ActiveTerminal, ...); a message or value it lacks is refused and not sent
    /// (``SimulatorEngine/notSent(_:because:to:)``). One per connection, as is ``decoder``.
    private(set) var encoder: CTIMessageEncoder
    /// Decodes in ``version``, noting what the version lacks (``DecodeNote/notInVersion(_:arrivedIn:version:)``).
    private(set) var decoder: CTIMessageDecoder
    /// Set by OPEN_CONF.
    var session: OpenSession?
    /// Why the simulator is closing the connection; `nil` while it is not.
    var closingReason: String?
    /// IdleTimeout watchdog, re-armed by every message received.
    var idleTimer: Scheduled<Void>?
    /// Messages not sent because ``version`` lacks them (or they could not be encoded).
    var notSentCount = 0
    /// The messages already logged as not sent (each is logged once per connection).
    var notSentNames: Set<String> = []

    /// A new connection speaks the simulator's newest version (`--max-protocol`) until an
    /// OPEN_REQ names one it speaks.
    init(id: ConnectionID, side: CTISide, channel: any Channel, version: ProtocolVersion) {
        self.id = id
        self.side = side
        self.channel = channel
        (encoder, decoder) = Connection.codec(version)
    }

    /// The protocol version the connection speaks: that of its OPEN_REQ once the simulator
    /// has read one it speaks, the simulator's newest before.
    var version: ProtocolVersion { encoder.version }

    /// Speaks `version` from now on (an OPEN_REQ named it).
    func speak(_ version: ProtocolVersion) {
        guard version != self.version else { return }
        (encoder, decoder) = Connection.codec(version)
    }

    /// The encoder and decoder of a version, as a server of that version writes and reads.
    private static func codec(_ version: ProtocolVersion) -> (CTIMessageEncoder, CTIMessageDecoder) {
        var encoder = CTIMessageEncoder(version: version)
        encoder.omitsFieldsNewerThanVersion = true
        return (encoder, CTIMessageDecoder(version: version))
    }

    var isClosing: Bool { closingReason != nil }

    /// `client "X"` for log lines, or `no session` before OPEN_CONF.
    var label: String { session.map { "client \"\($0.clientID)\"" } ?? "no session" }
}

/// How the simulator closes a connection.
enum CloseMode {
    /// After everything written so far has been sent (output half-close, FIN, then close).
    case graceful
    /// At once, with SO_LINGER 0 (RST): idle timeouts and faults.
    case reset
}
