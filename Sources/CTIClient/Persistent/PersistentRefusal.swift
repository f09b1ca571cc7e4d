import CTIProtocol

/// What a refusal of a persistent-call request means, in words and by Cisco's TAPI/JTAPI name
/// (`persistent-calls-design.md` §6.4: the FailureCode / PeripheralErrorCode pairs the project's
/// simulator answers with; a real server that does not know the extension answers FAILURE_CONF).
public enum PersistentRefusal {
    /// The explanation of a refusal for `device`, e.g. "no active remote destination on 5001
    /// (LINEERR_OPERATION_FAIL_NO_ACTIVE_RD_SET)".
    public static func explain(_ error: CTIClientError, device: String) -> String {
        switch error {
        case .requestFailed(let status) where status == 2 || status == 48:
            return "this server does not support persistent calls; use `agent login --nailed`"
        case .requestFailed(12):
            return "the session was not granted CLIENT_CONTROL (needed to make a persistent call)"
        case .requestFailed(6):
            return "the request lacks the device or the calling ID"
        case .controlFailed(let code, let peripheral):
            switch (code, peripheral) {
            case (3, _): return "DevSpecificFlags must be 0x2"
            case (8, _): return "\(device) is not this session's device"
            case (5, _): return "\(device) is not a CTI Remote Device (LINEERR_OPERATION_FAIL_PERSISTENT_CALL_CREATE_FAILED)"
            case (6, 0xC000_0016): return "no active remote destination on \(device) (LINEERR_OPERATION_FAIL_NO_ACTIVE_RD_SET)"
            case (22, 0x7E00_0102): return "a persistent call already exists on \(device) (LINEERR_OPERATION_FAIL_PERSISTENT_CALL_ALREADY_EXISTS)"
            case (72, _): return "a persistent call is being set up on \(device) (CTIERR_PERSISTENT_CALL_BEING_SETUP)"
            case (21, 0x7E00_0107): return "another call exists on \(device) (LINEERR_OPERATION_FAIL_OPERATION_NOT_AVAILABLE_IN_CURRENT_STATE)"
            case (75, _): return "the persistent call capacity is reached (CTIERR_CREATE_PERSISTENT_CALL_FAILED)"
            case (2, _): return "not allowed on a persistent call (LINEERR_OPERATION_FAIL_OPERATION_NOT_ALLOWED_ON_PERSISTENT_CALL)"
            case (21, 0x7E00_0104):
                return "drop refused: a customer call is active on \(device); the persistent call will be dropped when that call ends "
                    + "(LINEERR_OPERATION_FAIL_PERSISTENT_CALL_DROP_FAILED_CALL_ACTIVE)"
            default: return error.description
            }
        default:
            return error.description
        }
    }

    /// Whether a PeripheralErrorCode is one of the persistent-call codes of §6.4 (the TAPI
    /// LINEERR_OPERATION_FAIL_* family 0x7E0001xx and LINEERR_OPERATION_FAIL_NO_ACTIVE_RD_SET).
    public static func isPersistentCallCode(_ peripheralErrorCode: UInt32) -> Bool {
        peripheralErrorCode & 0xFFFF_FF00 == 0x7E00_0100 || peripheralErrorCode == 0xC000_0016
    }

    /// Whether a drop was refused because a customer call is active (the server drops the
    /// persistent call when that call ends: R11).
    public static func isDeferredDrop(_ error: CTIClientError) -> Bool {
        if case .controlFailed(21, 0x7E00_0104) = error { return true }
        return false
    }
}
