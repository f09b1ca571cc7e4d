import CTIProtocol

/// Client Control (`client-control.md`): each request answers its CONF, or FAILURE_CONF /
/// CONTROL_FAILURE_CONF per ``SimulatorFailureTable``, and the events follow.
extension CallCenterModel {
    /// The requests the model answers.
    static let requests: Set<String> = Set([
        "MAKE_CALL_REQ", "ANSWER_CALL_REQ", "HOLD_CALL_REQ", "RETRIEVE_CALL_REQ", "CLEAR_CALL_REQ", "CLEAR_CONNECTION_REQ",
        "RELEASE_CALL_REQ", "CONSULTATION_CALL_REQ", "TRANSFER_CALL_REQ", "CONFERENCE_CALL_REQ", "ALTERNATE_CALL_REQ",
        "SET_AGENT_STATE_REQ", "QUERY_AGENT_STATE_REQ", "QUERY_DEVICE_INFO_REQ", "SNAPSHOT_CALL_REQ", "SNAPSHOT_DEVICE_REQ",
        "SET_CALL_DATA_REQ", "SEND_DTMF_SIGNAL_REQ", "PERSISTENT_CALL_REQ",
    ] as [String]).union(persistentFeatureRequests)

    /// One request: checks in the order of ``SimulatorFailureTable/rows``, then the action.
    mutating func handle(_ fields: MessageFields, from requester: ControlRequester) -> [CallCenterOutput] {
        let invokeID = fields.number(.invokeID) ?? 0
        do {
            var requester = requester
            requester.device = requester.device.map(resolvingDeviceName)
            return try perform(resolvingDeviceNames(fields), invokeID: invokeID, requester: requester)
        } catch {
            return [.reply(SimulatorFailureTable.reply(error.mistake, invokeID: invokeID))]
        }
    }

