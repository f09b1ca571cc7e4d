/// CONTROL_FAILURE_CONF.PeripheralErrorCode values the project names: the persistent-call
/// refusals of `persistent-calls-design.md` §6.4 (the TAPI `LINEERR_OPERATION_FAIL_*` family
/// 0x7E0001xx, the project's values, and Cisco's `LINEERR_OPERATION_FAIL_NO_ACTIVE_RD_SET`).
/// Any other value is the peripheral's own and is shown as a number.
public struct PeripheralErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// No peripheral error.
    public static let none = PeripheralErrorCode(rawValue: 0)
    /// `LINEERR_OPERATION_FAIL_PERSISTENT_CALL_CREATE_FAILED`.
    public static let persistentCallCreateFailed = PeripheralErrorCode(rawValue: 0x7E00_0101)
    /// `LINEERR_OPERATION_FAIL_PERSISTENT_CALL_ALREADY_EXISTS`.
    public static let persistentCallAlreadyExists = PeripheralErrorCode(rawValue: 0x7E00_0102)
    /// `LINEERR_OPERATION_FAIL_OPERATION_NOT_ALLOWED_ON_PERSISTENT_CALL` (R9).
    public static let operationNotAllowedOnPersistentCall = PeripheralErrorCode(rawValue: 0x7E00_0103)
    /// `LINEERR_OPERATION_FAIL_PERSISTENT_CALL_DROP_FAILED_CALL_ACTIVE` (R11: the drop is deferred).
    public static let persistentCallDropFailedCallActive = PeripheralErrorCode(rawValue: 0x7E00_0104)
    /// `LINEERR_NO_PERSISTENT_CALL_EXISTS`.
    public static let noPersistentCallExists = PeripheralErrorCode(rawValue: 0x7E00_0105)
    /// `LINEERR_PERSISTENT_CALL_NOT_ESTABLISHED`.
    public static let persistentCallNotEstablished = PeripheralErrorCode(rawValue: 0x7E00_0106)
    /// `LINEERR_OPERATION_FAIL_OPERATION_NOT_AVAILABLE_IN_CURRENT_STATE`.
    public static let operationNotAvailableInCurrentState = PeripheralErrorCode(rawValue: 0x7E00_0107)
    /// `CTIERR_PERSISTENT_CALL_BEING_SETUP`.
    public static let persistentCallBeingSetUp = PeripheralErrorCode(rawValue: 0x7E00_0108)
    /// `LINEERR_OPERATION_FAIL_NO_ACTIVE_RD_SET` (Cisco's value).
    public static let noActiveRDSet = PeripheralErrorCode(rawValue: 0xC000_0016)

    /// The 0x7E0001xx family the project's persistent-call codes share.
    private static let persistentFamily = (mask: UInt32(0xFFFF_FF00), value: UInt32(0x7E00_0100))

    /// Whether the code is one of the persistent-call codes of §6.4.
    public var isPersistentCallCode: Bool {
        rawValue & Self.persistentFamily.mask == Self.persistentFamily.value || self == .noActiveRDSet
    }

    public var description: String { String(rawValue) }
}
