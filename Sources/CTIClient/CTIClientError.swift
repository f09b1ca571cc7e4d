import CTIProtocol

/// Why a client operation failed.
public enum CTIClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The server refused the OPEN_REQ with this status (FAILURE_CONF).
    case openRefused(status: StatusCode)
    /// No session opened: every configured side and why it failed (or where it was when
    /// ``ClientConfiguration/initialOpenDeadline`` passed).
    case unreachable(String)
    /// A request was refused with FAILURE_CONF (status code).
    case requestFailed(status: StatusCode)
    /// A Client Control request was refused with CONTROL_FAILURE_CONF.
    case controlFailed(failureCode: ControlFailureCode, peripheralErrorCode: PeripheralErrorCode)
    /// No confirmation within the request timeout.
    case requestTimedOut
    /// The connection was lost while the request was pending.
    case connectionLost(String)
    /// There is no open session to send the request on.
    case notOpen
    /// The client was closed.
    case closed
    /// The message cannot be encoded.
    case encoding(String)
    /// The caller gave the request up before its confirmation came.
    case cancelled
    /// The TLS settings cannot be used (a file missing or not PEM, a certificate without its key).
    case tls(String)


    /// Whether an OPEN refusal means "this side cannot serve you now, try the other":
    /// server offline, timeout, not master, standby, maintenance.
    public static func isTransientOpenStatus(_ status: StatusCode) -> Bool {
        [.ctiServerOffline, .timeout, .serverNotMaster, .invalidClientForStandby, .serverInMaintenanceMode].contains(status)
    }

    /// The status's Cisco name (`E_CTI_*`), or `status N` for a number the spec does not name.
    static func statusName(_ status: StatusCode) -> String {
        status.name ?? "status \(status.rawValue)"
    }

    public var description: String {
        switch self {
        case .openRefused(let status): "OPEN refused: \(CTIClientError.statusName(status)) (\(status.rawValue))"
        case .unreachable(let reason): "no CTI Server reachable: \(reason)"
        case .requestFailed(let status): "request refused: \(CTIClientError.statusName(status)) (\(status.rawValue))"
        case .controlFailed(let code, let peripheral):
            "request refused: \(code.name ?? "failure code \(code.rawValue)") (\(code.rawValue))"
                + (peripheral != .none ? ", peripheral error \(peripheral.rawValue)" : "")
        case .requestTimedOut: "no confirmation in time"
        case .connectionLost(let reason): "connection lost: \(reason)"
        case .notOpen: "no open session"
        case .closed: "the client is closed"
        case .encoding(let reason): "cannot encode the request: \(reason)"
        case .cancelled: "request cancelled"
        case .tls(let reason): reason
        }
    }
}