    private mutating func perform(_ fields: MessageFields, invokeID: UInt32, requester: ControlRequester) throws(ControlRefusal) -> [CallCenterOutput] {
        guard requester.services & ServiceBits.clientControl != 0 else { throw ControlRefusal(.noClientControl) }
        let name = fields.descriptor.name
        let persistentTarget = Self.persistentFeatureRequests.contains(name) && namesPersistentCall(fields)
        // Requests the simulator does not implement keep their FAILURE_CONF E_CTI_FUNCTION_NOT_AVAILABLE.
        if Self.unimplementedFeatureRequests.contains(name) && !persistentTarget { throw ControlRefusal(.noClientControl) }
        guard fields.number(.peripheralID) == peripheralID else { throw ControlRefusal(.unknownPeripheral) }
        // R9: no feature on a persistent call.
        if persistentTarget { throw ControlRefusal(.persistentFeature) }
        let request = ControlRequest(fields: fields, requester: requester)
        switch name {
        case "PERSISTENT_CALL_REQ": return try makePersistentCall(request, invokeID: invokeID)
        case "SET_AGENT_STATE_REQ": return try setAgentState(request, invokeID: invokeID)
        case "QUERY_AGENT_STATE_REQ": return try queryAgentState(request, invokeID: invokeID)
        case "QUERY_DEVICE_INFO_REQ":
            _ = try request.agentPhone(in: self)
            return [.reply(CallEventMessages.deviceInfoConfirmation(invokeID: invokeID, peripheralType: messages.peripheralType))]
        case "SNAPSHOT_DEVICE_REQ":
            // An agent phone or a CTI Remote Device line (whose persistent call is included,
            // marked user.PersistentCall=1, unless configured hidden: R13 and ERRATA).
            guard let device = fields.string(.agentInstrument), !device.isEmpty else { throw ControlRefusal(.missingField) }
            try request.checkOwn(device)
            guard agentIndex(device: device) != nil || remoteDevices.contains(where: { $0.lineDN == device }) else {
                throw ControlRefusal(.unknownDevice)
            }
            var found = calls(at: device)
            if configuration.persistentCalls.hideFromSnapshotDevice { found.removeAll { $0.persistent != nil } }
            return [.reply(CallEventMessages.snapshotDeviceConfirmation(invokeID: invokeID, device: device, calls: found))]
        case "MAKE_CALL_REQ": return try makeCall(request, invokeID: invokeID)
        case "CONSULTATION_CALL_REQ": return try consult(request, invokeID: invokeID)
        case "ANSWER_CALL_REQ":
            let (call, device) = try request.call(in: self, answering: true)
            try Self.require(call.party(device)?.state == ConnectionStates.alerting)
            return [.reply(CallEventMessages.confirmation("ANSWER_CALL_CONF", invokeID: invokeID))] + answer(callID: call.id, at: device)
        case "HOLD_CALL_REQ":
            let (call, device) = try request.call(in: self)
            try Self.require(call.party(device)?.state == ConnectionStates.connect)
            return [.reply(CallEventMessages.confirmation("HOLD_CALL_CONF", invokeID: invokeID))] + hold(callID: call.id, at: device)
        case "RETRIEVE_CALL_REQ":
            let (call, device) = try request.call(in: self, leg: .held)
            try Self.require(call.party(device)?.state == ConnectionStates.hold)
            return [.reply(CallEventMessages.confirmation("RETRIEVE_CALL_CONF", invokeID: invokeID))] + retrieve(callID: call.id, at: device)
        case "CLEAR_CALL_REQ":
            let (call, device) = try request.call(in: self)
            if call.persistent != nil { return clearPersistent(call, device: device, confirmation: "CLEAR_CALL_CONF", invokeID: invokeID) }
            return [.reply(CallEventMessages.confirmation("CLEAR_CALL_CONF", invokeID: invokeID))] + clearCall(callID: call.id)
        case "CLEAR_CONNECTION_REQ":
            let (call, device) = try request.call(in: self)
            if call.persistent != nil {
                return clearPersistent(call, device: device, confirmation: "CLEAR_CONNECTION_CONF", invokeID: invokeID)
            }
            return [.reply(CallEventMessages.confirmation("CLEAR_CONNECTION_CONF", invokeID: invokeID))]
                + clearConnection(callID: call.id, device: device)
        case "RELEASE_CALL_REQ":
            _ = try request.call(in: self)
            return [.reply(CallEventMessages.confirmation("RELEASE_CALL_CONF", invokeID: invokeID))]
        case "SEND_DTMF_SIGNAL_REQ":
            let (call, device) = try request.call(in: self)
            guard fields.string(.dtmfString)?.isEmpty == false else { throw ControlRefusal(.missingField) }
            try Self.require(call.party(device)?.state == ConnectionStates.connect)
            return [.reply(CallEventMessages.confirmation("SEND_DTMF_SIGNAL_CONF", invokeID: invokeID))]
        case "SNAPSHOT_CALL_REQ":
            let (call, _) = try request.call(in: self)
            return [.reply(CallEventMessages.snapshotCallConfirmation(invokeID: invokeID, call: call))]
        case "SET_CALL_DATA_REQ": return try setCallData(request, invokeID: invokeID)
        case "ALTERNATE_CALL_REQ":
            let (active, device) = try request.call(in: self, leg: .active)
            let (other, otherDevice) = try request.call(in: self, leg: .other)
            try Self.require(device == otherDevice && active.id != other.id)
            try Self.require(active.party(device)?.state == ConnectionStates.connect && other.party(device)?.state == ConnectionStates.hold)
            return [.reply(CallEventMessages.confirmation("ALTERNATE_CALL_CONF", invokeID: invokeID))]
                + hold(callID: active.id, at: device) + retrieve(callID: other.id, at: device)
        case "TRANSFER_CALL_REQ", "CONFERENCE_CALL_REQ":
            return try join(request, transfer: name == "TRANSFER_CALL_REQ", invokeID: invokeID)
        default:
            throw ControlRefusal(.noClientControl)
        }
    }

    /// One resolution of "device" for every request: a CTI Remote Device named by its device
    /// name (`CTRID5001`) is its line (`5001`) wherever a request names a device, as a
    /// Unified CM resolves both to the same line.
    func resolvingDeviceNames(_ fields: MessageFields) -> MessageFields {
        guard !remoteDevices.isEmpty else { return fields }
        var resolved = fields
        for (index, field) in fields.floating.enumerated() {
            guard case .string(let text) = field.value else { continue }
            let device = resolvingDeviceName(text.string)
            if device != text.string { resolved.floating[index] = FloatingField(tag: field.tag, value: .string(CTIString(device))) }
        }
        return resolved
    }

    /// A CTI Remote Device's line for its device name; any other name as it is.
    func resolvingDeviceName(_ name: String) -> String {
        remoteDevices.first { $0.name == name }?.lineDN ?? name
    }

