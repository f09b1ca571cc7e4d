import NIOCore

/// OPEN_REQ (`session.md` §2): the parameters of a session, as a typed value over
/// ``MessageFields``.
public struct OpenRequest: Hashable, Sendable {
    public var invokeID: UInt32
    /// `VersionNumber`: 20 to 25 (`ProtocolVersion.supported`).
    public var versionNumber: UInt32
    /// Seconds; 4 × the heartbeat interval, or 0xFFFFFFFF without heartbeats; < 20 is refused.
    public var idleTimeout: UInt32
    /// The ACD peripheral for Client Events, else 0xFFFFFFFF.
    public var peripheralID: UInt32
    public var servicesRequested: UInt32
    public var callMessageMask: UInt32
    public var agentStateMask: UInt32
    public var configMessageMask: UInt32
    public var clientID: String
    /// Sent as UNSPEC; never rendered.
    public var clientPassword: [UInt8]
    public var clientSignature: String?
    public var agentExtension: String?
    public var agentID: String?
    public var agentInstrument: String?

    /// No heartbeats: `IdleTimeout` 0xFFFFFFFF.
    public static let noIdleTimeout: UInt32 = 0xFFFF_FFFF
    /// `PeripheralID` when not requesting Client Events.
    public static let nullPeripheralID: UInt32 = 0xFFFF_FFFF

    /// The message's layout (`session.md` §3).
    static let layout = MessageCatalog.standard.descriptor(named: "OPEN_REQ")!
    /// Where VersionNumber is in the body: the same offset in every version.
    private static let versionNumberOffset = layout.fixed[layout.fixedIndex(named: Field.versionNumber.name)!].offset

    public init(
        invokeID: UInt32 = 0, versionNumber: UInt32 = ProtocolVersion.v25.number, idleTimeout: UInt32 = OpenRequest.noIdleTimeout,
        peripheralID: UInt32 = OpenRequest.nullPeripheralID, servicesRequested: UInt32, callMessageMask: UInt32 = 0,
        agentStateMask: UInt32 = 0, configMessageMask: UInt32 = 0, clientID: String, clientPassword: [UInt8] = [],
        clientSignature: String? = nil, agentExtension: String? = nil, agentID: String? = nil, agentInstrument: String? = nil
    ) {
        self.invokeID = invokeID
        self.versionNumber = versionNumber
        self.idleTimeout = idleTimeout
        self.peripheralID = peripheralID
        self.servicesRequested = servicesRequested
        self.callMessageMask = callMessageMask
        self.agentStateMask = agentStateMask
        self.configMessageMask = configMessageMask
        self.clientID = clientID
        self.clientPassword = clientPassword
        self.clientSignature = clientSignature
        self.agentExtension = agentExtension
        self.agentID = agentID
        self.agentInstrument = agentInstrument
    }

    /// Reads an OPEN_REQ; `nil` for another message.
    public init?(_ fields: MessageFields) {
        guard fields.descriptor.name == OpenRequest.layout.name else { return nil }
        invokeID = fields.number(.invokeID) ?? 0
        versionNumber = fields.number(.versionNumber) ?? 0
        idleTimeout = fields.number(.idleTimeout) ?? 0
        peripheralID = fields.number(.peripheralID) ?? 0
        servicesRequested = fields.number(.servicesRequested) ?? 0
        callMessageMask = fields.number(.callMsgMask) ?? 0
        agentStateMask = fields.number(.agentStateMask) ?? 0
        configMessageMask = fields.number(.configMsgMask) ?? 0
        clientID = fields.string(.clientID) ?? ""
        if case .bytes(let bytes)? = fields[.clientPassword] { clientPassword = Array(bytes.readableBytesView) } else { clientPassword = [] }
        clientSignature = fields.string(.clientSignature)
        agentExtension = fields.string(.agentExtension)
        agentID = fields.string(.agentID)
        agentInstrument = fields.string(.agentInstrument)
    }

    /// The reserved fields of a received OPEN_REQ (must be 0: E_CTI_INVALID_RESERVED_FIELD).
    public static func reservedFields(_ fields: MessageFields) -> [UInt32] {
        [Field.reserved1, .reserved2, .reserved3].map { fields.number($0) ?? 0 }
    }

    /// The message, ready to encode.
    public var fields: MessageFields {
        var fields = MessageFields(OpenRequest.layout)
        fields.fixed = [invokeID, versionNumber, idleTimeout, peripheralID, servicesRequested, callMessageMask, agentStateMask,
                        configMessageMask, 0, 0, 0]
        fields.floating.append(FloatingField(tag: 1, value: .text(clientID)))
        fields.floating.append(FloatingField(tag: 2, value: .bytes(.init(bytes: clientPassword))))
        for (tag, value) in [(UInt16(3), clientSignature), (4, agentExtension), (5, agentID), (6, agentInstrument)] {
            if let value { fields.floating.append(FloatingField(tag: tag, value: .text(value))) }
        }
        return fields
    }

    /// The request for an older protocol version (`--protocol auto`, issue 20): that
    /// VersionNumber, and the service and mask bits the version does not have left out (a server
    /// of that version answers them with E_CTI_INVALID_TAG_FOR_VERSION).
    public func limited(to version: ProtocolVersion) -> OpenRequest {
        let catalog = MessageCatalog.standard.forVersion(version)
        func present(_ bits: UInt32, _ table: EnumTable) -> UInt32 {
            table.arrivals.keys.reduce(bits) { $0 & ~$1 }
        }
        var request = self
        request.versionNumber = version.number
        request.servicesRequested = present(servicesRequested, catalog.serviceMask)
        request.callMessageMask = present(callMessageMask, catalog.callEventMask)
        request.agentStateMask = present(agentStateMask, catalog.agentStateMask)
        request.configMessageMask = present(configMessageMask, catalog.configMask)
        return request
    }

    /// The VersionNumber of a frame that is an OPEN_REQ (the same place in every version:
    /// after the InvokeID), without decoding the rest; `nil` for any other frame.
    public static func versionNumber(in frame: CTIFrame) -> UInt32? {
        guard frame.type == layout.typeID else { return nil }
        return frame.body.getInteger(at: frame.body.readerIndex + versionNumberOffset, as: UInt32.self)
    }
}
