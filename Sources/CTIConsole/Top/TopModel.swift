import CTIProtocol

/// What `cti top` shows (issue 21): agents, calls, skill groups and the session, as one value
/// built from the server's messages. ``apply(_:at:)`` takes one message at a time — the
/// configuration upload (CONFIG_SKILL_GROUP_EVENT / CONFIG_AGENT_EVENT), the snapshot answers
/// (QUERY_AGENT_STATE_CONF, SNAPSHOT_DEVICE_CONF, SNAPSHOT_CALL_CONF) and then the event
/// stream — so a live session, a recording and a test drive it the same way. Views read the
/// sorted, filtered lists (``agentRows(filter:)``, ``callRows(filter:)``, ``skillGroupRows(filter:)``).
struct TopModel: Hashable, Sendable {
    /// Agents by AgentID.
    var agents: [String: TopAgent] = [:]
    /// Calls by ConnectionCallID.
    var calls: [UInt32: TopCall] = [:]
    /// Skill groups by number.
    var skillGroups: [UInt32: TopSkillGroup] = [:]
    var session = TopSession()
    /// The time of the last message applied (milliseconds since 1970): "now" for durations.
    var now: Int64 = 0

    /// Events per second are counted over this window (milliseconds).
    static let rateWindow: Int64 = 5_000

    /// The AgentID of an extension, for events that name only the device.
    func agentID(atExtension device: String) -> String? {
        agents.values.first { $0.agentExtension == device }?.agentID
    }

    // MARK: - Applying messages

    /// Applies one message received at `time` (milliseconds since 1970); messages `top` does not
    /// read only count as events.
    mutating func apply(_ message: CTIMessage, at time: Int64) {
        now = max(now, time)
        guard let fields = message.fields else { return }
        let name = fields.descriptor.name
        if name.hasSuffix("_EVENT") { countEvent(at: time) }
        switch name {
        case "CONFIG_SKILL_GROUP_EVENT": applySkillGroupRecords(fields)
        case "CONFIG_AGENT_EVENT": applyAgentRecords(fields)
        case "AGENT_STATE_EVENT": applyAgentState(fields, at: time)
        case "QUERY_AGENT_STATE_CONF": applyAgentQuery(fields, at: time)
        case "BEGIN_CALL_EVENT", "CALL_DATA_UPDATE_EVENT": applyCallData(fields, at: time)
        case "CALL_ORIGINATED_EVENT": applyCallEvent(fields, at: time, state: "originated", [(.callingDeviceID, LocalConnectionState.initiate.rawValue)])
        case "CALL_DELIVERED_EVENT":
            applyCallEvent(fields, at: time, state: "delivered", [(.callingDeviceID, nil), (.alertingDeviceID, LocalConnectionState.alerting.rawValue)])
            calls[callID(fields)]?.queuedFor = []
        case "CALL_ESTABLISHED_EVENT":
            applyCallEvent(fields, at: time, state: "established", [(.callingDeviceID, LocalConnectionState.connect.rawValue),
                                                                    (.answeringDeviceID, LocalConnectionState.connect.rawValue)])
        case "CALL_HELD_EVENT": applyCallEvent(fields, at: time, state: "held", [(.holdingDeviceID, LocalConnectionState.hold.rawValue)])
        case "CALL_RETRIEVED_EVENT": applyCallEvent(fields, at: time, state: "established", [(.retrievingDeviceID, LocalConnectionState.connect.rawValue)])
        case "CALL_QUEUED_EVENT":
            applyCallEvent(fields, at: time, state: "queued", [])
            calls[callID(fields)]?.queuedFor = fields.occurrences(of: .skillGroupNumber).compactMap(\.number)
        case "CALL_CONNECTION_CLEARED_EVENT": applyConnectionCleared(fields)
        case "CALL_CLEARED_EVENT":
            let id = callID(fields)
            calls[id]?.state = "cleared"
            calls[id]?.queuedFor = []
            for party in calls[id]?.parties ?? [] { calls[id]?.set(party.device, LocalConnectionState.null.rawValue) }
            releaseAgents(from: id)
        case "END_CALL_EVENT":
            let id = callID(fields)
            calls[id] = nil
            releaseAgents(from: id)
        case "SNAPSHOT_DEVICE_CONF": applyDeviceSnapshot(fields, at: time)
        case "SNAPSHOT_CALL_CONF": applyCallSnapshot(fields, at: time)
        default: break
        }
    }

