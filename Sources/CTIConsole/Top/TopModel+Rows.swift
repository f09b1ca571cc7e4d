import CTIProtocol

/// The lists a view shows: sorted, and kept to the rows whose text contains a filter (any
/// column, case-insensitive; empty keeps every row).
extension TopModel {
    /// Agents by AgentID.
    func agentRows(filter: String = "") -> [TopAgent] {
        agents.values.sorted { $0.agentID.localizedStandardCompare($1.agentID) == .orderedAscending }
            .filter { Self.matches(filter, [$0.agentID, $0.agentExtension ?? "", $0.stateName, $0.callID.map(String.init) ?? ""]
                                    + $0.skillGroups.map(String.init)) }
    }

    /// Calls by ConnectionCallID.
    func callRows(filter: String = "") -> [TopCall] {
        calls.values.sorted { $0.callID < $1.callID }
            .filter { Self.matches(filter, [String($0.callID), $0.state] + $0.parties.map(\.device)) }
    }

    /// Skill groups by number.
    func skillGroupRows(filter: String = "") -> [TopSkillGroup] {
        skillGroups.values.sorted { $0.number < $1.number }
            .filter { Self.matches(filter, [String($0.number), $0.id.map(String.init) ?? "", $0.name ?? ""]) }
    }

    /// The agents of a skill group per AgentState name.
    func agentsByState(in group: UInt32) -> [(state: String, count: Int)] {
        var counts: [String: Int] = [:]
        for agent in agents.values where agent.skillGroups.contains(group) { counts[agent.stateName.isEmpty ? "UNKNOWN" : agent.stateName, default: 0] += 1 }
        return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Calls queued for a skill group.
    func callsQueued(in group: UInt32) -> Int { calls.values.filter { $0.queuedFor.contains(group) }.count }

    static func matches(_ filter: String, _ texts: [String]) -> Bool {
        filter.isEmpty || texts.contains { $0.range(of: filter, options: .caseInsensitive) != nil }
    }
}
