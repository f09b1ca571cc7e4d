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
    static let devidDevice = DeviceIDType.deviceIdentifier.rawValue
    static let devidExternal = DeviceIDType.external.rawValue
    static let devidNone = DeviceIDType.none.rawValue
    static let causeNone = EventCause.none.rawValue
    /// LINETYPE_INBOUND_ACD / LINETYPE_OUTBOUND / LINETYPE_INSIDE (`constants.md` §16).
    static let lineInboundACD = LineType.inboundACD.rawValue
    static let lineInside = LineType.inside.rawValue
    static let lineOutbound = LineType.outbound.rawValue

    /// Builds a message from field names; a name the layout does not have is a programming
    /// error caught by the tests (every message kind is built there).
    static func build(_ name: String, _ numbers: [(Field, UInt32)], _ strings: [(Field, String?)] = []) -> CTIMessage {
        var fields = try! MessageFields(named: name)
        for (field, value) in numbers { try! fields.set(field, .number(value)) }
        for (field, value) in strings { if let value { try! fields.append(field, .text(value)) } }
        return .fields(fields)
    }

    private func prologue(_ call: SimulatedCall) -> [(Field, UInt32)] {
        [(.monitorID, 0), (.peripheralID, peripheralID), (.peripheralType, peripheralType), (.connectionDeviceIDType, 0),
         (.connectionCallID, call.id)]
    }

    private func skill(_ call: SimulatedCall) -> [(Field, UInt32)] {
        [(.serviceNumber, Self.nullService), (.serviceID, Self.nullService),
         (.skillGroupNumber, call.skillGroup?.number ?? nullSkillGroup), (.skillGroupID, call.skillGroup?.id ?? nullSkillGroup),
         (.skillGroupPriority, 0)]
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
            (.numCTIClients, 0), (.numNamedVariables, UInt32(call.namedVariables.count)), (.numNamedArrays, 0),
            (.callType, call.callType), (.calledPartyDisposition, 0),
        ], [(.connectionDeviceID, call.connectionDevice), (.ani, call.ani), (.dnis, call.dnis), (.dialedNumber, call.dialedNumber)])
        guard var fields = message.fields else { return message }
        if let key = call.routerCallKey {
            try! fields.set(.routerCallKeyDay, .number(RouterKeys.day))
            try! fields.set(.routerCallKeyCallID, .number(key))
            try! fields.set(.routerCallKeySequenceNumber, .number(0))
        }
        Self.appendCallData(call, to: &fields)
        message = .fields(fields)
        return message
    }

    static func appendCallData(_ call: SimulatedCall, to fields: inout MessageFields) {
        for (index, value) in call.variables.sorted(by: { $0.key < $1.key }) { try! fields.set(Field.callVariables[index - 1], .text(value)) }
        for variable in call.namedVariables {
            try! fields.append(.namedVariable, .namedVariable(name: CTIString(variable.name), value: CTIString(variable.value)))
        }
    }

    /// END_CALL_EVENT: no more events for the call.
    func endCall(_ call: SimulatedCall) -> CTIMessage {
        Self.build("END_CALL_EVENT", prologue(call), [(.connectionDeviceID, call.connectionDevice)])
    }

    /// CALL_DATA_UPDATE_EVENT after SET_CALL_DATA: the changed variables and every named variable.
    func dataUpdate(_ call: SimulatedCall, changed: [Int: String]) -> CTIMessage {
        let message = Self.build("CALL_DATA_UPDATE_EVENT", prologue(call) + [
            (.numCTIClients, 0), (.numNamedVariables, UInt32(call.namedVariables.count)), (.numNamedArrays, 0),
            (.callType, call.callType), (.newConnectionDeviceIDType, 0), (.newConnectionCallID, call.id),
            (.calledPartyDisposition, 0), (.campaignID, 0), (.queryRuleID, 0),
        ], [(.connectionDeviceID, call.connectionDevice), (.newConnectionDeviceID, call.connectionDevice)])
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
            (.lineHandle, 0), (.lineType, lineType(call)),
        ] + skill(call) + [
            (.alertingDeviceType, type(of: device, in: call)), (.callingDeviceType, type(of: call.callingDevice, in: call)),
            (.calledDeviceType, type(of: call.calledDevice, in: call)), (.lastRedirectDeviceType, Self.devidNone),
            (.localConnectionState, ConnectionStates.alerting), (.eventCause, Self.causeNone),
            (.numNamedVariables, 0), (.numNamedArrays, 0),
        ], [(.connectionDeviceID, device), (.alertingDeviceID, device), (.callingDeviceID, call.callingDevice),
            (.calledDeviceID, call.calledDevice)])
        guard call.persistent != nil, var fields = message.fields else { return message }
        try! fields.set(.numNamedVariables, .number(1))
        try! fields.append(.namedVariable, .namedVariable(name: CTIString(Self.persistentMark.name), value: CTIString(Self.persistentMark.value)))
        return .fields(fields)
    }

    /// The named variable that marks a persistent call (`persistent-calls-design.md` §6.3).
    static let persistentMark = NamedValue(name: "user.PersistentCall", value: "1")
    /// The NamedVariable tag, for SNAPSHOT_DEVICE_CONF whose layout has none.
    static let namedVariableTag: UInt16 = MessageCatalog.standard.descriptor(named: "BEGIN_CALL_EVENT")!.floatingSpec(named: Field.namedVariable.name)!.tag

    /// CALL_ESTABLISHED_EVENT: `device` answered (LCS_CONNECT).
    func established(_ call: SimulatedCall, answeredBy device: String) -> CTIMessage {
        Self.build("CALL_ESTABLISHED_EVENT", prologue(call) + [(.lineHandle, 0), (.lineType, lineType(call))] + skill(call) + [
            (.answeringDeviceType, type(of: device, in: call)), (.callingDeviceType, type(of: call.callingDevice, in: call)),
            (.calledDeviceType, type(of: call.calledDevice, in: call)), (.lastRedirectDeviceType, Self.devidNone),
            (.localConnectionState, ConnectionStates.connect), (.eventCause, Self.causeNone),
        ], [(.connectionDeviceID, device), (.answeringDeviceID, device), (.calledDeviceID, call.calledDevice)])
    }

    /// CALL_ORIGINATED_EVENT: `device` dials (LCS_INITIATE).
    func originated(_ call: SimulatedCall, from device: String) -> CTIMessage {
        Self.build("CALL_ORIGINATED_EVENT", prologue(call) + [(.lineHandle, 0), (.lineType, lineType(call))] + skill(call) + [
            (.callingDeviceType, type(of: device, in: call)), (.calledDeviceType, type(of: call.calledDevice, in: call)),
            (.localConnectionState, ConnectionStates.initiate), (.eventCause, Self.causeNone),
        ], [(.connectionDeviceID, device), (.callingDeviceID, device), (.calledDeviceID, call.calledDevice)])
    }

    /// CALL_HELD_EVENT at `device` (LCS_HOLD).
    func held(_ call: SimulatedCall, at device: String) -> CTIMessage {
        Self.build("CALL_HELD_EVENT", prologue(call) + [
            (.holdingDeviceType, type(of: device, in: call)), (.localConnectionState, ConnectionStates.hold), (.eventCause, Self.causeNone),
        ], [(.connectionDeviceID, device), (.holdingDeviceID, device)])
    }

    /// CALL_RETRIEVED_EVENT at `device` (LCS_CONNECT).
    func retrieved(_ call: SimulatedCall, at device: String) -> CTIMessage {
        Self.build("CALL_RETRIEVED_EVENT", prologue(call) + [
            (.retrievingDeviceType, type(of: device, in: call)), (.localConnectionState, ConnectionStates.connect),
            (.eventCause, Self.causeNone),
        ], [(.connectionDeviceID, device), (.retrievingDeviceID, device)])
    }

    /// CALL_CONNECTION_CLEARED_EVENT: `device` left the call (LCS_NULL).
    func connectionCleared(_ call: SimulatedCall, device: String, deviceType: UInt32, cause: UInt32 = causeNone) -> CTIMessage {
        Self.build("CALL_CONNECTION_CLEARED_EVENT", prologue(call) + [
            (.releasingDeviceType, deviceType), (.localConnectionState, ConnectionStates.null), (.eventCause, cause),
        ], [(.connectionDeviceID, device), (.releasingDeviceID, device)])
    }

    /// CALL_CLEARED_EVENT: the call is over (LCS_NULL).
    func cleared(_ call: SimulatedCall, cause: UInt32 = causeNone) -> CTIMessage {
        Self.build("CALL_CLEARED_EVENT", prologue(call) + [(.localConnectionState, ConnectionStates.null), (.eventCause, cause)],
                   [(.connectionDeviceID, call.connectionDevice)])
    }

    /// CALL_FAILED_EVENT: the call to `device` cannot complete (LCS_FAIL).
    func failed(_ call: SimulatedCall, device: String, cause: UInt32) -> CTIMessage {
        Self.build("CALL_FAILED_EVENT", prologue(call) + [
            (.failingDeviceType, type(of: device, in: call)), (.calledDeviceType, type(of: call.calledDevice, in: call)),
            (.localConnectionState, ConnectionStates.fail), (.eventCause, cause),
        ], [(.connectionDeviceID, call.connectionDevice), (.failingDeviceID, device), (.calledDeviceID, call.calledDevice)])
    }

    /// CALL_TRANSFERRED_EVENT / CALL_CONFERENCED_EVENT: `secondary` joined into `primary`.
    func joined(_ name: String, primary: SimulatedCall, secondary: SimulatedCall, controller: String, added: String) -> CTIMessage {
        let transferred = name == "CALL_TRANSFERRED_EVENT"
        let message = Self.build(name, [
            (.monitorID, 0), (.peripheralID, peripheralID), (.peripheralType, peripheralType),
            (.primaryDeviceIDType, 0), (.primaryCallID, primary.id), (.lineHandle, 0), (.lineType, lineType(primary)),
            (.skillGroupNumber, primary.skillGroup?.number ?? nullSkillGroup), (.skillGroupID, primary.skillGroup?.id ?? nullSkillGroup),
            (.skillGroupPriority, 0), (.numParties, UInt32(primary.parties.count)), (.secondaryDeviceIDType, 0),
            (.secondaryCallID, secondary.id),
            (transferred ? Field.transferringDeviceType : .controllerDeviceType, Self.devidDevice),
            (transferred ? Field.transferredDeviceType : .addedPartyDeviceType, type(of: added, in: primary)),
            (.localConnectionState, ConnectionStates.connect),
            (.eventCause, transferred ? CauseCodes.transfer : CauseCodes.keyConference),
        ], [(.primaryDeviceID, primary.connectionDevice), (.secondaryDeviceID, secondary.connectionDevice),
            (transferred ? Field.transferringDeviceID : .controllerDeviceID, controller),
            (transferred ? Field.transferredDeviceID : .addedPartyDeviceID, added)])
        guard var fields = message.fields else { return message }
        for party in primary.parties {
            try! fields.append(.connectedPartyCallID, .number(primary.id))
            try! fields.append(.connectedPartyDeviceIDType, .number(0))
            try! fields.append(.connectedPartyDeviceID, .text(party.device))
        }
        return .fields(fields)
    }

    /// AGENT_PRE_CALL_EVENT: a routed call is on its way to `agent`.
    func preCall(_ call: SimulatedCall, agent: AgentRecord) -> CTIMessage {
        let message = Self.build("AGENT_PRE_CALL_EVENT", [
            (.monitorID, 0), (.numNamedVariables, UInt32(call.namedVariables.count)), (.numNamedArrays, 0),
            (.serviceNumber, Self.nullService), (.serviceID, Self.nullService),
            (.skillGroupNumber, call.skillGroup?.number ?? nullSkillGroup), (.skillGroupID, call.skillGroup?.id ?? nullSkillGroup),
            (.skillGroupPriority, 0), (.mrdid, 1), (.agentSkillTargetID, agent.skillTargetID),
        ], [(.agentInstrument, agent.instrument), (.ani, call.ani), (.dialedNumber, call.dialedNumber), (.agentID, agent.agentID)])
        guard var fields = message.fields else { return message }
        try! fields.set(.routerCallKeyDay, .number(RouterKeys.day))
        try! fields.set(.routerCallKeyCallID, .number(call.routerCallKey ?? 0))
        try! fields.set(.routerCallKeySequenceNumber, .number(0))
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
            (.monitorID, 0), (.peripheralID, peripheralID), (.sessionID, 0), (.peripheralType, peripheralType),
            (.skillGroupState, agent.state), (.stateDuration, duration), (.skillGroupNumber, first?.number ?? nullSkillGroup),
            (.skillGroupID, first?.id ?? nullSkillGroup), (.skillGroupPriority, 0), (.agentState, agent.state),
            (.eventReasonCode, agent.reasonCode), (.mrdid, 1), (.numTasks, AgentStates.onCall.contains(agent.state) ? 1 : 0),
            (.agentMode, 1), (.maxTaskLimit, 1), (.icmAgentID, agent.skillTargetID), (.agentAvailabilityStatus, available),
            (.numFltSkillGroups, UInt32(agent.skillGroups.count)), (.departmentID, 0),
        ], [(.agentID, agent.agentID), (.agentExtension, agent.agentExtension), (.agentInstrument, agent.instrument)])
        guard var fields = message.fields else { return message }
        for group in agent.skillGroups {
            try! fields.append(.fltSkillGroupNumber, .number(group.number))
            try! fields.append(.fltSkillGroupID, .number(group.id))
            try! fields.append(.fltSkillGroupPriority, .number(0))
            try! fields.append(.fltSkillGroupState, .number(agent.state))
        }
        return .fields(fields)
    }

    // MARK: - Confirmations

    /// A CONF whose only field is InvokeID.
    static func confirmation(_ name: String, invokeID: UInt32) -> CTIMessage { build(name, [(.invokeID, invokeID)]) }

    /// MAKE_CALL_CONF / CONSULTATION_CALL_CONF: the new call at `device`.
    static func newCallConfirmation(_ name: String, invokeID: UInt32, callID: UInt32, device: String) -> CTIMessage {
        build(name, [(.invokeID, invokeID), (.newConnectionCallID, callID), (.newConnectionDeviceIDType, 0),
                     (.lineHandle, 0), (.lineType, lineInside)], [(.newConnectionDeviceID, device)])
    }

    /// TRANSFER_CALL_CONF / CONFERENCE_CALL_CONF: the resulting call and its parties.
    static func joinConfirmation(_ name: String, invokeID: UInt32, call: SimulatedCall, device: String) -> CTIMessage {
        let message = build(name, [(.invokeID, invokeID), (.newConnectionCallID, call.id), (.newConnectionDeviceIDType, 0),
                                   (.numParties, UInt32(call.parties.count)), (.lineHandle, 0), (.lineType, lineInside)],
                            [(.newConnectionDeviceID, device)])
        guard var fields = message.fields else { return message }
        for party in call.parties {
            try! fields.append(.connectedPartyCallID, .number(call.id))
            try! fields.append(.connectedPartyDeviceIDType, .number(0))
            try! fields.append(.connectedPartyDeviceID, .text(party.device))
        }
        return .fields(fields)
    }

    /// QUERY_AGENT_STATE_CONF.
    static func agentStateConfirmation(invokeID: UInt32, agent: AgentRecord) -> CTIMessage {
        let message = build("QUERY_AGENT_STATE_CONF", [
            (.invokeID, invokeID), (.agentState, agent.state), (.numSkillGroups, UInt32(agent.skillGroups.count)), (.mrdid, 1),
            (.numTasks, AgentStates.onCall.contains(agent.state) ? 1 : 0), (.agentMode, 1), (.maxTaskLimit, 1),
            (.icmAgentID, agent.skillTargetID), (.agentAvailabilityStatus, agent.state == AgentStates.available ? 1 : 0),
            (.departmentID, 0),
        ], agent.isLoggedIn ? [(.agentID, agent.agentID), (.agentExtension, agent.agentExtension), (.agentInstrument, agent.instrument)]
            : [(.agentInstrument, agent.instrument)])
        guard var fields = message.fields else { return message }
        for group in agent.skillGroups {
            try! fields.append(.skillGroupNumber, .number(group.number))
            try! fields.append(.skillGroupID, .number(group.id))
            try! fields.append(.skillGroupPriority, .number(0))
            try! fields.append(.skillGroupState, .number(agent.state))
        }
        return .fields(fields)
    }

    /// SNAPSHOT_CALL_CONF: the call's devices and their states.
    static func snapshotCallConfirmation(invokeID: UInt32, call: SimulatedCall) -> CTIMessage {
        let message = build("SNAPSHOT_CALL_CONF", [
            (.invokeID, invokeID), (.callType, call.callType), (.numCTIClients, 0), (.numCallDevices, UInt32(call.parties.count)),
            (.numNamedVariables, UInt32(call.namedVariables.count)), (.numNamedArrays, 0), (.calledPartyDisposition, 0),
        ], [(.ani, call.ani), (.dnis, call.dnis), (.dialedNumber, call.dialedNumber)])
        guard var fields = message.fields else { return message }
        appendCallData(call, to: &fields)
        for party in call.parties {
            try! fields.append(.callConnectionCallID, .number(call.id))
            try! fields.append(.callConnectionDeviceIDType, .number(0))
            try! fields.append(.callConnectionDeviceID, .text(party.device))
            try! fields.append(.callDeviceType, .number(party.deviceType))
            try! fields.append(.callDeviceID, .text(party.device))
            try! fields.append(.callDeviceConnectionState, .number(party.state))
        }
        return .fields(fields)
    }

    /// SNAPSHOT_DEVICE_CONF: the calls at a device; a persistent call is followed by the
    /// NamedVariable `user.PersistentCall=1` (a tag outside the layout, ERRATA).
    static func snapshotDeviceConfirmation(invokeID: UInt32, device: String, calls: [SimulatedCall]) -> CTIMessage {
        let message = build("SNAPSHOT_DEVICE_CONF", [(.invokeID, invokeID), (.numCalls, UInt32(calls.count))])
        guard var fields = message.fields else { return message }
        for call in calls {
            try! fields.append(.callConnectionCallID, .number(call.id))
            try! fields.append(.callConnectionDeviceIDType, .number(0))
            try! fields.append(.callConnectionDeviceID, .text(device))
            try! fields.append(.callState, .number(call.party(device)?.state ?? ConnectionStates.null))
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
            (.invokeID, invokeID), (.peripheralType, peripheralType), (.typeOfDevice, 0), (.classOfDevice, 0x10),
            (.numLines, 1), (.maxActiveCalls, 1), (.maxHeldCalls, 1), (.maxDevicesInConference, 6),
            (.makeCallSetup, AgentStates.maskBit(AgentStates.notReady) | AgentStates.maskBit(AgentStates.available)),
            (.transferConferenceSetup, 0x01 | 0x02), (.callEventsSupported, 0x0009_E3FD),
            (.callControlSupported, 0x0007_E6FF), (.otherFeaturesSupported, 0x2),
        ])
        guard var fields = message.fields else { return message }
        try! fields.append(.lineHandle, .number(0))
        try! fields.append(.lineType, .number(lineInboundACD))
        return .fields(fields)
    }
}
