import CTIProtocol

/// Builds the call and agent events of `events.md` and the confirmations of
/// `client-control.md` for the simulated peripheral: MonitorID 0 (no monitor), PeripheralType
/// PT_ENTERPRISE_AGENT (17), ConnectionDeviceIDType CONNECTION_ID_STATIC (0), every field the
/// layout marks required filled (checked by the tests against the catalog's `requiredTags`).
struct CallEventMessages: Sendable {
    var peripheralID: UInt32
    var peripheralType: UInt32 = SimulatedMessages.peripheralType
    /// NULL_SKILL_GROUP (`events.md` conventions).
    var nullSkillGroup: UInt32 { 0xFFFF_FFFF }

    /// NULL_SERVICE (`events.md` conventions).
    static let nullService: UInt32 = 0xFFFF_FFFF
    static let devidDevice: UInt32 = 0
    static let devidExternal: UInt32 = 75
    static let devidNone: UInt32 = 0xFFFF
    static let causeNone: UInt32 = 0xFFFF
    /// LINETYPE_INBOUND_ACD / LINETYPE_OUTBOUND / LINETYPE_INSIDE (`constants.md` §16).
    static let lineInboundACD: UInt32 = 0
    static let lineInside: UInt32 = 2
    static let lineOutbound: UInt32 = 7

    /// Builds a message from field names; a name the layout does not have is a programming
    /// error caught by the tests (every message kind is built there).
    static func build(_ name: String, _ numbers: [(String, UInt32)], _ strings: [(String, String?)] = []) -> CTIMessage {
        var fields = try! MessageFields(named: name)
        for (field, value) in numbers { try! fields.set(field, .number(value)) }
        for (field, value) in strings { if let value { try! fields.append(field, .text(value)) } }
        return .fields(fields)
    }

    private func prologue(_ call: SimulatedCall) -> [(String, UInt32)] {
        [("MonitorID", 0), ("PeripheralID", peripheralID), ("PeripheralType", peripheralType), ("ConnectionDeviceIDType", 0),
         ("ConnectionCallID", call.id)]
    }

    private func skill(_ call: SimulatedCall) -> [(String, UInt32)] {
        [("ServiceNumber", Self.nullService), ("ServiceID", Self.nullService),
         ("SkillGroupNumber", call.skillGroup?.number ?? nullSkillGroup), ("SkillGroupID", call.skillGroup?.id ?? nullSkillGroup),
         ("SkillGroupPriority", 0)]
    }

    private func lineType(_ call: SimulatedCall) -> UInt32 {
        call.isRouted ? Self.lineInboundACD : (call.callType == CallTypes.agentOut ? Self.lineOutbound : Self.lineInside)
    }

    private func type(of device: String, in call: SimulatedCall) -> UInt32 {
        call.party(device)?.deviceType ?? (call.parties.contains { $0.device == device } ? Self.devidDevice : Self.devidExternal)
    }

    // MARK: - Call events

    /// BEGIN_CALL_EVENT: the call's context (ANI, DNIS, call and named variables, router key).
    func beginCall(_ call: SimulatedCall) -> CTIMessage {
        var message = Self.build("BEGIN_CALL_EVENT", prologue(call) + [
            ("NumCTIClients", 0), ("NumNamedVariables", UInt32(call.namedVariables.count)), ("NumNamedArrays", 0),
            ("CallType", call.callType), ("CalledPartyDisposition", 0),
        ], [("ConnectionDeviceID", call.connectionDevice), ("ANI", call.ani), ("DNIS", call.dnis), ("DialedNumber", call.dialedNumber)])
        guard var fields = message.fields else { return message }
        if let key = call.routerCallKey {
            try! fields.set("RouterCallKeyDay", .number(RouterKeys.day))
            try! fields.set("RouterCallKeyCallID", .number(key))
            try! fields.set("RouterCallKeySequenceNumber", .number(0))
        }
        Self.appendCallData(call, to: &fields)
        message = .fields(fields)
        return message
    }

    static func appendCallData(_ call: SimulatedCall, to fields: inout MessageFields) {
        for (index, value) in call.variables.sorted(by: { $0.key < $1.key }) { try! fields.set("CallVariable\(index)", .text(value)) }
        for variable in call.namedVariables {
            try! fields.append("NamedVariable", .namedVariable(name: CTIString(variable.name), value: CTIString(variable.value)))
        }
    }

    /// END_CALL_EVENT: no more events for the call.
    func endCall(_ call: SimulatedCall) -> CTIMessage {
        Self.build("END_CALL_EVENT", prologue(call), [("ConnectionDeviceID", call.connectionDevice)])
    }

