/// OPEN_CONF (`session.md` §3) as a typed value: what the server granted.
public struct OpenConfirmation: Hashable, Sendable {
    /// `SessionType` values (PV24+; project names, `ERRATA.md`).
    public enum SessionType: UInt32, Hashable, Sendable {
        case unknown = 0
        case active = 1
        case standby = 2
    }

    public var invokeID: UInt32
    /// May be fewer services than requested.
    public var servicesGranted: UInt32
    public var monitorID: UInt32
    public var pgStatus: UInt32
    public var centralControllerTime: UInt32
    public var peripheralOnline: Bool
    public var peripheralType: UInt32
    public var agentState: UInt32
    public var departmentID: Int32
    public var sessionType: SessionType
    public var agentExtension: String?
    public var agentID: String?
    public var agentInstrument: String?

    public init(
        invokeID: UInt32, servicesGranted: UInt32, monitorID: UInt32 = 0, pgStatus: UInt32 = 0, centralControllerTime: UInt32 = 0,
        peripheralOnline: Bool = true, peripheralType: UInt32 = 0xFFFF, agentState: UInt32 = 0xFFFF, departmentID: Int32 = -1,
        sessionType: SessionType = .unknown, agentExtension: String? = nil, agentID: String? = nil, agentInstrument: String? = nil
    ) {
        self.invokeID = invokeID
        self.servicesGranted = servicesGranted
        self.monitorID = monitorID
        self.pgStatus = pgStatus
        self.centralControllerTime = centralControllerTime
        self.peripheralOnline = peripheralOnline
        self.peripheralType = peripheralType
        self.agentState = agentState
        self.departmentID = departmentID
        self.sessionType = sessionType
        self.agentExtension = agentExtension
        self.agentID = agentID
        self.agentInstrument = agentInstrument
    }

    /// Reads an OPEN_CONF; `nil` for another message.
    public init?(_ fields: MessageFields) {
        guard fields.descriptor.name == "OPEN_CONF" else { return nil }
        invokeID = fields.number(.invokeID) ?? 0
        servicesGranted = fields.number(.servicesGranted) ?? 0
        monitorID = fields.number(.monitorID) ?? 0
        pgStatus = fields.number(.pgStatus) ?? 0
        centralControllerTime = fields.number(.icmCentralControllerTime) ?? 0
        peripheralOnline = fields.number(.peripheralOnline) == 1
        peripheralType = fields.number(.peripheralType) ?? 0xFFFF
        agentState = fields.number(.agentState) ?? 0xFFFF
        departmentID = Int32(bitPattern: fields.number(.departmentID) ?? 0)
        sessionType = SessionType(rawValue: fields.number(.sessionType) ?? 0) ?? .unknown
        agentExtension = fields.string(.agentExtension)
        agentID = fields.string(.agentID)
        agentInstrument = fields.string(.agentInstrument)
    }

    /// The message, ready to encode.
    public var fields: MessageFields {
        var fields = MessageFields(MessageCatalog.standard.descriptor(named: "OPEN_CONF")!)
        fields.fixed = [invokeID, servicesGranted, monitorID, pgStatus, centralControllerTime, peripheralOnline ? 1 : 0, peripheralType,
                        agentState, UInt32(bitPattern: departmentID), sessionType.rawValue]
        for (tag, value) in [(UInt16(4), agentExtension), (5, agentID), (6, agentInstrument)] {
            if let value { fields.floating.append(FloatingField(tag: tag, value: .text(value))) }
        }
        return fields
    }
}
