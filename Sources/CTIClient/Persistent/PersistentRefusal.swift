import CTIProtocol

/// What a refusal of a persistent-call request means, in words and by Cisco's TAPI/JTAPI name
/// (`persistent-calls-design.md` §6.4: the FailureCode / PeripheralErrorCode pairs of
/// ``PersistentCallRefusal``; a real server that does not know the extension answers FAILURE_CONF).
public enum PersistentRefusal {
    /// The explanation of a refusal for `device`, e.g. "no active remote destination on 5001
    /// (LINEERR_OPERATION_FAIL_NO_ACTIVE_RD_SET)".
    public static func explain(_ error: CTIClientError, device: String) -> String {
        switch error {
        case .requestFailed(let status) where status == .invalidMessageLength || status == .invalidMsgTypeForVersion:
            return "this server does not support persistent calls; use `agent login --nailed`"
        case .requestFailed(.functionNotAvailable):
            return "the session was not granted CLIENT_CONTROL (needed to make a persistent call)"
        case .requestFailed(.requiredDataMissing):
            return "the request lacks the device or the calling ID"
        case .controlFailed(let code, let peripheral):
            guard let refusal = PersistentCallRefusal(failureCode: code, peripheralErrorCode: peripheral) else { return error.description }
            return words(refusal, device: device) + (refusal.ciscoName.map { " (\($0))" } ?? "")
        default:
            return error.description
        }
    }

    private static func words(_ refusal: PersistentCallRefusal, device: String) -> String {
        switch refusal {
        case .badFlags: "DevSpecificFlags must be 0x2"
        case .foreignDevice: "\(device) is not this session's device"
        case .notRemoteDevice: "\(device) is not a CTI Remote Device"
        case .noActiveRD: "no active remote destination on \(device)"
        case .alreadyExists: "a persistent call already exists on \(device)"
        case .beingSetUp: "a persistent call is being set up on \(device)"
        case .otherCall: "another call exists on \(device)"
        case .capacity: "the persistent call capacity is reached"
        case .feature: "not allowed on a persistent call"
        case .dropCallActive:
            "drop refused: a customer call is active on \(device); the persistent call will be dropped when that call ends"
        }
    }

    /// Whether a drop was refused because a customer call is active (the server drops the
    /// persistent call when that call ends: R11).
    public static func isDeferredDrop(_ error: CTIClientError) -> Bool {
        if case .controlFailed(let code, let peripheral) = error {
            return PersistentCallRefusal(failureCode: code, peripheralErrorCode: peripheral) == .dropCallActive
        }
        return false
    }
}