    /// CALL_DATA_UPDATE_EVENT after SET_CALL_DATA: the changed variables and every named variable.
    func dataUpdate(_ call: SimulatedCall, changed: [Int: String]) -> CTIMessage {
        let message = Self.build("CALL_DATA_UPDATE_EVENT", prologue(call) + [
            ("NumCTIClients", 0), ("NumNamedVariables", UInt32(call.namedVariables.count)), ("NumNamedArrays", 0),
            ("CallType", call.callType), ("NewConnectionDeviceIDType", 0), ("NewConnectionCallID", call.id),
            ("CalledPartyDisposition", 0), ("CampaignID", 0), ("QueryRuleID", 0),
        ], [("ConnectionDeviceID", call.connectionDevice), ("NewConnectionDeviceID", call.connectionDevice)])
        guard var fields = message.fields else { return message }
        var update = call
        update.variables = changed
        Self.appendCallData(update, to: &fields)
        return .fields(fields)
    }

    /// CALL_DELIVERED_EVENT: the call alerts at `device` (LCS_ALERTING).
    /// A persistent call carries the named variable `user.PersistentCall=1`.
    func delivered(_ call: SimulatedCall, at device: String) -> CTIMessage {
        let message = Self.build("CALL_DELIVERED_EVENT", prologue(call) + [
            ("LineHandle", 0), ("LineType", lineType(call)),
        ] + skill(call) + [
            ("AlertingDeviceType", type(of: device, in: call)), ("CallingDeviceType", type(of: call.callingDevice, in: call)),
            ("CalledDeviceType", type(of: call.calledDevice, in: call)), ("LastRedirectDeviceType", Self.devidNone),
            ("LocalConnectionState", ConnectionStates.alerting), ("EventCause", Self.causeNone),
            ("NumNamedVariables", 0), ("NumNamedArrays", 0),
        ], [("ConnectionDeviceID", device), ("AlertingDeviceID", device), ("CallingDeviceID", call.callingDevice),
            ("CalledDeviceID", call.calledDevice)])
        guard call.persistent != nil, var fields = message.fields else { return message }
        try! fields.set("NumNamedVariables", .number(1))
        try! fields.append("NamedVariable", .namedVariable(name: CTIString(Self.persistentMark.name), value: CTIString(Self.persistentMark.value)))
        return .fields(fields)
    }

    /// The named variable that marks a persistent call (`persistent-calls-design.md` §6.3).
    static let persistentMark = NamedValue(name: "user.PersistentCall", value: "1")
    /// The NamedVariable tag, for SNAPSHOT_DEVICE_CONF whose layout has none.
    static let namedVariableTag: UInt16 = MessageCatalog.standard.descriptor(named: "BEGIN_CALL_EVENT")!.floatingSpec(named: "NamedVariable")!.tag

    /// CALL_ESTABLISHED_EVENT: `device` answered (LCS_CONNECT).
    func established(_ call: SimulatedCall, answeredBy device: String) -> CTIMessage {
        Self.build("CALL_ESTABLISHED_EVENT", prologue(call) + [("LineHandle", 0), ("LineType", lineType(call))] + skill(call) + [
            ("AnsweringDeviceType", type(of: device, in: call)), ("CallingDeviceType", type(of: call.callingDevice, in: call)),
            ("CalledDeviceType", type(of: call.calledDevice, in: call)), ("LastRedirectDeviceType", Self.devidNone),
            ("LocalConnectionState", ConnectionStates.connect), ("EventCause", Self.causeNone),
        ], [("ConnectionDeviceID", device), ("AnsweringDeviceID", device), ("CalledDeviceID", call.calledDevice)])
    }

    /// CALL_ORIGINATED_EVENT: `device` dials (LCS_INITIATE).
    func originated(_ call: SimulatedCall, from device: String) -> CTIMessage {
        Self.build("CALL_ORIGINATED_EVENT", prologue(call) + [("LineHandle", 0), ("LineType", lineType(call))] + skill(call) + [
            ("CallingDeviceType", type(of: device, in: call)), ("CalledDeviceType", type(of: call.calledDevice, in: call)),
            ("LocalConnectionState", ConnectionStates.initiate), ("EventCause", Self.causeNone),
        ], [("ConnectionDeviceID", device), ("CallingDeviceID", device), ("CalledDeviceID", call.calledDevice)])
    }

    /// CALL_HELD_EVENT at `device` (LCS_HOLD).
    func held(_ call: SimulatedCall, at device: String) -> CTIMessage {
        Self.build("CALL_HELD_EVENT", prologue(call) + [
            ("HoldingDeviceType", type(of: device, in: call)), ("LocalConnectionState", ConnectionStates.hold), ("EventCause", Self.causeNone),
        ], [("ConnectionDeviceID", device), ("HoldingDeviceID", device)])
    }