    private mutating func countEvent(at time: Int64) {
        session.events += 1
        session.recentEvents.append(time)
        session.recentEvents.removeAll { $0 <= time - Self.rateWindow }
    }

    /// Events per second over the last ``rateWindow``.
    var eventsPerSecond: Double {
        Double(session.recentEvents.filter { $0 > now - Self.rateWindow }.count) / (Double(Self.rateWindow) / 1000)
    }

    // MARK: Configuration

    private mutating func applySkillGroupRecords(_ fields: MessageFields) {
        for record in ConfigRecords(fields).records {
            guard let number = record.number(.peripheralNumber) else { continue }
            if record.number(.recordType) == ConfigRecords.delete {
                skillGroups[number] = nil
            } else {
                skillGroups[number] = TopSkillGroup(number: number, id: record.number(.skillGroupSkillTargetID), name: record.text(.peripheralName))
            }
        }
    }

    private mutating func applyAgentRecords(_ fields: MessageFields) {
        for record in ConfigRecords(fields).records {
            guard let id = record.text(.loginID) else { continue }
            if record.number(.recordType) == ConfigRecords.delete {
                agents[id] = nil
                continue
            }
            var agent = agents[id] ?? TopAgent(agentID: id)
            agent.agentExtension = record.text(.extension) ?? agent.agentExtension
            if let groups = record.numbers(.fltSkillGroupNumber) { agent.skillGroups = groups }
            agents[id] = agent
            for group in agent.skillGroups where skillGroups[group] == nil { skillGroups[group] = TopSkillGroup(number: group) }
        }
    }

    // MARK: Agents

    /// The agent a message names: AgentID, else the agent at AgentExtension / AgentInstrument.
    private func agentKey(_ fields: MessageFields) -> String? {
        if let id = fields.string(.agentID), !id.isEmpty { return id }
        for field in [Field.agentExtension, .agentInstrument] {
            if let device = fields.string(field), let id = agentID(atExtension: device) { return id }
        }
        return nil
    }

    private mutating func updateAgent(_ fields: MessageFields, state: UInt32, since: Int64, groups: [UInt32]) {
        guard let id = agentKey(fields) else { return }
        var agent = agents[id] ?? TopAgent(agentID: id)
        if agent.state != state || agent.since == nil { agent.since = since }
        agent.state = state
        if let device = fields.string(.agentExtension) ?? fields.string(.agentInstrument), !device.isEmpty { agent.agentExtension = device }
        for group in groups where group != ConfigRecords.nullSkillGroup && !agent.skillGroups.contains(group) {
            agent.skillGroups.append(group)
            if skillGroups[group] == nil { skillGroups[group] = TopSkillGroup(number: group) }
        }
        if agent.callID == nil, let device = agent.agentExtension {
            agent.callID = calls.values.sorted { $0.callID < $1.callID }
                .first { $0.parties.contains { $0.device == device && $0.state != LocalConnectionState.null.rawValue } }?.callID
        }
        agents[id] = agent
    }

    private mutating func applyAgentState(_ fields: MessageFields, at time: Int64) {
        guard let state = fields.number(.agentState) else { return }
        let duration = Int64(fields.number(.stateDuration) ?? 0) * 1000
        let groups = [fields.number(.skillGroupNumber)].compactMap { $0 } + fields.values(of: .fltSkillGroupNumber).compactMap(\.number)
        updateAgent(fields, state: state, since: time - duration, groups: groups)
        if let id = agentKey(fields) { agents[id]?.reasonCode = fields.number(.eventReasonCode) ?? 0 }
    }

