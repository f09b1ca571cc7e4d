import CTIProtocol

/// How the simulator answers a Client Control request it cannot carry out: one row per
/// mistake, the message it sends and the code. This is the single source of those codes (the
/// model looks them up here) and the text `describe failures` prints.
///
/// FAILURE_CONF (status codes, `constants.md` §6) answers what the CTI Server itself refuses
/// before the peripheral sees the request (no CLIENT_CONTROL, a bad PeripheralID, a missing
/// field, an agent not logged on); CONTROL_FAILURE_CONF (ControlFailureCode, §17, with
/// PeripheralErrorCode 0, or the project's value for persistent calls, `persistent-calls-design.md`
/// §6.4) answers what the peripheral refuses. No Text field is added (ERRATA).
public enum SimulatorFailureTable {
    /// The reply kind.
    public enum Reply: String, Hashable, Sendable {
        case failureConf = "FAILURE_CONF"
        case controlFailureConf = "CONTROL_FAILURE_CONF"
    }

    /// A mistake a client can make.
    public enum Mistake: String, CaseIterable, Hashable, Sendable {
        case noClientControl
        case unknownPeripheral
        case missingField
        case notOwnDevice
        case unknownDevice
        case unknownCall
        case wrongCallState
        case agentNotLoggedIn
        case agentAlreadyLoggedIn
        case unknownAgent
        case invalidStateTransition
        case invalidWorkMode
        // Persistent calls (`persistent-calls-design.md` §6.4), checked in this order.
        case persistentBadFlags
        case persistentForeignDevice
        case persistentNotRemoteDevice
        case persistentNoActiveRD
        case persistentAlreadyExists
        case persistentBeingSetUp
        case persistentOtherCall
        case persistentCapacity
        case persistentFeature
        case persistentDropCallActive
    }

    /// One row: the mistake in words, the reply and its code.
    public struct Row: Hashable, Sendable {
        public var mistake: Mistake
        public var description: String
        public var reply: Reply
        /// The FAILURE_CONF status or CONTROL_FAILURE_CONF FailureCode, by its Cisco name.
        public var codeName: String
        public var code: UInt32
        /// The PeripheralErrorCode of a CONTROL_FAILURE_CONF (none unless the row gives one).
        public var peripheralErrorCode: PeripheralErrorCode
    }

    /// A row answered with FAILURE_CONF.
    private static func row(_ mistake: Mistake, _ description: String, status: StatusCode) -> Row {
        Row(mistake: mistake, description: description, reply: .failureConf, codeName: status.name!, code: status.rawValue, peripheralErrorCode: .none)
    }

    /// A row answered with CONTROL_FAILURE_CONF.
    private static func row(_ mistake: Mistake, _ description: String, failure: ControlFailureCode,
                            peripheralError: PeripheralErrorCode = .none) -> Row {
        Row(mistake: mistake, description: description, reply: .controlFailureConf, codeName: failure.name!, code: failure.rawValue,
            peripheralErrorCode: peripheralError)
    }

    /// A persistent-call row: the pair of ``PersistentCallRefusal`` (`persistent-calls-design.md` §6.4).
    private static func row(_ mistake: Mistake, _ description: String, persistent refusal: PersistentCallRefusal) -> Row {
        row(mistake, description, failure: refusal.failureCode, peripheralError: refusal.peripheralErrorCode)
    }