    static func require(_ condition: Bool, else mistake: SimulatorFailureTable.Mistake = .wrongCallState) throws(ControlRefusal) {
        if !condition { throw ControlRefusal(mistake) }
    }

    // MARK: - Agent state

    private mutating func setAgentState(_ request: ControlRequest, invokeID: UInt32) throws(ControlRefusal) -> [CallCenterOutput] {
        guard let instrumentField = request.fields.string(.agentInstrument), !instrumentField.isEmpty else {
            throw ControlRefusal(.missingField)
        }
        let parts = instrumentField.split(separator: ";", maxSplits: 1).map(String.init)
        let device = parts[0]
        let remotePhone = parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil
        try request.checkOwn(device)
        guard let index = agentIndex(device: device) else { throw ControlRefusal(.unknownDevice) }
        let state = request.fields.number(.agentState) ?? 0xFFFF
        let workMode = request.fields.number(.agentWorkMode) ?? 0
        let reason = request.fields.number(.eventReasonCode) ?? 0
        let confirmation = CallCenterOutput.reply(CallEventMessages.confirmation("SET_AGENT_STATE_CONF", invokeID: invokeID))
        let current = agents[index].state

        if state == AgentStates.login {
            guard let agentID = request.fields.string(.agentID), !agentID.isEmpty else { throw ControlRefusal(.missingField) }
            guard agents[index].agentID == agentID else { throw ControlRefusal(.unknownAgent) }
            guard current == AgentStates.logout else { throw ControlRefusal(.agentAlreadyLoggedIn) }
            guard workMode <= WorkModes.nailed else { throw ControlRefusal(.invalidWorkMode) }
            let mobile = workMode == WorkModes.callByCall || workMode == WorkModes.nailed
            guard mobile == (remotePhone != nil) else { throw ControlRefusal(.invalidWorkMode) }
            agents[index].workMode = workMode
            agents[index].remotePhone = remotePhone
            var outputs = [confirmation] + setState(index, AgentStates.login)
            outputs += setState(index, AgentStates.notReady, reason: 0)
            if workMode == WorkModes.nailed, let remotePhone { outputs += placeNailedLeg(index, remotePhone: remotePhone) }
            return outputs
        }
        guard agents[index].isLoggedIn else { throw ControlRefusal(.agentNotLoggedIn) }
        switch state {
        case AgentStates.logout:
            guard current == AgentStates.notReady else { throw ControlRefusal(.invalidStateTransition) }
            var outputs = [confirmation]
            if let nailed = agents[index].nailedCall {
                agents[index].nailedCall = nil
                outputs += clearCall(callID: nailed)
            }
            agents[index].remotePhone = nil
            agents[index].workMode = 0
            return outputs + setState(index, AgentStates.logout, reason: reason)
        case AgentStates.notReady, AgentStates.available, AgentStates.workReady, AgentStates.workNotReady:
            if AgentStates.onCall.contains(current) {
                // During a call: the state the agent goes to when the call ends.
                agents[index].pendingState = state
                return [confirmation]
            }
            if state == AgentStates.workReady || state == AgentStates.workNotReady {
                guard current == AgentStates.workReady || current == AgentStates.workNotReady else {
                    throw ControlRefusal(.invalidStateTransition)
                }
            }
            endWrapUpTimer(index)
            return [confirmation] + setState(index, state, reason: state == AgentStates.notReady ? reason : 0)
        default:
            throw ControlRefusal(.invalidStateTransition)
        }
    }

    /// The persistent leg of a nailed-connection login: the instrument (CTI port) dials the
    /// remote phone; answered after the far-end delay, then held (``farEndAnswers``).
    private mutating func placeNailedLeg(_ index: Int, remotePhone: String) -> [CallCenterOutput] {
        let id = newCallID()
        let device = agents[index].instrument
        var call = SimulatedCall.toExternalParty(id: id, type: CallTypes.agentOut, from: device, to: remotePhone, callingDevice: device, began: now)
        call.isNailed = true
        call.namedVariables = [NamedValue(name: "user.PersistentCall", value: "1")]
        calls[id] = call
        agents[index].nailedCall = id
        schedule(.farEndAnswer(callID: id, device: remotePhone), after: configuration.farEndAnswerSeconds)
        return [.event(messages.beginCall(call), to: [device]), .event(messages.originated(call, from: device), to: [device])]
    }

