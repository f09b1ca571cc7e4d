import CTIProtocol

/// Everything a ``CTIClient`` needs to reach a CTI Server and open a session
/// (`session.md` §1-8).
public struct ClientConfiguration: Sendable {
    /// Side A (tried first) and, optionally, side B.
    public var sideA: Endpoint
    public var sideB: Endpoint?
    public var protocolVersion: ProtocolVersion
    /// `--protocol auto` (issue 20): when a side answers OPEN_REQ with E_CTI_INVALID_VERSION,
    /// open again on the same side at once with the next older version, down to 20; the
    /// version the session settles on stays for the client's life (both sides, reopenings).
    public var negotiatesProtocolVersion = false
    /// The OPEN_REQ to send; `invokeID` and `idleTimeout` are filled in per attempt from
    /// ``heartbeatInterval``.
    public var open: OpenRequest
    /// `nil`: no heartbeats (IdleTimeout 0xFFFFFFFF). At least 5 s (`session.md` §7).
    public var heartbeatInterval: Duration?
    /// How long a TCP connect may take.
    public var connectTimeout: Duration
    /// How long to wait for OPEN_CONF (`session.md` §3: at least 30 s).
    public var openTimeout: Duration
    /// How long to wait for a request's confirmation (the guide allows 10-15 s).
    public var requestTimeout: Duration
    /// How long to wait for CLOSE_CONF before resetting (`session.md` §8).
    public var closeTimeout: Duration
    /// Delays between connection attempts: 1, 2, 4 ... capped.
    public var backoff: Backoff
    /// How long ``CTIClient/open()`` keeps alternating between sides before it gives up;
    /// `nil`: until a session opens.
    public var initialOpenDeadline: Duration?
    /// How many times ``CTIClient/open()`` tries each configured side (A, then B, each attempt
    /// bounded by ``connectTimeout`` and ``openTimeout``) before it gives up, naming every side
    /// and why it failed; `nil`: until a session opens (or ``initialOpenDeadline``).
    public var initialOpenRounds: Int?
    /// Whether an OPEN refusal is retried like a connection failure (with back-off) instead of
    /// ending the client. Refusals that mean "try the other side" (server offline, standby,
    /// maintenance) are always retried.
    public var retryRefusedOpen: Bool
    /// Whether a session that fails after it opened is reopened (alternating sides).
    public var reconnect: Bool
    /// Answer to ACTIVE_MAINTENANCE_REQ (PV24+ active/standby).
    public var acceptMaintenance: Bool
    /// Messages the client buffers for a slow consumer before it stops reading the socket.
    public var bufferCapacity: Int
    /// Where the messages and lifecycle records go (default: the ``CTIClient/events`` stream).
    public var eventDelivery: EventDelivery = .stream
    /// The size the receive buffer starts at (NIO's adaptive allocator grows it when a read
    /// fills it); `nil`: NIO's default (2 KiB, two kept per connection). Smaller for thousands of
    /// sessions that each receive little (`cti load`).
    public var receiveBufferSize: Int?
    /// Send mask bits the spec does not define (servers reject them; `--force`).
    public var allowUndefinedMaskBits = false
    /// TLS to both sides; `nil`: plain TCP.
    public var tls: ClientTLS?
    /// Shown every byte sent and received on each connection, and each connection's start and
    /// end (`watch --record FILE.pcap`); `nil`: nothing is tapped.
    public var frameTap: FrameTap?

    public init(
        sideA: Endpoint, sideB: Endpoint? = nil, protocolVersion: ProtocolVersion = .v25, open: OpenRequest,
        heartbeatInterval: Duration? = .seconds(15), connectTimeout: Duration = .seconds(5), openTimeout: Duration = .seconds(30),
        requestTimeout: Duration = .seconds(30), closeTimeout: Duration = .seconds(5), backoff: Backoff = Backoff(),
        initialOpenDeadline: Duration? = nil, initialOpenRounds: Int? = nil, retryRefusedOpen: Bool = false, reconnect: Bool = true, acceptMaintenance: Bool = true,
        bufferCapacity: Int = 100_000
    ) {
        self.sideA = sideA
        self.sideB = sideB
        self.protocolVersion = protocolVersion
        self.open = open
        self.heartbeatInterval = heartbeatInterval
        self.connectTimeout = connectTimeout
        self.openTimeout = openTimeout
        self.requestTimeout = requestTimeout
        self.closeTimeout = closeTimeout
        self.backoff = backoff
        self.initialOpenDeadline = initialOpenDeadline
        self.initialOpenRounds = initialOpenRounds
        self.retryRefusedOpen = retryRefusedOpen
        self.reconnect = reconnect
        self.acceptMaintenance = acceptMaintenance
        self.bufferCapacity = bufferCapacity
    }

    /// The OPEN_CONF wait of a client that gives up rather than retries (one-shot commands):
    /// the guide's "normally within 5 s" (`session.md` §3), so that side B is tried in time when
    /// side A accepts connections but does not answer. Clients that keep retrying wait the
    /// guide's 30 s (``openTimeout``'s default).
    public static let promptOpenTimeout = Duration.seconds(5)

    /// The shortest heartbeat interval the guide allows.
    public static let minimumHeartbeatInterval = Duration.seconds(5)

    /// OPEN_REQ.IdleTimeout: 4 × the heartbeat interval, or 0xFFFFFFFF without heartbeats.
    public var idleTimeout: UInt32 {
        guard let heartbeatInterval else { return OpenRequest.noIdleTimeout }
        return UInt32(clamping: heartbeatInterval.components.seconds * 4)
    }

    /// Whether the client holds sessions on both sides (CTI_SERVICE_ACTIVE_STANDBY requested,
    /// protocol 24+, two sides configured).
    public var isActiveStandby: Bool {
        sideB != nil && protocolVersion.number >= 24 && open.servicesRequested & ServiceMaskBits.activeStandby != 0
    }

    /// The endpoint of a side (side B falls back to A's host on B's default port).
    public func endpoint(_ side: CTISide) -> Endpoint {
        side == .a ? sideA : (sideB ?? sideA)
    }

    /// A unique client ID for this process, so two `cti` processes never end each other's
    /// sessions: `cti-<hostname>-<pid>`.
    public static func defaultClientID(hostname: String, pid: Int32) -> String {
        String("cti-\(hostname)-\(pid)".prefix(63))
    }
}

/// Growing delays between connection attempts: `initial`, doubled after each failure, capped.
public struct Backoff: Hashable, Sendable {
    public var initial: Duration
    public var maximum: Duration

    public init(initial: Duration = .seconds(1), maximum: Duration = .seconds(30)) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The delay before attempt `failures + 1` after `failures` consecutive failures: none after
    /// the first (the other side is tried at once), then 1, 2, 4 ... up to the maximum.
    public func delay(afterFailures failures: Int) -> Duration {
        guard failures > 1 else { return .zero }
        var delay = initial
        for _ in 2..<failures where delay < maximum { delay *= 2 }
        return min(delay, maximum)
    }
}