    /// Every row, in the order the simulator checks them.
    public static let rows: [Row] = [
        row(.noClientControl, "the session was not granted CTI_SERVICE_CLIENT_CONTROL", status: .functionNotAvailable),
        row(.unknownPeripheral, "PeripheralID is not a peripheral the simulator serves", status: .invalidPeripheralID),
        row(.missingField, "a required field is missing (AgentInstrument, ConnectionDeviceID, DialedNumber, AgentID for a login…)",
            status: .requiredDataMissing),
        row(.notOwnDevice, "a CLIENT_EVENTS session (without ALL_EVENTS) names a device other than its own",
            failure: .privilegeViolationOnSpecifiedDevice),
        row(.unknownDevice, "the device / instrument is not an agent phone of the simulated peripheral",
            failure: .invalidCSTADeviceIdentifier),
        row(.unknownCall, "no call with that ConnectionCallID has a connection at that device",
            failure: .invalidCSTACallIdentifier),
        row(.wrongCallState, "the connection is not in a state the request applies to (answer a call that is not alerting, hold a held call…)",
            failure: .invalidObjectState),
        row(.agentNotLoggedIn, "the agent state request needs a logged-in agent", status: .agentNotLoggedOn),
        row(.agentAlreadyLoggedIn, "AGENT_STATE_LOGIN for an agent already logged in", failure: .specifiedAgentAlreadySignedOn),
        row(.unknownAgent, "AgentID is not the agent of that instrument", failure: .invalidAgentIDSpecified),
        row(.invalidStateTransition, "the agent cannot go to that state now (ready while talking, logout unless not ready, an unsupported state…)",
            failure: .genericStateIncompatibility),
        row(.invalidWorkMode, "AgentWorkMode unknown, or RA_CALL_BY_CALL / RA_NAILED_CONNECTION without `instrument;phone`",
            failure: .invalidAgentWorkmode),
        row(.persistentBadFlags, "PERSISTENT_CALL_REQ: DevSpecificFlags is not 0x2", persistent: .badFlags),
        row(.persistentForeignDevice, "PERSISTENT_CALL_REQ: an agent-mode session names a device other than its own",
            persistent: .foreignDevice),
        row(.persistentNotRemoteDevice, "PERSISTENT_CALL_REQ: AgentInstrument is not a CTI Remote Device line (PERSISTENT_CALL_CREATE_FAILED)",
            persistent: .notRemoteDevice),
        row(.persistentNoActiveRD, "PERSISTENT_CALL_REQ: the device has no active remote destination (NO_ACTIVE_RD_SET)",
            persistent: .noActiveRD),
        row(.persistentAlreadyExists, "PERSISTENT_CALL_REQ: the device's persistent call is established (PERSISTENT_CALL_ALREADY_EXISTS)",
            persistent: .alreadyExists),
        row(.persistentBeingSetUp, "PERSISTENT_CALL_REQ: the device's persistent call is being set up (PERSISTENT_CALL_BEING_SETUP)",
            persistent: .beingSetUp),
        row(.persistentOtherCall, "PERSISTENT_CALL_REQ: another call exists on the device (OPERATION_NOT_AVAILABLE_IN_CURRENT_STATE)",
            persistent: .otherCall),
        row(.persistentCapacity, "PERSISTENT_CALL_REQ: the node or cluster has its maximum of persistent calls (CREATE_PERSISTENT_CALL_FAILED)",
            persistent: .capacity),
        row(.persistentFeature, "a feature request (hold, retrieve, alternate, reconnect, consult, transfer, conference, deflect, recording, supervise) "
            + "names a persistent call (OPERATION_NOT_ALLOWED_ON_PERSISTENT_CALL)",
            persistent: .feature),
        row(.persistentDropCallActive, "drop of a persistent call while a customer call is active on its device: refused, "
            + "and the call drops when the last customer call ends (PERSISTENT_CALL_DROP_FAILED_CALL_ACTIVE)",
            persistent: .dropCallActive),
    ]

    /// The row of a mistake.
    public static func row(for mistake: Mistake) -> Row { rows.first { $0.mistake == mistake }! }

    /// The table as `describe failures` prints it: one line per mistake.
    public static var text: String {
        let codes = rows.map { row in
            "\(row.reply.rawValue) \(row.codeName) (\(row.code))"
                + (row.peripheralErrorCode == .none ? "" : " 0x" + String(row.peripheralErrorCode.rawValue, radix: 16, uppercase: true))
        }
        let width = codes.map(\.count).max() ?? 0
        return zip(rows, codes).map { row, code in
            code + String(repeating: " ", count: max(1, width - code.count + 2)) + row.description
        }.joined(separator: "\n")
    }

    /// The reply for a mistake to the request with `invokeID`.
    static func reply(_ mistake: Mistake, invokeID: UInt32) -> CTIMessage {
        let row = row(for: mistake)
        switch row.reply {
        case .failureConf: return SessionMessages.failureConfirmation(invokeID: invokeID, status: StatusCode(rawValue: row.code))
        case .controlFailureConf:
            return SessionMessages.controlFailureConfirmation(invokeID: invokeID, failureCode: ControlFailureCode(rawValue: row.code),
                                                              peripheralErrorCode: row.peripheralErrorCode)
        }
    }
}
