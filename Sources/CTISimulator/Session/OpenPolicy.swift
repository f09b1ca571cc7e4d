import CTIProtocol

/// Decides an OPEN_REQ (`session.md` §2-3, §9): OPEN_CONF with the services granted, or
/// FAILURE_CONF with a status. A pure function of the request and of what the side knows.
///
/// Checks, in this order (the guide gives no order; the first failing one answers):
///
/// | # | rule | status |
/// |---|---|---|
/// | 1 | the side is in maintenance (hand-off in progress) | E_CTI_SERVER_IN_MAINTENANCE_MODE (110); E_CTI_CTI_SERVER_OFFLINE (15) to a version 20-23 client, whose version has no status 110 |
/// | 2 | VersionNumber not one of 20...`maxProtocol` (`--max-protocol`, issue 20) | E_CTI_INVALID_VERSION (1) |
/// | 3 | a field, tag or value newer than VersionNumber (the decoder's notes; the request must be read in its version) | E_CTI_INVALID_TAG_FOR_VERSION (49) |
/// | 4 | Reserved1-3 not 0 | E_CTI_INVALID_RESERVED_FIELD (22) |
/// | 5 | IdleTimeout < 20 (0xFFFFFFFF = none) | E_CTI_INVALID_TIMEOUT (18) |
/// | 6 | undefined bits in ServicesRequested / CallMsgMask / AgentStateMask / ConfigMsgMask | 19 / 20 / 21 / E_INVALID_CONFIG_MSG_MASK (95) |
/// | 7 | ClientID or ClientPassword absent; CLIENT_EVENTS without AgentExtension, AgentID or AgentInstrument, or with PeripheralID 0xFFFFFFFF | E_CTI_REQUIRED_DATA_MISSING (6) |
/// | 8 | standby side: VersionNumber < 24 (PV25 guide, E_CTI_CTI_SERVER_OFFLINE: such a client "does not support active-standby functionality and will instead connect to the active side") | E_CTI_CTI_SERVER_OFFLINE (15) |
/// | 9 | standby side: VersionNumber >= 24 without CTI_SERVICE_ACTIVE_STANDBY | E_CTI_INVALID_CLIENT_FOR_STANDBY (107) |
/// | 10 | a password is configured and ClientPassword differs (trailing NULs ignored) | E_CTI_INVALID_PASSWORD (36) |
/// | 11 | SUPERVISOR without CLIENT_EVENTS (the simulator refuses rather than drops it) | E_CTI_FUNCTION_NOT_AVAILABLE (12) |
/// | 12 | CLIENT_EVENTS for a peripheral the simulator does not serve | E_CTI_INVALID_PERIPHERAL_ID (7) |
/// | 13 | CLIENT_EVENTS, AgentID in the configured agent table, and the AgentExtension or AgentInstrument given differs from the table's | E_CTI_INCONSISTENT_AGENT_DATA (32) |
/// | 14 | CLIENT_EVENTS for a device an open session of another ClientID holds on this side | E_CTI_DEVICE_IN_USE (10) |
///
/// The device of a CLIENT_EVENTS session is its AgentInstrument, else its AgentExtension (an
/// AgentID alone holds no device). Sessions on the same side with the same ClientID and the
/// same device are replaced (they get FAILURE_EVENT E_CTI_NEW_SESSION_OPENED, 11). Devices
/// and replacement are per side: a duplexed client legitimately holds the same device on A
/// and on B. Every requested service is granted (Client Control requests are answered by the
/// contact-center model, ``CallCenterModel``). UniqueInstanceID is not
/// checked: its tag is unverified (`session.md` §2).
struct OpenPolicy {
    /// What the side knows when an OPEN_REQ arrives.
    struct Environment {
        var role: SideRole
        var inMaintenance: Bool
        /// The newest protocol version the simulator speaks (``SimulatorConfiguration/maxProtocol``).
        var maxProtocol: ProtocolVersion = .v25
        var password: [UInt8]?
        var peripherals: [UInt32]
        var agents: [SimulatedAgent]
        /// Devices held by the open sessions of this side.
        var heldDevices: [HeldDevice]
    }

