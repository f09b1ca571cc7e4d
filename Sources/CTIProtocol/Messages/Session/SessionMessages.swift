/// Builders for the small session messages (`session.md` §4-9): one fixed part each, no
/// floating fields. Each returns a message ready to encode.
public enum SessionMessages {
    static func message(_ name: String, _ fixed: [UInt32]) -> CTIMessage {
        var fields = MessageFields(MessageCatalog.standard.descriptor(named: name)!)
        fields.fixed = fixed
        return .fields(fields)
    }

    public static func heartbeatRequest(invokeID: UInt32) -> CTIMessage { message("HEARTBEAT_REQ", [invokeID]) }
    public static func heartbeatConfirmation(invokeID: UInt32) -> CTIMessage { message("HEARTBEAT_CONF", [invokeID]) }
    /// CLOSE_REQ with the reason status (E_CTI_NO_ERROR = 0 for a normal close).
    public static func closeRequest(invokeID: UInt32, status: StatusCode = .noError) -> CTIMessage { message("CLOSE_REQ", [invokeID, status.rawValue]) }
    public static func closeConfirmation(invokeID: UInt32) -> CTIMessage { message("CLOSE_CONF", [invokeID]) }
    /// FAILURE_CONF, 8-byte form (InvokeID, Status).
    public static func failureConfirmation(invokeID: UInt32, status: StatusCode) -> CTIMessage { message("FAILURE_CONF", [invokeID, status.rawValue]) }
    public static func failureEvent(status: StatusCode) -> CTIMessage { message("FAILURE_EVENT", [status.rawValue]) }
    public static func controlFailureConfirmation(invokeID: UInt32, failureCode: ControlFailureCode,
                                                  peripheralErrorCode: PeripheralErrorCode = .none) -> CTIMessage {
        message("CONTROL_FAILURE_CONF", [invokeID, failureCode.rawValue, peripheralErrorCode.rawValue])
    }
    public static func standbyActiveEvent() -> CTIMessage { message("STANDBY_ACTIVE_EVENT_MSG", []) }
    public static func activeMaintenanceRequest(invokeID: UInt32) -> CTIMessage { message("ACTIVE_MAINTENANCE_REQ_MSG", [invokeID]) }
    public static func activeMaintenanceResponse(invokeID: UInt32, accepted: Bool) -> CTIMessage {
        message("ACTIVE_MAINTENANCE_RESP_MSG", [invokeID, accepted ? 1 : 0])
    }
    /// MaintenanceModeStatus: 1 continue, 0 cancelled.
    public static func activeMaintenanceEvent(proceed: Bool) -> CTIMessage { message("ACTIVE_MAINTENANCE_EVENT_MSG", [proceed ? 1 : 0]) }
    public static func stoppingRequestsToThisSide() -> CTIMessage { message("STOPPING_REQUESTS_TO_THIS_SIDE_IND", []) }
}
