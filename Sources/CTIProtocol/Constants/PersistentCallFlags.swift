/// PERSISTENT_CALL_REQ.DevSpecificFlags (`persistent-calls-design.md` §6: the project's
/// extension): the one value a persistent-call request carries; any other is refused
/// (``PersistentCallRefusal/badFlags``).
public enum PersistentCallFlags {
    /// `0x00000002`: create the persistent call.
    public static let create: UInt32 = 0x0000_0002
}
