import CTIProtocol

/// The status codes the simulator sends in FAILURE_CONF / FAILURE_EVENT (`constants.md` §6),
/// looked up by their Cisco names in the embedded spec so the numbers live in one place.
enum StatusCode {
    static let noError = code("E_CTI_NO_ERROR")
    static let invalidVersion = code("E_CTI_INVALID_VERSION")
    static let sessionNotOpen = code("E_CTI_SESSION_NOT_OPEN")
    static let sessionAlreadyOpen = code("E_CTI_SESSION_ALREADY_OPEN")
    static let requiredDataMissing = code("E_CTI_REQUIRED_DATA_MISSING")
    static let invalidPeripheralID = code("E_CTI_INVALID_PERIPHERAL_ID")
    static let deviceInUse = code("E_CTI_DEVICE_IN_USE")
    static let newSessionOpened = code("E_CTI_NEW_SESSION_OPENED")
    static let functionNotAvailable = code("E_CTI_FUNCTION_NOT_AVAILABLE")
    static let serverOffline = code("E_CTI_CTI_SERVER_OFFLINE")
    static let timeout = code("E_CTI_TIMEOUT")
    static let invalidTimeout = code("E_CTI_INVALID_TIMEOUT")
    static let invalidServiceMask = code("E_CTI_INVALID_SERVICE_MASK")
    static let invalidCallMessageMask = code("E_CTI_INVALID_CALL_MSG_MASK")
    static let invalidAgentStateMask = code("E_CTI_INVALID_AGENT_STATE_MASK")
    static let invalidReservedField = code("E_CTI_INVALID_RESERVED_FIELD")
    static let badMessageFormat = code("E_CTI_BAD_MESSAGE_FORMAT")
    static let inconsistentAgentData = code("E_CTI_INCONSISTENT_AGENT_DATA")
    static let invalidPassword = code("E_CTI_INVALID_PASSWORD")
    static let clientDisconnected = code("E_CTI_CLIENT_DISCONNECTED")
    static let serverNotMaster = code("E_CTI_SERVER_NOT_MASTER")
    /// No `CTI_` in the Cisco name (`constants.md` §6, value 95).
    static let invalidConfigMessageMask = code("E_INVALID_CONFIG_MSG_MASK")
    static let invalidClientForStandby = code("E_CTI_INVALID_CLIENT_FOR_STANDBY")
    static let serverInMaintenanceMode = code("E_CTI_SERVER_IN_MAINTENANCE_MODE")

    private static let table = MessageCatalog.standard.enumTable(named: "StatusCode")!

    private static func code(_ name: String) -> UInt32 {
        guard let value = table.value(named: name) else { preconditionFailure("StatusCode table has no \(name)") }
        return value
    }

    /// `E_CTI_… (n)`, for log lines.
    static func describe(_ status: UInt32) -> String {
        "\(table.name(of: status) ?? "status") (\(status))"
    }
}
