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

    var receivesAllEvents: Bool { services & ServiceBits.allEvents != 0 }
    var followsActiveStandby: Bool { services & ServiceBits.activeStandby != 0 }
}
