import CTIProtocol

/// `cti top --once -o json`: the model as one JSON object (issue 21).
///
/// `{"agents":[...],"calls":[...],"skillGroups":[...],"session":{...}}`, the lists as
/// ``TopModel/agentRows(filter:)`` and the others sort them. Durations are whole seconds at
/// ``TopModel/now``; the heartbeat round trip whole milliseconds; events per second rounded.
extension TopModel {
    func json(filter: String = "") -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("agents")
        writer.beginArray()
        for agent in agentRows(filter: filter) {
            writer.beginObject()
            writer.key("agentID"); writer.string(agent.agentID)
            writer.key("extension"); optional(&writer, agent.agentExtension)
            writer.key("state"); optional(&writer, agent.state.map { _ in agent.stateName })
            writer.key("stateCode"); optional(&writer, agent.state)
            writer.key("reasonCode"); writer.number(agent.reasonCode)
            writer.key("secondsInState"); optional(&writer, agent.secondsInState(at: now))
            writer.key("skillGroups"); numbers(&writer, agent.skillGroups)
            writer.key("callID"); optional(&writer, agent.callID)
            writer.endObject()
        }
        writer.endArray()
        writer.key("calls")
        writer.beginArray()
        for call in callRows(filter: filter) {
            writer.beginObject()
            writer.key("callID"); writer.number(call.callID)
            writer.key("callType"); optional(&writer, call.callType)
            writer.key("state"); writer.string(call.state)
            writer.key("parties")
            writer.beginArray()
            for party in call.parties {
                writer.beginObject()
                writer.key("device"); writer.string(party.device)
                writer.key("state"); writer.string(party.stateName)
                writer.endObject()
            }
            writer.endArray()
            writer.key("seconds"); writer.number(max(0, (now - call.started) / 1000))
            writer.key("namedVariableBytes"); writer.number(call.namedVariableBytes)
            writer.endObject()
        }
        writer.endArray()
        writer.key("skillGroups")
        writer.beginArray()
        for group in skillGroupRows(filter: filter) {
            writer.beginObject()
            writer.key("number"); writer.number(group.number)
            writer.key("id"); optional(&writer, group.id)
            writer.key("agents")
            writer.beginObject()
            for (state, count) in agentsByState(in: group.number) { writer.key(state); writer.number(count) }
            writer.endObject()
            writer.key("callsQueued"); writer.number(callsQueued(in: group.number))
            writer.endObject()
        }
        writer.endArray()
        writer.key("session")
        writer.beginObject()
        writer.key("side"); optional(&writer, session.side)
        writer.key("state"); optional(&writer, session.state)
        writer.key("events"); writer.number(session.events)
        writer.key("eventsPerSecond"); writer.number(Int(eventsPerSecond.rounded()))
        writer.key("heartbeatRoundTripMs"); optional(&writer, session.heartbeatRoundTrip.map { Int($0.rounded()) })
        writer.endObject()
        writer.endObject()
        return writer.string
    }

    private func optional(_ writer: inout JSONWriter, _ value: String?) {
        if let value { writer.string(value) } else { writer.null() }
    }

    private func optional(_ writer: inout JSONWriter, _ value: (some BinaryInteger)?) {
        if let value { writer.number(value) } else { writer.null() }
    }

    private func numbers(_ writer: inout JSONWriter, _ values: [UInt32]) {
        writer.beginArray()
        for value in values { writer.number(value) }
        writer.endArray()
    }
}
