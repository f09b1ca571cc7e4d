import CTIProtocol

/// CallType values the simulator uses (`constants.md` §15).
enum CallTypes {
    static let preRouteACDIn = CallType.prerouteACDIn.rawValue
    static let otherIn = CallType.otherIn.rawValue
    /// CALLTYPE_OUT: persistent calls (`persistent-calls-design.md` §6.3).
    static let out = CallType.out.rawValue
    static let agentOut = CallType.agentOut.rawValue
    static let agentInside = CallType.agentInside.rawValue
    static let consult = CallType.consult.rawValue
}

/// EventCause values the simulator uses (`constants.md` §12).
enum CauseCodes {
    static let busy = EventCause.busy.rawValue
    static let callCancelled = EventCause.callCancelled.rawValue
    static let callNotAnswered = EventCause.callNotAnswered.rawValue
    static let destNotObtainable = EventCause.destNotObtainable.rawValue
    static let timeOut = EventCause.timeOut.rawValue
    static let keyConference = EventCause.keyConference.rawValue
    static let newCall = EventCause.newCall.rawValue
    static let transfer = EventCause.transfer.rawValue
}

/// The router call key of routed calls: a fixed day, call IDs from 1.
enum RouterKeys {
    static let day: UInt32 = 152_000
}

/// AgentWorkMode values (`constants.md` §18).
enum WorkModes {
    static let callByCall = AgentWorkMode.raCallByCall.rawValue
    static let nailed = AgentWorkMode.raNailedConnection.rawValue
}
