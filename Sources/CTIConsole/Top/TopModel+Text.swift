import CTIProtocol

/// `cti top --once` (and each frame of `cti top`): the model as plain tables (agents, calls, skill groups, session), columns
/// padded to their widest cell, no colour.
extension TopModel {
    func text(filter: String = "") -> String {
        [agentTable(agentRows(filter: filter)), callTable(callRows(filter: filter)), skillGroupTable(skillGroupRows(filter: filter)), sessionLine]
            .joined(separator: "\n\n") + "\n"
    }

    /// The agents table (header first), rows in the order given; `cti top` sorts them its own way.
    func agentTable(_ agents: [TopAgent]) -> String {
        Self.table(["AGENT", "EXTENSION", "STATE", "REASON", "TIME", "SKILL GROUPS", "CALL"], agents.map { agent in
            [agent.agentID, agent.agentExtension ?? "", agent.stateName, String(agent.reasonCode),
             agent.secondsInState(at: now).map(Self.duration) ?? "", agent.skillGroups.map(String.init).joined(separator: ","),
             agent.callID.map(String.init) ?? ""]
        })
    }

    /// The calls table (header first).
    func callTable(_ calls: [TopCall]) -> String {
        Self.table(["CALL", "TYPE", "STATE", "DURATION", "VARIABLES", "PARTIES"], calls.map { call in
            [String(call.callID), call.callType.map { CallType(rawValue: $0).description } ?? "", call.state,
             Self.duration(max(0, (now - call.started) / 1000)), "\(call.namedVariableBytes) B",
             call.parties.map { "\($0.device) \($0.stateName)" }.joined(separator: ", ")]
        })
    }

    /// The skill groups table (header first).
    func skillGroupTable(_ groups: [TopSkillGroup]) -> String {
        Self.table(["SKILL GROUP", "ID", "QUEUED", "AGENTS"], groups.map { group in
            [String(group.number), group.id.map(String.init) ?? "", String(callsQueued(in: group.number)),
             agentsByState(in: group.number).map { "\($0.state) \($0.count)" }.joined(separator: ", ")]
        })
    }

    /// `SESSION side A open  events 5  events/s 1  heartbeat 3 ms`.
    var sessionLine: String {
        let heartbeat = session.heartbeatRoundTrip.map { "\(Int($0.rounded())) ms" } ?? "-"
        return "SESSION side \(session.side ?? "-")" + (session.state.map { " \($0)" } ?? "")
            + "  events \(session.events)  events/s \(Int(eventsPerSecond.rounded()))  heartbeat \(heartbeat)"
    }

    /// `42s`, `3m05s`, `1h02m`.
    static func duration(_ seconds: Int64) -> String {
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m" + (seconds % 60 < 10 ? "0" : "") + "\(seconds % 60)s" }
        return "\(seconds / 3600)h" + (seconds % 3600 / 60 < 10 ? "0" : "") + "\(seconds % 3600 / 60)m"
    }

    /// Rows under a header, each column as wide as its widest cell, two spaces apart.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.indices.map { column in
                column == row.count - 1 ? row[column] : row[column] + String(repeating: " ", count: widths[column] - row[column].count)
            }.joined(separator: "  ").trimmingTrailingSpaces
        }.joined(separator: "\n")
    }
}

private extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
