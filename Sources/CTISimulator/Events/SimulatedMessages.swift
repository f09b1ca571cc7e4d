#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CTIProtocol
import NIOCore

/// The server messages the simulator builds itself.
enum SimulatedMessages {
    /// PT_ENTERPRISE_AGENT (`constants.md` §10): the simulated PG is a UCCE agent PG.
    static let peripheralType = PeripheralType.enterpriseAgent.rawValue
    /// SYS_PERIPHERAL_ONLINE (`constants.md` §7).
    static let peripheralOnline = SystemEventID.peripheralOnline.rawValue
    /// The device of every flood END_CALL_EVENT.
    static let floodDevice = "2001"

    /// The central controller time: now, in seconds since 1970 (`wire-format.md` §3 TIME).
    static var now: UInt32 { UInt32(truncatingIfNeeded: time(nil)) }

    /// OPEN_CONF for an accepted OPEN_REQ (`session.md` §3). CLIENT_EVENTS sessions get their
    /// agent fields back and the AgentState of the modelled agent at their device
    /// (AGENT_STATE_LOGOUT when the device is not an agent phone).
    static func openConfirmation(_ grant: OpenPolicy.Grant, agentState: UInt32? = nil) -> CTIMessage {
        let clientEvents = grant.services & ServiceBits.clientEvents != 0
        let request = grant.request
        let confirmation = OpenConfirmation(
            invokeID: request.invokeID, servicesGranted: grant.services, centralControllerTime: now, peripheralOnline: true,
            peripheralType: peripheralType, agentState: clientEvents ? agentState ?? 1 : 0xFFFF, sessionType: grant.sessionType,
            agentExtension: clientEvents ? request.agentExtension : nil, agentID: clientEvents ? request.agentID : nil,
            agentInstrument: clientEvents ? request.agentInstrument : nil)
        return .fields(confirmation.fields)
    }

    /// SYSTEM_EVENT SYS_PERIPHERAL_ONLINE for one peripheral (`session.md` §10).
    static func peripheralOnline(_ peripheral: UInt32) -> CTIMessage {
        var fields = try! MessageFields(named: "SYSTEM_EVENT")
        fields.fixed = [0, now, peripheralOnline, peripheral, 0, 0, 0xFFFF]
        return .fields(fields)
    }

    /// END_CALL_EVENT for the flood generator: ConnectionCallID is the global sequence number.
    static func endCall(callID: UInt32, peripheral: UInt32) -> CTIMessage {
        var fields = endCallTemplate
        fields.setFixedValue(peripheral, at: endCallPeripheralIndex)
        fields.setFixedValue(callID, at: endCallCallIDIndex)
        return .fields(fields)
    }

    /// MonitorID 0, PeripheralType PT_ENTERPRISE_AGENT, ConnectionDeviceIDType 0 (static),
    /// ConnectionDeviceID "2001"; built once (a flood builds one per event).
    private static let endCallTemplate: MessageFields = {
        var fields = try! MessageFields(named: "END_CALL_EVENT")
        try! fields.set(.peripheralType, .number(peripheralType))
        try! fields.set(.connectionDeviceIDType, .number(0))
        try! fields.set(.connectionDeviceID, .text(floodDevice))
        return fields
    }()
    private static let endCallPeripheralIndex = endCallTemplate.fixedSpecs.firstIndex { $0.field == .peripheralID }!
    private static let endCallCallIDIndex = endCallTemplate.fixedSpecs.firstIndex { $0.field == .connectionCallID }!

    /// A frame a client cannot decode: OPEN_CONF whose body stops after 10 of its 32 fixed bytes.
    static func malformedFrame(version: ProtocolVersion) -> CTIFrame {
        let descriptor = MessageCatalog.standard.descriptor(named: "OPEN_CONF")!
        var body = ByteBuffer()
        body.writeInteger(UInt32(0))            // InvokeID
        body.writeInteger(UInt32(0x10))         // ServicesGranted
        body.writeInteger(UInt16(0))            // MonitorID, cut short
        return CTIFrame(type: MessageCatalog.standard.wireType(of: descriptor, version: version), body: body)
    }
}
