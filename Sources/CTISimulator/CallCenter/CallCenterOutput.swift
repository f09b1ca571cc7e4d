import CTIProtocol

/// One message the contact-center model sends, and to whom.
struct CallCenterOutput: Sendable {
    enum Audience: Hashable, Sendable {
        /// The session whose request this answers (a CONF, CONTROL_FAILURE_CONF or FAILURE_CONF).
        case requester
        /// An event about these agent devices: every ALL_EVENTS session of the active side, and
        /// the CLIENT_EVENTS sessions holding one of them; each filtered by its masks
        /// (``EventRouting``).
        case devices(Set<String>)
    }

    var message: CTIMessage
    var audience: Audience

    static func reply(_ message: CTIMessage) -> CallCenterOutput { CallCenterOutput(message: message, audience: .requester) }
    static func event(_ message: CTIMessage, to devices: Set<String>) -> CallCenterOutput {
        CallCenterOutput(message: message, audience: .devices(devices))
    }
}
