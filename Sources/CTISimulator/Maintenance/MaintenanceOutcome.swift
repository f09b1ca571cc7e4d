import CTIProtocol

/// How a ``CTISimulator/maintenance()`` request ended (`session.md` §9).
public enum MaintenanceOutcome: Hashable, Sendable, CustomStringConvertible {
    /// Every ACTIVE_STANDBY session accepted: `newActive` is now the active side (the old side
    /// goes on draining its sessions for up to 5 s).
    case completed(newActive: CTISide)
    /// A session rejected or did not answer in time (listed by ClientID): ACTIVE_MAINTENANCE_EVENT_MSG(0).
    case cancelled(rejectedBy: [String])
    /// Not started (another hand-off in progress, the other side down, …).
    case refused(String)
    /// Stopped half-way (the side was killed, the simulator stopped).
    case aborted(String)

    public var description: String {
        switch self {
        case .completed(let side): "maintenance completed: side \(side) is active"
        case .cancelled(let clients): "maintenance cancelled: rejected by \(clients.map { "\"\($0)\"" }.joined(separator: ", "))"
        case .refused(let reason): "maintenance refused: \(reason)"
        case .aborted(let reason): "maintenance aborted: \(reason)"
        }
    }
}