    private func queryAgentState(_ request: ControlRequest, invokeID: UInt32) throws(ControlRefusal) -> [CallCenterOutput] {
        let index: Int?
        if let instrument = request.fields.string(.agentInstrument) ?? request.fields.string(.agentExtension), !instrument.isEmpty {
            try request.checkOwn(instrument)
            index = agentIndex(device: instrument)
        } else if let agentID = request.fields.string(.agentID), !agentID.isEmpty {
            index = agentIndex(agentID: agentID)
            if let index { try request.checkOwn(agents[index].instrument) }
        } else {
            throw ControlRefusal(.missingField)
        }
        guard let index else { throw ControlRefusal(.unknownDevice) }
        return [.reply(CallEventMessages.agentStateConfirmation(invokeID: invokeID, agent: agents[index]))]
    }

    // MARK: - New calls

    private mutating func makeCall(_ request: ControlRequest, invokeID: UInt32) throws(ControlRefusal) -> [CallCenterOutput] {
        let device = try request.agentPhone(in: self)
        guard let dialed = request.fields.string(.dialedNumber), !dialed.isEmpty else { throw ControlRefusal(.missingField) }
        try Self.require(!calls(at: device).contains { !$0.isNailed && $0.party(device)?.state != ConnectionStates.hold })
        var call = newOutboundCall(from: device, to: dialed, type: agentIndex(device: dialed) != nil ? CallTypes.agentInside : CallTypes.agentOut)
        for (index, field) in zip(1..., Field.callVariables) { if let value = request.fields.string(field) { call.variables[index] = value } }
        call.namedVariables = request.fields.values(of: .namedVariable).compactMap(Self.namedValue)
        let id = call.id
        calls[id] = call
        return [.reply(CallEventMessages.newCallConfirmation("MAKE_CALL_CONF", invokeID: invokeID, callID: id, device: device))]
            + dial(id, from: device, to: dialed)
    }

    private mutating func consult(_ request: ControlRequest, invokeID: UInt32) throws(ControlRefusal) -> [CallCenterOutput] {
        let (active, device) = try request.call(in: self, leg: .active)
        guard let dialed = request.fields.string(.dialedNumber), !dialed.isEmpty else { throw ControlRefusal(.missingField) }
        try Self.require(active.party(device)?.state == ConnectionStates.connect)
        var outputs = hold(callID: active.id, at: device)
        var call = newOutboundCall(from: device, to: dialed, type: CallTypes.consult)
        call.variables = active.variables
        call.namedVariables = active.namedVariables
        calls[call.id] = call
        outputs.insert(.reply(CallEventMessages.newCallConfirmation("CONSULTATION_CALL_CONF", invokeID: invokeID, callID: call.id, device: device)), at: 0)
        return outputs + dial(call.id, from: device, to: dialed)
    }

    private mutating func newOutboundCall(from device: String, to dialed: String, type: UInt32) -> SimulatedCall {
        SimulatedCall(id: newCallID(), callType: type, connectionDevice: device,
                      parties: [CallParty(device: device, deviceType: CallEventMessages.devidDevice, state: ConnectionStates.initiate,
                                          isAgentPhone: true)],
                      dialedNumber: dialed, callingDevice: device, calledDevice: dialed, isRouted: false, began: now)
    }

    /// BEGIN_CALL and CALL_ORIGINATED at the caller; then the called party: an agent phone
    /// alerts (or the call fails busy), another number answers after the far-end delay.
    private mutating func dial(_ id: UInt32, from device: String, to dialed: String) -> [CallCenterOutput] {
        guard var call = calls[id] else { return [] }
        var outputs = [CallCenterOutput.event(messages.beginCall(call), to: [device]),
                       .event(messages.originated(call, from: device), to: [device])]
        outputs += refresh(device)
        if agentIndex(device: dialed) != nil {
            if hasCall(dialed) {
                outputs.append(.event(messages.failed(call, device: dialed, cause: CauseCodes.busy), to: [device]))
                return outputs + clearCall(callID: id)
            }
            call.parties.append(CallParty(device: dialed, deviceType: CallEventMessages.devidDevice, state: ConnectionStates.alerting,
                                          isAgentPhone: true))
            calls[id] = call
            outputs.append(.event(messages.beginCall(call), to: [dialed]))
            outputs.append(.event(messages.delivered(call, at: dialed), to: call.agentDevices))
            return outputs + refresh(dialed)
        }
        call.parties.append(CallParty(device: dialed, deviceType: CallEventMessages.devidExternal, state: ConnectionStates.alerting,
                                      isAgentPhone: false))
        calls[id] = call
        schedule(.farEndAnswer(callID: id, device: dialed), after: configuration.farEndAnswerSeconds)
        return outputs
    }

