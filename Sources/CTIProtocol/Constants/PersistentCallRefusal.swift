/// The CONTROL_FAILURE_CONF a persistent-call request is refused with, one case per rule
/// (`persistent-calls-design.md` §6.4): the FailureCode and PeripheralErrorCode pair, and the
/// Cisco TAPI/JTAPI name a trace shows. The simulator answers with these pairs and the client
/// explains them by the same table, so the two cannot drift.
public enum PersistentCallRefusal: CaseIterable, Hashable, Sendable {
    /// DevSpecificFlags ≠ 0x2.
    case badFlags
    /// An agent-mode session names a foreign instrument.
    case foreignDevice
    /// The device is not a CTI Remote Device.
    case notRemoteDevice
    /// No remote destination configured or active.
    case noActiveRD
    /// The device's persistent call is established.
    case alreadyExists
    /// The device's persistent call is being set up.
    case beingSetUp
    /// Another call exists on the device at create.
    case otherCall
    /// The cluster or node capacity is reached.
    case capacity
    /// A feature request names the persistent call (§6.5 R9).
    case feature
    /// A drop while a customer call is active (R11: the drop is deferred).
    case dropCallActive

    /// The CONTROL_FAILURE_CONF FailureCode.
    public var failureCode: ControlFailureCode {
        switch self {
        case .badFlags: .valueOutOfRange
        case .foreignDevice: .privilegeViolationOnSpecifiedDevice
        case .notRemoteDevice: .invalidCallingDevice
        case .noActiveRD: .invalidCalledDevice
        case .alreadyExists: .invalidObjectState
        case .beingSetUp: .duplicateInvocationRejection
        case .otherCall, .dropCallActive: .genericStateIncompatibility
        case .capacity: .resourceLimitationRejection
        case .feature: .requestIncompatibleWithObject
        }
    }

    /// The CONTROL_FAILURE_CONF PeripheralErrorCode.
    public var peripheralErrorCode: PeripheralErrorCode {
        switch self {
        case .badFlags, .foreignDevice, .notRemoteDevice, .capacity: .persistentCallCreateFailed
        case .noActiveRD: .noActiveRDSet
        case .alreadyExists: .persistentCallAlreadyExists
        case .beingSetUp: .persistentCallBeingSetUp
        case .otherCall: .operationNotAvailableInCurrentState
        case .feature: .operationNotAllowedOnPersistentCall
        case .dropCallActive: .persistentCallDropFailedCallActive
        }
    }

    /// The Cisco name of the refusal (TAPI `LINEERR_*` or `CTIERR_*`), as traces show it; the
    /// flag and ownership checks have none (§6.4: "–").
    public var ciscoName: String? {
        switch self {
        case .badFlags, .foreignDevice: nil
        case .notRemoteDevice: "LINEERR_OPERATION_FAIL_PERSISTENT_CALL_CREATE_FAILED"
        case .noActiveRD: "LINEERR_OPERATION_FAIL_NO_ACTIVE_RD_SET"
        case .alreadyExists: "LINEERR_OPERATION_FAIL_PERSISTENT_CALL_ALREADY_EXISTS"
        case .beingSetUp: "CTIERR_PERSISTENT_CALL_BEING_SETUP"
        case .otherCall: "LINEERR_OPERATION_FAIL_OPERATION_NOT_AVAILABLE_IN_CURRENT_STATE"
        case .capacity: "CTIERR_CREATE_PERSISTENT_CALL_FAILED"
        case .feature: "LINEERR_OPERATION_FAIL_OPERATION_NOT_ALLOWED_ON_PERSISTENT_CALL"
        case .dropCallActive: "LINEERR_OPERATION_FAIL_PERSISTENT_CALL_DROP_FAILED_CALL_ACTIVE"
        }
    }

    /// Whether the FailureCode alone names the refusal: the rules whose code no other rule
    /// shares with another PeripheralErrorCode meaning (a server may send its own
    /// PeripheralErrorCode with them).
    private var failureCodeSuffices: Bool {
        switch self {
        case .badFlags, .foreignDevice, .notRemoteDevice, .beingSetUp, .capacity, .feature: true
        case .noActiveRD, .alreadyExists, .otherCall, .dropCallActive: false
        }
    }

    /// The refusal a CONTROL_FAILURE_CONF to a persistent-call request means, if it is one.
    public init?(failureCode: ControlFailureCode, peripheralErrorCode: PeripheralErrorCode) {
        let match = Self.allCases.first { $0.failureCode == failureCode && $0.peripheralErrorCode == peripheralErrorCode }
            ?? Self.allCases.first { $0.failureCode == failureCode && $0.failureCodeSuffices }
        guard let match else { return nil }
        self = match
    }
}
