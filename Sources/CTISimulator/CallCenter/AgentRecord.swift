import CTIProtocol

/// One agent of the simulated peripheral and its phone (`constants.md` §9 AgentState).
///
/// The phone's DN is the agent's instrument and extension. A mobile agent (AgentWorkMode
/// RA_CALL_BY_CALL / RA_NAILED_CONNECTION, `persistent-and-mobile.md`) also has a remote phone.
struct AgentRecord: Hashable, Sendable {
    var agentID: String
    var instrument: String
    var skillTargetID: UInt32
    var skillGroups: [SkillGroup]
    /// The overall AgentState.
    var state: UInt32
    /// EventReasonCode of the last NOT_READY / LOGOUT.
    var reasonCode: UInt32 = 0
    /// AgentWorkMode of the login (`constants.md` §18).
    var workMode: UInt32 = 0
    /// The remote phone of a mobile agent (`instrument;phone` login).
    var remotePhone: String?
    /// The persistent (nailed) leg of an RA_NAILED_CONNECTION login.
    var nailedCall: UInt32?
    /// Simulated time the agent entered ``state``.
    var since: Double = 0
    /// The state to return to after the calls (set when a call starts).
    var stateBeforeCall: UInt32?
    /// A state asked for during a call (SET_AGENT_STATE WORK_* / NOT_READY while talking).
    var pendingState: UInt32?
    /// Whether the last call was routed (ACD): wrap-up follows.
    var afterRoutedCall = false
    /// Invalidates old wrap-up timers.
    var wrapUpGeneration = 0

    var agentExtension: String { instrument }
    var isLoggedIn: Bool { state != AgentStates.logout }
}

/// AgentState values (`constants.md` §9).
enum AgentStates {
    static let login = AgentState.login.rawValue
    static let logout = AgentState.logout.rawValue
    static let notReady = AgentState.notReady.rawValue
    static let available = AgentState.available.rawValue
    static let talking = AgentState.talking.rawValue
    static let workNotReady = AgentState.workNotReady.rawValue
    static let workReady = AgentState.workReady.rawValue
    static let busyOther = AgentState.busyOther.rawValue
    static let reserved = AgentState.reserved.rawValue
    static let hold = AgentState.hold.rawValue

    /// States of an agent on a call: the simulator computes them from the call legs.
    static let onCall: Set<UInt32> = [talking, reserved, hold]

    /// `AGENT_STATE_AVAILABLE`, or the number.
    static func name(_ state: UInt32) -> String {
        AgentState(rawValue: state).description
    }

    /// The AgentStateMask bit of a state (`constants.md` §3): bit n for LOGIN (0) .. RESERVED
    /// (8); HOLD (10) .. NOT_ACTIVE (14) use bits 9..13; UNKNOWN (9) has none.
    static func maskBit(_ state: UInt32) -> UInt32 {
        switch state {
        case 0...8: 1 << state
        case 10...14: 1 << (state - 1)
        default: 0
        }
    }
}