    /// A device held by an open CLIENT_EVENTS session.
    struct HeldDevice: Hashable {
        var connection: ConnectionID
        var clientID: String
        var device: String
    }

    /// An accepted OPEN_REQ.
    struct Grant: Hashable {
        var request: OpenRequest
        var services: UInt32
        var sessionType: OpenConfirmation.SessionType
        var device: String?
        /// Sessions of the same client on the same device, to close (status 11).
        var replacing: [ConnectionID]

        var session: OpenSession {
            OpenSession(clientID: request.clientID, versionNumber: request.versionNumber, services: services, sessionType: sessionType,
                        device: device, idleTimeout: request.idleTimeout == OpenRequest.noIdleTimeout ? nil : request.idleTimeout,
                        callMessageMask: request.callMessageMask, agentStateMask: request.agentStateMask,
                        agentID: services & ServiceBits.clientEvents != 0 ? request.agentID : nil,
                        configMessageMask: request.configMessageMask)
        }
    }

    enum Decision: Hashable {
        case accept(Grant)
        /// FAILURE_CONF with `status`; `reason` is for the log.
        case refuse(status: StatusCode, reason: String)
    }

    /// The guide's minimum IdleTimeout, 4 × the 5 s minimum heartbeat interval (`session.md` §7).
    static let minimumIdleTimeout: UInt32 = 20

    static func evaluate(_ fields: MessageFields, in environment: Environment) -> Decision {
        guard let request = OpenRequest(fields) else {
            return .refuse(status: StatusCode.functionNotAvailable, reason: "\(fields.descriptor.name) is not an OPEN_REQ")
        }
        let spoken = version(request.versionNumber, upTo: environment.maxProtocol)
        if environment.inMaintenance {
            if let version = spoken, version < .activeStandby {
                return .refuse(status: StatusCode.ctiServerOffline,
                               reason: "this side is handing over (maintenance); protocol \(version) has no E_CTI_SERVER_IN_MAINTENANCE_MODE")
            }
            return .refuse(status: StatusCode.serverInMaintenanceMode, reason: "this side is handing over (maintenance)")
        }
        guard spoken != nil else {
            return .refuse(status: StatusCode.invalidVersion, reason: "VersionNumber \(request.versionNumber): this server speaks protocol "
                           + "\(ProtocolVersion.supported[0]) to \(environment.maxProtocol) (--max-protocol \(environment.maxProtocol))")
        }
        if let note = fields.notes.first(where: \.isNotInVersion) {
            return .refuse(status: StatusCode.invalidTagForVersion, reason: "\(note)")
        }
        if OpenRequest.reservedFields(fields).contains(where: { $0 != 0 }) {
            return .refuse(status: StatusCode.invalidReservedField, reason: "Reserved1-3 must be 0")
        }
        if request.idleTimeout != OpenRequest.noIdleTimeout && request.idleTimeout < minimumIdleTimeout {
            return .refuse(status: StatusCode.invalidTimeout, reason: "IdleTimeout \(request.idleTimeout) < \(minimumIdleTimeout)")
        }
        if let refusal = maskRefusal(request) { return refusal }
        if let refusal = missingData(fields, request) { return refusal }

        let wantsActiveStandby = request.servicesRequested & ServiceBits.activeStandby != 0
        if environment.role == .standby && request.versionNumber < ProtocolVersion.activeStandby.number {
            return .refuse(status: StatusCode.ctiServerOffline,
                           reason: "standby side: VersionNumber \(request.versionNumber) has no active/standby (connect to the active side)")
        }
        if environment.role == .standby && !wantsActiveStandby {
            return .refuse(status: StatusCode.invalidClientForStandby, reason: "standby side: needs CTI_SERVICE_ACTIVE_STANDBY")
        }
        if let password = environment.password, trimmed(request.clientPassword) != trimmed(password) {
            return .refuse(status: StatusCode.invalidPassword, reason: "wrong ClientPassword")
        }
        let wantsClientEvents = request.servicesRequested & ServiceBits.clientEvents != 0
        if request.servicesRequested & ServiceBits.supervisor != 0 && !wantsClientEvents {
            return .refuse(status: StatusCode.functionNotAvailable, reason: "SUPERVISOR requires CLIENT_EVENTS")
        }
        var device: String?
        var replacing: [ConnectionID] = []
        if wantsClientEvents {
            guard environment.peripherals.contains(request.peripheralID) else {
                return .refuse(status: StatusCode.invalidPeripheralID, reason: "PeripheralID \(request.peripheralID) is not served here")
            }
            if let refusal = inconsistency(request, agents: environment.agents) { return refusal }
            device = nonEmpty(request.agentInstrument) ?? nonEmpty(request.agentExtension)
            if let device {
                let holders = environment.heldDevices.filter { $0.device == device }
                if let other = holders.first(where: { $0.clientID != request.clientID }) {
                    return .refuse(status: StatusCode.deviceInUse, reason: "device \(device) is held by client \"\(other.clientID)\"")
                }
                replacing = holders.map(\.connection)
            }
        }
        let sessionType: OpenConfirmation.SessionType = environment.role == .active ? .active : .standby
        return .accept(Grant(request: request, services: request.servicesRequested, sessionType: sessionType, device: device,
                             replacing: replacing))
    }

