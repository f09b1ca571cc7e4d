import CTIProtocol
import NIOCore

/// CTI frames (MHDR + body) built by the encoder from `Field=value` assignments, as `cti encode`
/// builds them: what test captures carry.
public enum TestFrames {
    /// The frame of message `name` with these assignments (e.g. `"InvokeID=1"`).
    public static func frame(_ name: String, _ assignments: String...) throws -> [UInt8] {
        let fields = try FieldAssignment().build(name, assignments: assignments)
        return Array(try CTIMessageEncoder().encode(.fields(fields)).readableBytesView)
    }

    /// A client's OPEN_REQ.
    public static func openRequest(invokeID: Int = 1) throws -> [UInt8] {
        try frame("OPEN_REQ", "InvokeID=\(invokeID)", "VersionNumber=25", "IdleTimeout=60", "PeripheralID=NONE",
                  "ServicesRequested=ALL_EVENTS", "ClientID=capture-test", "ClientPassword=")
    }

    /// The server's OPEN_CONF.
    public static func openConfirmation(invokeID: Int = 1) throws -> [UInt8] {
        try frame("OPEN_CONF", "InvokeID=\(invokeID)", "ServicesGranted=ALL_EVENTS", "ICMCentralControllerTime=1700000000", "PeripheralOnline=1")
    }

    /// A HEARTBEAT_REQ.
    public static func heartbeat(invokeID: Int) throws -> [UInt8] {
        try frame("HEARTBEAT_REQ", "InvokeID=\(invokeID)")
    }

    /// A CALL_DELIVERED_EVENT for call `callID`, with some floating fields.
    public static func callDelivered(callID: Int) throws -> [UInt8] {
        try frame("CALL_DELIVERED_EVENT", "MonitorID=1", "PeripheralID=5000", "ConnectionCallID=\(callID)", "ConnectionDeviceID=1001",
                  "ANI=5551234", "DNIS=800", "CallVariable1=caller \(callID)")
    }
}