    /// CALL_RETRIEVED_EVENT at `device` (LCS_CONNECT).
    func retrieved(_ call: SimulatedCall, at device: String) -> CTIMessage {
        Self.build("CALL_RETRIEVED_EVENT", prologue(call) + [
            ("RetrievingDeviceType", type(of: device, in: call)), ("LocalConnectionState", ConnectionStates.connect),
            ("EventCause", Self.causeNone),
        ], [("ConnectionDeviceID", device), ("RetrievingDeviceID", device)])
    }

    /// CALL_CONNECTION_CLEARED_EVENT: `device` left the call (LCS_NULL).
    func connectionCleared(_ call: SimulatedCall, device: String, deviceType: UInt32, cause: UInt32 = causeNone) -> CTIMessage {
        Self.build("CALL_CONNECTION_CLEARED_EVENT", prologue(call) + [
            ("ReleasingDeviceType", deviceType), ("LocalConnectionState", ConnectionStates.null), ("EventCause", cause),
        ], [("ConnectionDeviceID", device), ("ReleasingDeviceID", device)])
    }

    /// CALL_CLEARED_EVENT: the call is over (LCS_NULL).
    func cleared(_ call: SimulatedCall, cause: UInt32 = causeNone) -> CTIMessage {
        Self.build("CALL_CLEARED_EVENT", prologue(call) + [("LocalConnectionState", ConnectionStates.null), ("EventCause", cause)],
                   [("ConnectionDeviceID", call.connectionDevice)])
    }

    /// CALL_FAILED_EVENT: the call to `device` cannot complete (LCS_FAIL).
    func failed(_ call: SimulatedCall, device: String, cause: UInt32) -> CTIMessage {
        Self.build("CALL_FAILED_EVENT", prologue(call) + [
            ("FailingDeviceType", type(of: device, in: call)), ("CalledDeviceType", type(of: call.calledDevice, in: call)),
            ("LocalConnectionState", ConnectionStates.fail), ("EventCause", cause),
        ], [("ConnectionDeviceID", call.connectionDevice), ("FailingDeviceID", device), ("CalledDeviceID", call.calledDevice)])
    }

    /// CALL_TRANSFERRED_EVENT / CALL_CONFERENCED_EVENT: `secondary` joined into `primary`.
    func joined(_ name: String, primary: SimulatedCall, secondary: SimulatedCall, controller: String, added: String) -> CTIMessage {
        let transferred = name == "CALL_TRANSFERRED_EVENT"
        let message = Self.build(name, [
            ("MonitorID", 0), ("PeripheralID", peripheralID), ("PeripheralType", peripheralType),
            ("PrimaryDeviceIDType", 0), ("PrimaryCallID", primary.id), ("LineHandle", 0), ("LineType", lineType(primary)),
            ("SkillGroupNumber", primary.skillGroup?.number ?? nullSkillGroup), ("SkillGroupID", primary.skillGroup?.id ?? nullSkillGroup),
            ("SkillGroupPriority", 0), ("NumParties", UInt32(primary.parties.count)), ("SecondaryDeviceIDType", 0),
            ("SecondaryCallID", secondary.id),
            (transferred ? "TransferringDeviceType" : "ControllerDeviceType", Self.devidDevice),
            (transferred ? "TransferredDeviceType" : "AddedPartyDeviceType", type(of: added, in: primary)),
            ("LocalConnectionState", ConnectionStates.connect),
            ("EventCause", transferred ? CauseCodes.transfer : CauseCodes.keyConference),
        ], [("PrimaryDeviceID", primary.connectionDevice), ("SecondaryDeviceID", secondary.connectionDevice),
            (transferred ? "TransferringDeviceID" : "ControllerDeviceID", controller),
            (transferred ? "TransferredDeviceID" : "AddedPartyDeviceID", added)])
        guard var fields = message.fields else { return message }
        for party in primary.parties {
            try! fields.append("ConnectedPartyCallID", .number(primary.id))
            try! fields.append("ConnectedPartyDeviceIDType", .number(0))
            try! fields.append("ConnectedPartyDeviceID", .text(party.device))
        }
        return .fields(fields)
    }

