import CTIProtocol

/// Why a client operation failed.
public enum CTIClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The server refused the OPEN_REQ with this status (FAILURE_CONF).
    case openRefused(status: UInt32)
    /// No session opened: every configured side and why it failed (or where it was when
    /// ``ClientConfiguration/initialOpenDeadline`` passed).
    case unreachable(String)
    /// A request was refused with FAILURE_CONF (status code).
    case requestFailed(status: UInt32)
    /// A Client Control request was refused with CONTROL_FAILURE_CONF.
    case controlFailed(failureCode: UInt32, peripheralErrorCode: UInt32)
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

    /// Status names from the catalogue (`E_CTI_*`, `CF_*`).
    static func statusName(_ status: UInt32) -> String {
        MessageCatalog.standard.enumTable(named: "StatusCode")?.name(of: status) ?? "status \(status)"
    }

    static func failureName(_ code: UInt32) -> String {
        MessageCatalog.standard.enumTable(named: "ControlFailureCode")?.name(of: code) ?? "failure code \(code)"
    }

    /// E_CTI_INVALID_CLIENT_FOR_STANDBY: the side is the standby one, so the other is active.
    static let standbyStatus: UInt32 = 107

    /// Whether an OPEN refusal means "this side cannot serve you now, try the other":
    /// server offline, timeout, not master, standby, maintenance.
    public static func isTransientOpenStatus(_ status: UInt32) -> Bool {
        [15, 16, 92, 107, 110].contains(status)
    }

    public var description: String {
        switch self {
        case .openRefused(let status): "OPEN refused: \(CTIClientError.statusName(status)) (\(status))"
        case .unreachable(let reason): "no CTI Server reachable: \(reason)"
        case .requestFailed(let status): "request refused: \(CTIClientError.statusName(status)) (\(status))"
        case .controlFailed(let code, let peripheral):
            "request refused: \(CTIClientError.failureName(code)) (\(code))" + (peripheral != 0 ? ", peripheral error \(peripheral)" : "")
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
