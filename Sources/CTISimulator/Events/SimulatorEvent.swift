import CTIProtocol

/// Something the simulator did, for tests to wait on (``CTISimulator/events()``). Each one
/// also has a log line.
public enum SimulatorEvent: Hashable, Sendable {
    /// OPEN_CONF sent.
    case sessionOpened(side: CTISide, connection: Int, clientID: String, services: UInt32)
    /// FAILURE_CONF sent to an OPEN_REQ.
    case openRefused(side: CTISide, connection: Int, status: StatusCode)
    /// A connection closed (`clientID` nil if no session was open on it).
    case connectionClosed(side: CTISide, connection: Int, clientID: String?, reason: String)
    /// The first HEARTBEAT_REQ left unanswered on a side since `heartbeats stop`.
    case heartbeatIgnored(side: CTISide)
    /// A session sent nothing for its IdleTimeout; its connection was reset.
    case idleTimeout(side: CTISide, connection: Int)
    /// A side became active.
    case sideActivated(CTISide)
    /// A maintenance hand-off's old side closed its last session and is standby again.
    case maintenanceDrained(side: CTISide)
}