    // MARK: - Transfer, conference

    /// TRANSFER_CALL / CONFERENCE_CALL: the consult (active) call's other parties join the held
    /// call; a transfer drops the controller from it, a conference retrieves it.
    private mutating func join(_ request: ControlRequest, transfer: Bool, invokeID: UInt32) throws(ControlRefusal) -> [CallCenterOutput] {
        let (consultCall, device) = try request.call(in: self, leg: .active)
        let (primary, heldDevice) = try request.call(in: self, leg: .held)
        try Self.require(device == heldDevice && consultCall.id != primary.id)
        try Self.require(primary.party(device)?.state == ConnectionStates.hold)
        try Self.require([ConnectionStates.connect, ConnectionStates.initiate, ConnectionStates.alerting]
            .contains(consultCall.party(device)?.state ?? ConnectionStates.null))
        let moved = consultCall.parties.filter { $0.device != device }
        let added = moved.first?.device ?? consultCall.calledDevice
        let newAgents = Set(moved.filter(\.isAgentPhone).map(\.device)).subtracting(primary.agentDevices)
        var joined = primary
        joined.parties.append(contentsOf: moved)
        if transfer {
            joined.parties.removeAll { $0.device == device }
        } else if let index = joined.partyIndex(device) {
            joined.parties[index].state = ConnectionStates.connect
        }
        calls[consultCall.id] = nil
        calls[primary.id] = joined
        timers.rewrite { action in
            if case .farEndAnswer(consultCall.id, let party) = action { action = .farEndAnswer(callID: primary.id, device: party) }
        }
        let name = transfer ? "CALL_TRANSFERRED_EVENT" : "CALL_CONFERENCED_EVENT"
        let audience = primary.agentDevices.union(consultCall.agentDevices)
        var outputs = [CallCenterOutput.reply(CallEventMessages.joinConfirmation(transfer ? "TRANSFER_CALL_CONF" : "CONFERENCE_CALL_CONF",
                                                                                 invokeID: invokeID, call: joined, device: device))]
        if !newAgents.isEmpty { outputs.append(.event(messages.beginCall(joined), to: newAgents)) }
        outputs.append(.event(messages.joined(name, primary: joined, secondary: consultCall, controller: device, added: added), to: audience))
        outputs.append(.event(messages.endCall(consultCall), to: consultCall.agentDevices))
        if transfer {
            outputs.append(.event(messages.endCall(joined), to: [device]))
            if joined.parties.count < 2 { outputs += clearCall(callID: joined.id, audience: audience) }
        }
        for agentDevice in audience.sorted() { outputs += refresh(agentDevice) }
        return outputs
    }

    // MARK: - Call data

    private mutating func setCallData(_ request: ControlRequest, invokeID: UInt32) throws(ControlRefusal) -> [CallCenterOutput] {
        let (found, _) = try request.call(in: self)
        var call = found
        var changed: [Int: String] = [:]
        for (index, field) in zip(1..., Field.callVariables) { if let value = request.fields.string(field) { changed[index] = value } }
        call.variables.merge(changed) { $1 }
        for variable in request.fields.values(of: .namedVariable).compactMap(Self.namedValue) {
            if let index = call.namedVariables.firstIndex(where: { $0.name == variable.name }) {
                call.namedVariables[index] = variable
            } else {
                call.namedVariables.append(variable)
            }
        }
        calls[call.id] = call
        return [.reply(CallEventMessages.confirmation("SET_CALL_DATA_CONF", invokeID: invokeID)),
                .event(messages.dataUpdate(call, changed: changed), to: call.agentDevices)]
    }

    static func namedValue(_ value: FieldValue) -> NamedValue? {
        guard case .namedVariable(let name, let text) = value else { return nil }
        return NamedValue(name: name.string, value: text.string)
    }
}
