import CTIProtocol
import NIOCore

/// One accepted TCP connection and the session on it.
struct Connection {
    let id: ConnectionID
    let side: CTISide
    let channel: any Channel
    /// Encoding and decoding follow the version of the OPEN_REQ (PV25 until then).
    var version: ProtocolVersion = .v25
    /// Set by OPEN_CONF.
    var session: OpenSession?
    /// Why the simulator is closing the connection; `nil` while it is not.
    var closingReason: String?
    /// IdleTimeout watchdog, re-armed by every message received.
    var idleTimer: Scheduled<Void>?

    init(id: ConnectionID, side: CTISide, channel: any Channel) {
        self.id = id
        self.side = side
        self.channel = channel
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
