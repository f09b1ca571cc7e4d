import CTIProtocol
import NIOCore

/// One side of the duplexed pair, as the engine keeps it.
struct SideState {
    /// The port configured, then the port bound (kept for `revive`).
    var port: Int
    /// The listening channel; `nil` while the side is down (never started, or killed).
    var listener: (any Channel)?
    /// `heartbeats stop`: HEARTBEAT_REQ is not answered.
    var heartbeatsStopped = false
    /// When the first HEARTBEAT_REQ was left unanswered since `heartbeats stop`.
    var firstIgnoredHeartbeat: ContinuousClock.Instant?
    /// Callers of ``CTISimulator/firstIgnoredHeartbeat(on:)`` waiting for it.
    var heartbeatWaiters: [EventLoopPromise<ContinuousClock.Instant>] = []
    /// `hang`: connections are not read (autoRead off) and nothing is answered or published.
    var isHung = false
    /// From ACTIVE_MAINTENANCE_REQ_MSG until the side is back to standby (or the hand-off is
    /// cancelled): new OPEN_REQs get E_CTI_SERVER_IN_MAINTENANCE_MODE (110).
    var inMaintenance = false

    init(port: Int) { self.port = port }

    var isListening: Bool { listener != nil }
}