    /// AGENT_PRE_CALL_EVENT: a routed call is on its way to `agent`.
    func preCall(_ call: SimulatedCall, agent: AgentRecord) -> CTIMessage {
        let message = Self.build("AGENT_PRE_CALL_EVENT", [
            ("MonitorID", 0), ("NumNamedVariables", UInt32(call.namedVariables.count)), ("NumNamedArrays", 0),
            ("ServiceNumber", Self.nullService), ("ServiceID", Self.nullService),
            ("SkillGroupNumber", call.skillGroup?.number ?? nullSkillGroup), ("SkillGroupID", call.skillGroup?.id ?? nullSkillGroup),
            ("SkillGroupPriority", 0), ("MRDID", 1), ("AgentSkillTargetID", agent.skillTargetID),
        ], [("AgentInstrument", agent.instrument), ("ANI", call.ani), ("DialedNumber", call.dialedNumber), ("AgentID", agent.agentID)])
        guard var fields = message.fields else { return message }
        try! fields.set("RouterCallKeyDay", .number(RouterKeys.day))
        try! fields.set("RouterCallKeyCallID", .number(call.routerCallKey ?? 0))
        try! fields.set("RouterCallKeySequenceNumber", .number(0))
        Self.appendCallData(call, to: &fields)
        return .fields(fields)
    }

    // MARK: - Agent

    /// AGENT_STATE_EVENT for `agent` (its first skill group in the fixed part, all of them as
    /// Flt quadruplets).
    func agentState(_ agent: AgentRecord, duration: UInt32 = 0) -> CTIMessage {
        let first = agent.skillGroups.first
        let available: UInt32 = agent.state == AgentStates.available ? 1 : 0
        let message = Self.build("AGENT_STATE_EVENT", [
            ("MonitorID", 0), ("PeripheralID", peripheralID), ("SessionID", 0), ("PeripheralType", peripheralType),
            ("SkillGroupState", agent.state), ("StateDuration", duration), ("SkillGroupNumber", first?.number ?? nullSkillGroup),
            ("SkillGroupID", first?.id ?? nullSkillGroup), ("SkillGroupPriority", 0), ("AgentState", agent.state),
            ("EventReasonCode", agent.reasonCode), ("MRDID", 1), ("NumTasks", AgentStates.onCall.contains(agent.state) ? 1 : 0),
            ("AgentMode", 1), ("MaxTaskLimit", 1), ("ICMAgentID", agent.skillTargetID), ("AgentAvailabilityStatus", available),
            ("NumFltSkillGroups", UInt32(agent.skillGroups.count)), ("DepartmentID", 0),
        ], [("AgentID", agent.agentID), ("AgentExtension", agent.agentExtension), ("AgentInstrument", agent.instrument)])
        guard var fields = message.fields else { return message }
        for group in agent.skillGroups {
            try! fields.append("FltSkillGroupNumber", .number(group.number))
            try! fields.append("FltSkillGroupID", .number(group.id))
            try! fields.append("FltSkillGroupPriority", .number(0))
            try! fields.append("FltSkillGroupState", .number(agent.state))
        }
        return .fields(fields)
    }

    // MARK: - Confirmations

    /// A CONF whose only field is InvokeID.
    static func confirmation(_ name: String, invokeID: UInt32) -> CTIMessage { build(name, [("InvokeID", invokeID)]) }

    /// MAKE_CALL_CONF / CONSULTATION_CALL_CONF: the new call at `device`.
    static func newCallConfirmation(_ name: String, invokeID: UInt32, callID: UInt32, device: String) -> CTIMessage {
        build(name, [("InvokeID", invokeID), ("NewConnectionCallID", callID), ("NewConnectionDeviceIDType", 0),
                     ("LineHandle", 0), ("LineType", lineInside)], [("NewConnectionDeviceID", device)])
    }

    /// TRANSFER_CALL_CONF / CONFERENCE_CALL_CONF: the resulting call and its parties.
    static func joinConfirmation(_ name: String, invokeID: UInt32, call: SimulatedCall, device: String) -> CTIMessage {
        let message = build(name, [("InvokeID", invokeID), ("NewConnectionCallID", call.id), ("NewConnectionDeviceIDType", 0),
                                   ("NumParties", UInt32(call.parties.count)), ("LineHandle", 0), ("LineType", lineInside)],
                            [("NewConnectionDeviceID", device)])
        guard var fields = message.fields else { return message }
        for party in call.parties {
            try! fields.append("ConnectedPartyCallID", .number(call.id))
            try! fields.append("ConnectedPartyDeviceIDType", .number(0))
            try! fields.append("ConnectedPartyDeviceID", .text(party.device))
        }
        return .fields(fields)
    }

