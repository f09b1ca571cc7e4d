import CTIProtocol

/// What an accepted OPEN_REQ fixed for the life of a session (`session.md` §2-3).
struct OpenSession: Hashable, Sendable {
    var clientID: String
    var versionNumber: UInt32
    /// ServicesGranted of the OPEN_CONF.
    var services: UInt32
    var sessionType: OpenConfirmation.SessionType
    /// The device a CLIENT_EVENTS session holds (see ``OpenPolicy``), `nil` otherwise.
    var device: String?
    /// OPEN_REQ.IdleTimeout in seconds, `nil` for 0xFFFFFFFF (no idle timeout).
    var idleTimeout: UInt32?
    /// OPEN_REQ.CallMsgMask: the call events the session gets (`constants.md` §2).
    var callMessageMask: UInt32 = 0
    /// OPEN_REQ.AgentStateMask: the AGENT_STATE_EVENTs the session gets (`constants.md` §3).
    var agentStateMask: UInt32 = 0
    /// OPEN_REQ.AgentID of a CLIENT_EVENTS session (identifies its agent when no device is given).
    var agentID: String?
    /// OPEN_REQ.ConfigMsgMask: the configuration areas the session asked for (`constants.md` §4);
    /// only a session with one gets configuration acquisition (``ConfigurationUpload``).
    var configMessageMask: UInt32 = 0

    var receivesAllEvents: Bool { services & ServiceBits.allEvents != 0 }
    var followsActiveStandby: Bool { services & ServiceBits.activeStandby != 0 }
}