    private mutating func applyAgentQuery(_ fields: MessageFields, at time: Int64) {
        guard let state = fields.number(.agentState) else { return }
        updateAgent(fields, state: state, since: time, groups: fields.occurrences(of: .skillGroupNumber).compactMap(\.number))
    }

    // MARK: Calls

    private func callID(_ fields: MessageFields) -> UInt32 { fields.number(.connectionCallID) ?? 0 }

    private mutating func call(_ id: UInt32, at time: Int64) -> TopCall {
        calls[id] ?? TopCall(callID: id, state: "active", started: time)
    }

    private mutating func applyCallData(_ fields: MessageFields, at time: Int64) {
        let id = callID(fields)
        var call = call(id, at: time)
        call.callType = fields.number(.callType) ?? call.callType
        let namedVariableBytes = NamedVariableSize.bytesWithHeaders(of: fields)
        if fields.descriptor.name == "BEGIN_CALL_EVENT" || namedVariableBytes > 0 {
            call.namedVariableBytes = namedVariableBytes
        }
        calls[id] = call
    }

    /// A call event: the call's state, and each device field with the state it gives that party
    /// (`nil`: added as CONNECT only when new); the event's own device gets LocalConnectionState.
    private mutating func applyCallEvent(_ fields: MessageFields, at time: Int64, state: String, _ parties: [(Field, UInt32?)]) {
        let id = callID(fields)
        var call = call(id, at: time)
        call.state = state
        for (field, partyState) in parties {
            guard let device = fields.string(field), !device.isEmpty else { continue }
            if let partyState {
                call.set(device, partyState)
            } else if !call.parties.contains(where: { $0.device == device }) {
                call.set(device, LocalConnectionState.connect.rawValue)
            }
        }
        if let device = fields.string(.connectionDeviceID), let local = fields.number(.localConnectionState),
           local != LocalConnectionState.null.rawValue {
            call.set(device, local)
        }
        calls[id] = call
        attachAgents(to: call)
    }

    private mutating func applyConnectionCleared(_ fields: MessageFields) {
        let id = callID(fields)
        guard let device = fields.string(.releasingDeviceID) ?? fields.string(.connectionDeviceID) else { return }
        calls[id]?.parties.removeAll { $0.device == device }
        if let agent = agentID(atExtension: device), agents[agent]?.callID == id { agents[agent]?.callID = nil }
    }

    private mutating func applyDeviceSnapshot(_ fields: MessageFields, at time: Int64) {
        let ids = fields.values(of: .callConnectionCallID).compactMap(\.number)
        let devices = fields.values(of: .callConnectionDeviceID).compactMap(\.text)
        let states = fields.values(of: .callState).compactMap(\.number)
        for (index, id) in ids.enumerated() {
            var call = call(id, at: time)
            if index < devices.count { call.set(devices[index], index < states.count ? states[index] : LocalConnectionState.connect.rawValue) }
            calls[id] = call
            attachAgents(to: call)
        }
    }

    private mutating func applyCallSnapshot(_ fields: MessageFields, at time: Int64) {
        guard let id = fields.values(of: .callConnectionCallID).first?.number else { return }
        var call = call(id, at: time)
        call.callType = fields.number(.callType) ?? call.callType
        call.namedVariableBytes = NamedVariableSize.bytesWithHeaders(of: fields)
        let devices = fields.values(of: .callDeviceID).compactMap(\.text)
        let states = fields.values(of: .callDeviceConnectionState).compactMap(\.number)
        for (index, device) in devices.enumerated() { call.set(device, index < states.count ? states[index] : LocalConnectionState.connect.rawValue) }
        calls[id] = call
        attachAgents(to: call)
    }

    /// Agents at a live party of `call` have it as their current call.
    private mutating func attachAgents(to call: TopCall) {
        for party in call.parties where party.state != LocalConnectionState.null.rawValue {
            if let agent = agentID(atExtension: party.device) { agents[agent]?.callID = call.callID }
        }
    }

    private mutating func releaseAgents(from id: UInt32) {
        for (key, agent) in agents where agent.callID == id { agents[key]?.callID = nil }
    }
}