    /// QUERY_AGENT_STATE_CONF.
    static func agentStateConfirmation(invokeID: UInt32, agent: AgentRecord) -> CTIMessage {
        let message = build("QUERY_AGENT_STATE_CONF", [
            ("InvokeID", invokeID), ("AgentState", agent.state), ("NumSkillGroups", UInt32(agent.skillGroups.count)), ("MRDID", 1),
            ("NumTasks", AgentStates.onCall.contains(agent.state) ? 1 : 0), ("AgentMode", 1), ("MaxTaskLimit", 1),
            ("ICMAgentID", agent.skillTargetID), ("AgentAvailabilityStatus", agent.state == AgentStates.available ? 1 : 0),
            ("DepartmentID", 0),
        ], agent.isLoggedIn ? [("AgentID", agent.agentID), ("AgentExtension", agent.agentExtension), ("AgentInstrument", agent.instrument)]
            : [("AgentInstrument", agent.instrument)])
        guard var fields = message.fields else { return message }
        for group in agent.skillGroups {
            try! fields.append("SkillGroupNumber", .number(group.number))
            try! fields.append("SkillGroupID", .number(group.id))
            try! fields.append("SkillGroupPriority", .number(0))
            try! fields.append("SkillGroupState", .number(agent.state))
        }
        return .fields(fields)
    }

    /// SNAPSHOT_CALL_CONF: the call's devices and their states.
    static func snapshotCallConfirmation(invokeID: UInt32, call: SimulatedCall) -> CTIMessage {
        let message = build("SNAPSHOT_CALL_CONF", [
            ("InvokeID", invokeID), ("CallType", call.callType), ("NumCTIClients", 0), ("NumCallDevices", UInt32(call.parties.count)),
            ("NumNamedVariables", UInt32(call.namedVariables.count)), ("NumNamedArrays", 0), ("CalledPartyDisposition", 0),
        ], [("ANI", call.ani), ("DNIS", call.dnis), ("DialedNumber", call.dialedNumber)])
        guard var fields = message.fields else { return message }
        appendCallData(call, to: &fields)
        for party in call.parties {
            try! fields.append("CallConnectionCallID", .number(call.id))
            try! fields.append("CallConnectionDeviceIDType", .number(0))
            try! fields.append("CallConnectionDeviceID", .text(party.device))
            try! fields.append("CallDeviceType", .number(party.deviceType))
            try! fields.append("CallDeviceID", .text(party.device))
            try! fields.append("CallDeviceConnectionState", .number(party.state))
        }
        return .fields(fields)
    }

    /// SNAPSHOT_DEVICE_CONF: the calls at a device; a persistent call is followed by the
    /// NamedVariable `user.PersistentCall=1` (a tag outside the layout, ERRATA).
    static func snapshotDeviceConfirmation(invokeID: UInt32, device: String, calls: [SimulatedCall]) -> CTIMessage {
        let message = build("SNAPSHOT_DEVICE_CONF", [("InvokeID", invokeID), ("NumCalls", UInt32(calls.count))])
        guard var fields = message.fields else { return message }
        for call in calls {
            try! fields.append("CallConnectionCallID", .number(call.id))
            try! fields.append("CallConnectionDeviceIDType", .number(0))
            try! fields.append("CallConnectionDeviceID", .text(device))
            try! fields.append("CallState", .number(call.party(device)?.state ?? ConnectionStates.null))
            if call.persistent != nil {
                // Outside the layout (ERRATA override of R13): the mark after the call's entry.
                fields.floating.append(FloatingField(tag: namedVariableTag, value: .namedVariable(
                    name: CTIString(persistentMark.name), value: CTIString(persistentMark.value))))
            }
        }
        return .fields(fields)
    }

    /// QUERY_DEVICE_INFO_CONF for an agent phone: one inbound ACD line, the controls the
    /// simulator implements.
    static func deviceInfoConfirmation(invokeID: UInt32, peripheralType: UInt32) -> CTIMessage {
        let message = build("QUERY_DEVICE_INFO_CONF", [
            ("InvokeID", invokeID), ("PeripheralType", peripheralType), ("TypeOfDevice", 0), ("ClassOfDevice", 0x10),
            ("NumLines", 1), ("MaxActiveCalls", 1), ("MaxHeldCalls", 1), ("MaxDevicesInConference", 6),
            ("MakeCallSetup", AgentStates.maskBit(AgentStates.notReady) | AgentStates.maskBit(AgentStates.available)),
            ("TransferConferenceSetup", 0x01 | 0x02), ("CallEventsSupported", 0x0009_E3FD),
            ("CallControlSupported", 0x0007_E6FF), ("OtherFeaturesSupported", 0x2),
        ])
        guard var fields = message.fields else { return message }
        try! fields.append("LineHandle", .number(0))
        try! fields.append("LineType", .number(lineInboundACD))
        return .fields(fields)
    }
}
