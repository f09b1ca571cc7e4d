/// CallType values the simulator uses (`constants.md` §15).
enum CallTypes {
    static let preRouteACDIn: UInt32 = 2
    static let otherIn: UInt32 = 6
    /// CALLTYPE_OUT: persistent calls (`persistent-calls-design.md` §6.3).
    static let out: UInt32 = 9
    static let agentOut: UInt32 = 8
    static let agentInside: UInt32 = 10
    static let consult: UInt32 = 12
}

/// EventCause values the simulator uses (`constants.md` §12).
enum CauseCodes {
    static let busy: UInt32 = 3
    static let callCancelled: UInt32 = 5
    static let callNotAnswered: UInt32 = 10
    static let destNotObtainable: UInt32 = 13
    static let timeOut: UInt32 = 35
    static let keyConference: UInt32 = 17
    static let newCall: UInt32 = 22
    static let transfer: UInt32 = 32
}

/// The router call key of routed calls: a fixed day, call IDs from 1.
enum RouterKeys {
    static let day: UInt32 = 152_000
}

/// AgentWorkMode values (`constants.md` §18).
enum WorkModes {
    static let callByCall: UInt32 = 3
    static let nailed: UInt32 = 4
}
