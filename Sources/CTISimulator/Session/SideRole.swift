/// What a side of the duplexed pair is doing (`session.md` §9): exactly one side is active.
public enum SideRole: String, Hashable, Sendable, CustomStringConvertible {
    /// Delivers events and answers every request.
    case active
    /// Accepts only PV24+ ACTIVE_STANDBY clients; answers only HEARTBEAT_REQ and CLOSE_REQ.
    case standby

    public var description: String { rawValue }
}