    /// The version an OPEN_REQ's VersionNumber names, when the simulator speaks it (20 up to
    /// `maximum`); `nil` otherwise (E_CTI_INVALID_VERSION).
    static func version(_ number: UInt32, upTo maximum: ProtocolVersion) -> ProtocolVersion? {
        ProtocolVersion(number).flatMap { $0 <= maximum ? $0 : nil }
    }

    private static func maskRefusal(_ request: OpenRequest) -> Decision? {
        let catalog = MessageCatalog.standard
        let checks: [(Field, EnumTable, UInt32, StatusCode)] = [
            (.servicesRequested, catalog.serviceMask, request.servicesRequested, StatusCode.invalidServiceMask),
            (.callMsgMask, catalog.callEventMask, request.callMessageMask, StatusCode.invalidCallMsgMask),
            (.agentStateMask, catalog.agentStateMask, request.agentStateMask, StatusCode.invalidAgentStateMask),
            (.configMsgMask, catalog.configMask, request.configMessageMask, StatusCode.invalidConfigMsgMask),
        ]
        for (field, table, value, status) in checks {
            let undefined = table.undefinedBits(in: value)
            if undefined != 0 { return .refuse(status: status, reason: "\(field) has undefined bits 0x\(String(undefined, radix: 16))") }
        }
        return nil
    }

    private static func missingData(_ fields: MessageFields, _ request: OpenRequest) -> Decision? {
        if fields[.clientID] == nil { return .refuse(status: StatusCode.requiredDataMissing, reason: "no ClientID") }
        if fields[.clientPassword] == nil { return .refuse(status: StatusCode.requiredDataMissing, reason: "no ClientPassword") }
        guard request.servicesRequested & ServiceBits.clientEvents != 0 else { return nil }
        if [request.agentExtension, request.agentID, request.agentInstrument].allSatisfy({ nonEmpty($0) == nil }) {
            return .refuse(status: StatusCode.requiredDataMissing, reason: "CLIENT_EVENTS without AgentExtension, AgentID or AgentInstrument")
        }
        if request.peripheralID == OpenRequest.nullPeripheralID {
            return .refuse(status: StatusCode.requiredDataMissing, reason: "CLIENT_EVENTS without a PeripheralID")
        }
        return nil
    }

    private static func inconsistency(_ request: OpenRequest, agents: [SimulatedAgent]) -> Decision? {
        guard let agentID = nonEmpty(request.agentID), let agent = agents.first(where: { $0.agentID == agentID }) else { return nil }
        if let given = nonEmpty(request.agentExtension), let known = agent.agentExtension, given != known {
            return .refuse(status: StatusCode.inconsistentAgentData, reason: "agent \(agentID) has extension \(known), not \(given)")
        }
        if let given = nonEmpty(request.agentInstrument), let known = agent.agentInstrument, given != known {
            return .refuse(status: StatusCode.inconsistentAgentData, reason: "agent \(agentID) has instrument \(known), not \(given)")
        }
        return nil
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }

    private static func trimmed(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        var slice = bytes[...]
        while slice.last == 0 { slice.removeLast() }
        return slice
    }
}
