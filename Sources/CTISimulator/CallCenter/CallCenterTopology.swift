/// A skill group of the simulated peripheral: its peripheral number and its UCCE SkillGroupID.
public struct SkillGroup: Hashable, Sendable {
    public var number: UInt32
    public var id: UInt32
}

/// A CTI Remote Device (a line with remote destinations, `persistent-and-mobile.md`), the only
/// kind of device a persistent call can be made on.
public struct RemoteDevice: Hashable, Sendable {
    /// The line DN, e.g. `5001`.
    public var lineDN: String
    /// The device name, e.g. `CTRID5001`.
    public var name: String
    /// The remote destinations (phone numbers); the first is active when ``isActive``.
    public var destinations: [String]
    /// Whether the first destination is the active one (`rd deactivate` clears it).
    public var isActive = true
    /// The active remote destination (R2, R6), if any.
    public var activeDestination: String? { isActive ? destinations.first : nil }
}

/// The fixed part of the simulated contact center, derived from ``CallCenterConfiguration``.
struct CallCenterTopology: Hashable, Sendable {
    var peripheralID: UInt32
    var agents: [AgentRecord]
    var remoteDevices: [RemoteDevice]

    /// Skill groups 10 and 11 (IDs 5010, 5011): every agent is in both.
    static let skillGroups = [SkillGroup(number: 10, id: 5010), SkillGroup(number: 11, id: 5011)]
    /// The DNIS customers dial (the ACD entry point).
    static let dnis = "8005551000"

    init(_ configuration: CallCenterConfiguration, peripheralID: UInt32) {
        self.peripheralID = peripheralID
        var agents: [AgentRecord] = []
        for index in 0..<max(0, configuration.agents) {
            let agentID = String(1001 + index)
            let instrument = String(2001 + index)
            agents.append(AgentRecord(agentID: agentID, instrument: instrument, skillTargetID: UInt32(5101 + index),
                                      skillGroups: Self.skillGroups, state: configuration.initialAgentState))
        }
        self.agents = agents
        var remotes: [RemoteDevice] = []
        for index in 0..<max(0, configuration.remoteDevices) {
            let line = String(5001 + index)
            let stem: String = "919555" + padded4(index + 1)
            remotes.append(RemoteDevice(lineDN: line, name: "CTRID" + line, destinations: [stem + "1", stem + "2"]))
        }
        self.remoteDevices = remotes
    }
}

/// Four-digit zero-padded decimal (no Foundation).
private func padded4(_ value: Int) -> String {
    let text = String(value % 10000)
    return text.count >= 4 ? text : String(repeating: "0", count: 4 - text.count) + text
}
