import CTIProtocol

/// What ``CTIClient/status()`` reports: where the session is and how it has been doing. Kept by
/// the client as it goes (an increment per message, a clock read per heartbeat and per
/// lifecycle change), so asking costs nothing.
public struct ClientStatus: Hashable, Sendable {
    /// Where one side's connection is.
    public enum LegState: String, Hashable, Sendable {
        case idle
        case waitingToReconnect = "waiting to reconnect"
        case connecting
        case opening = "opening (OPEN_REQ sent)"
        case open
        case openStandby = "open (standby)"
        case closing
        case closed
    }

    /// The side requests go to, or else the side being tried.
    public var side: CTISide?
    public var endpoint: Endpoint?
    /// The state of each configured side.
    public var states: [CTISide: LegState]
    public var heartbeatInterval: Duration?
    /// From the last HEARTBEAT_REQ to its HEARTBEAT_CONF.
    public var lastHeartbeatRoundTrip: Duration?
    /// Since the session on ``side`` opened; `nil` while none is open.
    public var sessionUptime: Duration?
    /// Protocol messages received since the client started (all sessions).
    public var messagesReceived: UInt64
    /// Sessions opened since the client started (reopenings included).
    public var sessionsOpened: Int
    /// From the last OPEN_CONF or SYSTEM_EVENT SYS_PERIPHERAL_ONLINE/OFFLINE; `nil`: not known.
    public var peripheralOnline: Bool?
    /// Since requests last moved to another side; `nil`: never.
    public var sinceLastFailover: Duration?
    /// The protocol version of the session (or, before one opens, the version being tried):
    /// with `--protocol auto`, the one the server accepted.
    public var protocolVersion: UInt32

    public init(side: CTISide?, endpoint: Endpoint?, states: [CTISide: LegState], heartbeatInterval: Duration?,
                lastHeartbeatRoundTrip: Duration?, sessionUptime: Duration?, messagesReceived: UInt64, sessionsOpened: Int,
                peripheralOnline: Bool?, sinceLastFailover: Duration?, protocolVersion: UInt32) {
        self.side = side
        self.endpoint = endpoint
        self.states = states
        self.heartbeatInterval = heartbeatInterval
        self.lastHeartbeatRoundTrip = lastHeartbeatRoundTrip
        self.sessionUptime = sessionUptime
        self.messagesReceived = messagesReceived
        self.sessionsOpened = sessionsOpened
        self.peripheralOnline = peripheralOnline
        self.sinceLastFailover = sinceLastFailover
        self.protocolVersion = protocolVersion
    }
}
