import CTIProtocol

/// One agent row of `cti top` (issue 21).
struct TopAgent: Hashable, Sendable {
    /// AgentID (CONFIG_AGENT_EVENT LoginID).
    var agentID: String
    var agentExtension: String?
    /// AgentState (`constants.md` §9); `nil` until an event or query says.
    var state: UInt32?
    /// EventReasonCode of the last AGENT_STATE_EVENT.
    var reasonCode: UInt32 = 0
    /// When the agent entered ``state`` (milliseconds since 1970).
    var since: Int64?
    /// Skill group numbers.
    var skillGroups: [UInt32] = []
    /// The call at the agent's extension, if any.
    var callID: UInt32?

    /// `AGENT_STATE_AVAILABLE`, or empty while unknown.
    var stateName: String { state.map { AgentState(rawValue: $0).description } ?? "" }

    /// Whole seconds in ``state`` at `now`.
    func secondsInState(at now: Int64) -> Int64? { since.map { max(0, (now - $0) / 1000) } }
}

/// One party (device) of a call and its LocalConnectionState (`constants.md` §11).
struct TopParty: Hashable, Sendable {
    var device: String
    var state: UInt32

    /// `ALERTING`, `CONNECT`, ... (the name without its `LCS_` prefix).
    var stateName: String {
        let name = LocalConnectionState(rawValue: state).description
        return name.hasPrefix("LCS_") ? String(name.dropFirst(4)) : name
    }
}

/// One call row of `cti top`.
struct TopCall: Hashable, Sendable {
    var callID: UInt32
    /// CallType (`constants.md` §15), once BEGIN_CALL / CALL_DATA_UPDATE / a snapshot says.
    var callType: UInt32?
    var parties: [TopParty] = []
    /// What the last call event made of it: `originated`, `delivered`, `queued`, `established`,
    /// `held`, `cleared`, or `active` from a snapshot.
    var state: String
    /// When the model first saw it (milliseconds since 1970).
    var started: Int64
    /// Bytes the call's named variables and arrays take on the wire (tag, length and data of each).
    var namedVariableBytes: Int = 0
    /// Skill groups it is queued for (CALL_QUEUED_EVENT), until delivered or cleared.
    var queuedFor: [UInt32] = []

    /// Sets the party at `device`, adding it when new.
    mutating func set(_ device: String, _ state: UInt32) {
        guard !device.isEmpty else { return }
        if let index = parties.firstIndex(where: { $0.device == device }) {
            parties[index].state = state
        } else {
            parties.append(TopParty(device: device, state: state))
        }
    }
}

/// One skill group row of `cti top`: the agents per state are counted from the agent rows.
struct TopSkillGroup: Hashable, Sendable {
    var number: UInt32
    /// SkillGroupID (SkillGroupSkillTargetID).
    var id: UInt32?
    var name: String?
}

/// The session row of `cti top`.
struct TopSession: Hashable, Sendable {
    /// The side the session is on (`A` / `B`), `nil` for a recording.
    var side: String?
    /// Where that side's connection is (`open`, `connecting`, `waiting to reconnect`, ...):
    /// a session that failed shows here while the board keeps its last data. `nil` for a recording.
    var state: String?
    /// Events of the last ``TopModel/rateWindow`` (times in milliseconds), for events/s.
    var recentEvents: [Int64] = []
    /// Every event applied.
    var events: Int = 0
    /// The last heartbeat round trip, in milliseconds.
    var heartbeatRoundTrip: Double?
}
