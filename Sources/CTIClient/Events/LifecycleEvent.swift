import CTIProtocol

/// A change in the session's life, reported in the same stream as the messages
/// (JSON: `"type": "SESSION"` with `event`).
public enum LifecycleEvent: Hashable, Sendable {
    /// A TCP connection to a side is being attempted.
    case connecting(CTISide, Endpoint)
    /// The TCP connection is up; OPEN_REQ sent.
    case connected(CTISide, Endpoint)
    /// A connection attempt failed; the next attempt goes to `nextSide` after `retryIn`.
    case connectFailed(CTISide, reason: String, nextSide: CTISide?, retryIn: Duration?)
    /// The session opened: what the server granted, and the protocol version it speaks.
    case opened(CTISide, OpenConfirmation, protocolVersion: UInt32)
    /// The side refused the protocol version with E_CTI_INVALID_VERSION; the client opens
    /// again at once with the next older one (`--protocol auto`, issue 20).
    case versionStepDown(CTISide, refused: UInt32, next: UInt32)
    /// The server refused the OPEN_REQ.
    case openRefused(CTISide, status: StatusCode)
    /// A heartbeat went unconfirmed (`count` in a row).
    case heartbeatMissed(CTISide, count: Int)
    /// The session on a side failed (heartbeats, connection lost, server offline, open timeout).
    case sessionFailed(CTISide, reason: String)
    /// Requests now go to another side (active/standby hand-off or reconnect to the other side).
    case failedOver(from: CTISide, to: CTISide)
    /// ACTIVE_MAINTENANCE_REQ answered.
    case maintenanceRequested(CTISide, accepted: Bool)
    /// ACTIVE_MAINTENANCE_EVENT: the hand-off goes ahead (`proceed`) or is cancelled.
    case maintenance(CTISide, proceed: Bool)
    /// The session was closed (by the client, or after it failed and will not reopen).
    case closed(CTISide?, reason: String)

    /// The event's name in text and JSON (`event` key).
    public var name: String {
        switch self {
        case .connecting: "connecting"
        case .connected: "connected"
        case .connectFailed: "connect-failed"
        case .opened: "opened"
        case .versionStepDown: "version-step-down"
        case .openRefused: "open-refused"
        case .heartbeatMissed: "heartbeat-missed"
        case .sessionFailed: "session-failed"
        case .failedOver: "failed-over"
        case .maintenanceRequested: "maintenance-requested"
        case .maintenance: "maintenance"
        case .closed: "closed"
        }
    }

    /// Whether the record tells of an attempt or session that failed (connect failure, OPEN
    /// refusal, missed heartbeat, session failure).
    public var isFailure: Bool {
        switch self {
        case .connectFailed, .openRefused, .heartbeatMissed, .sessionFailed: true
        case .connecting, .connected, .opened, .versionStepDown, .failedOver, .maintenanceRequested, .maintenance, .closed: false
        }
    }

    /// The side the event concerns.
    public var side: CTISide? {
        switch self {
        case .connecting(let side, _), .connected(let side, _), .connectFailed(let side, _, _, _), .opened(let side, _, _),
             .versionStepDown(let side, _, _), .openRefused(let side, _), .heartbeatMissed(let side, _), .sessionFailed(let side, _), .maintenanceRequested(let side, _),
             .maintenance(let side, _):
            side
        case .failedOver(_, let to): to
        case .closed(let side, _): side
        }
    }
}
