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

    /// One row: the mistake in words, the reply and the code's Cisco name and value.
    public struct Row: Hashable, Sendable {
        public var mistake: Mistake
        public var description: String
        public var reply: Reply
        public var codeName: String
        public var code: UInt32
        /// The PeripheralErrorCode of a CONTROL_FAILURE_CONF (0 unless the row gives one).
        public var peripheralErrorCode: UInt32
    }

    private static func row(_ mistake: Mistake, _ description: String, _ reply: Reply, _ name: String,
                            peripheralError: UInt32 = 0) -> Row {
        let table = MessageCatalog.standard.enumTable(named: reply == .failureConf ? "StatusCode" : "ControlFailureCode")
        guard let code = table?.value(named: name) else { preconditionFailure("no code named \(name)") }
        return Row(mistake: mistake, description: description, reply: reply, codeName: name, code: code, peripheralErrorCode: peripheralError)
    }

    /// Every row, in the order the simulator checks them.
    public static let rows: [Row] = [
        row(.noClientControl, "the session was not granted CTI_SERVICE_CLIENT_CONTROL", .failureConf, "E_CTI_FUNCTION_NOT_AVAILABLE"),
        row(.unknownPeripheral, "PeripheralID is not a peripheral the simulator serves", .failureConf, "E_CTI_INVALID_PERIPHERAL_ID"),
        row(.missingField, "a required field is missing (AgentInstrument, ConnectionDeviceID, DialedNumber, AgentID for a login…)",
            .failureConf, "E_CTI_REQUIRED_DATA_MISSING"),
        row(.notOwnDevice, "a CLIENT_EVENTS session (without ALL_EVENTS) names a device other than its own",
            .controlFailureConf, "CF_PRIVILEGE_VIOLATION_ON_SPECIFIED_DEVICE"),
        row(.unknownDevice, "the device / instrument is not an agent phone of the simulated peripheral",
            .controlFailureConf, "CF_INVALID_CSTA_DEVICE_IDENTIFIER"),
        row(.unknownCall, "no call with that ConnectionCallID has a connection at that device",
            .controlFailureConf, "CF_INVALID_CSTA_CALL_IDENTIFIER"),
        row(.wrongCallState, "the connection is not in a state the request applies to (answer a call that is not alerting, hold a held call…)",
            .controlFailureConf, "CF_INVALID_OBJECT_STATE"),
        row(.agentNotLoggedIn, "the agent state request needs a logged-in agent", .failureConf, "E_CTI_AGENT_NOT_LOGGED_ON"),
        row(.agentAlreadyLoggedIn, "AGENT_STATE_LOGIN for an agent already logged in", .controlFailureConf, "CF_SPECIFIED_AGENT_ALREADY_SIGNED_ON"),
        row(.unknownAgent, "AgentID is not the agent of that instrument", .controlFailureConf, "CF_INVALID_AGENT_ID_SPECIFIED"),
        row(.invalidStateTransition, "the agent cannot go to that state now (ready while talking, logout unless not ready, an unsupported state…)",
            .controlFailureConf, "CF_GENERIC_STATE_INCOMPATIBILITY"),
        row(.invalidWorkMode, "AgentWorkMode unknown, or RA_CALL_BY_CALL / RA_NAILED_CONNECTION without `instrument;phone`",
            .controlFailureConf, "CF_INVALID_AGENT_WORKMODE"),
        row(.persistentBadFlags, "PERSISTENT_CALL_REQ: DevSpecificFlags is not 0x2", .controlFailureConf, "CF_VALUE_OUT_OF_RANGE",
            peripheralError: 0x7E00_0101),
        row(.persistentForeignDevice, "PERSISTENT_CALL_REQ: an agent-mode session names a device other than its own",
            .controlFailureConf, "CF_PRIVILEGE_VIOLATION_ON_SPECIFIED_DEVICE", peripheralError: 0x7E00_0101),
        row(.persistentNotRemoteDevice, "PERSISTENT_CALL_REQ: AgentInstrument is not a CTI Remote Device line (PERSISTENT_CALL_CREATE_FAILED)",
            .controlFailureConf, "CF_INVALID_CALLING_DEVICE", peripheralError: 0x7E00_0101),
        row(.persistentNoActiveRD, "PERSISTENT_CALL_REQ: the device has no active remote destination (NO_ACTIVE_RD_SET)",
            .controlFailureConf, "CF_INVALID_CALLED_DEVICE", peripheralError: 0xC000_0016),
        row(.persistentAlreadyExists, "PERSISTENT_CALL_REQ: the device's persistent call is established (PERSISTENT_CALL_ALREADY_EXISTS)",
            .controlFailureConf, "CF_INVALID_OBJECT_STATE", peripheralError: 0x7E00_0102),
        row(.persistentBeingSetUp, "PERSISTENT_CALL_REQ: the device's persistent call is being set up (PERSISTENT_CALL_BEING_SETUP)",
            .controlFailureConf, "CF_DUPLICATE_INVOCATION_REJECTION", peripheralError: 0x7E00_0108),
        row(.persistentOtherCall, "PERSISTENT_CALL_REQ: another call exists on the device (OPERATION_NOT_AVAILABLE_IN_CURRENT_STATE)",
            .controlFailureConf, "CF_GENERIC_STATE_INCOMPATIBILITY", peripheralError: 0x7E00_0107),
        row(.persistentCapacity, "PERSISTENT_CALL_REQ: the node or cluster has its maximum of persistent calls (CREATE_PERSISTENT_CALL_FAILED)",
            .controlFailureConf, "CF_RESOURCE_LIMITATION_REJECTION", peripheralError: 0x7E00_0101),
        row(.persistentFeature, "a feature request (hold, retrieve, alternate, reconnect, consult, transfer, conference, deflect, recording, supervise) "
            + "names a persistent call (OPERATION_NOT_ALLOWED_ON_PERSISTENT_CALL)",
            .controlFailureConf, "CF_REQUEST_INCOMPATIBLE_WITH_OBJECT", peripheralError: 0x7E00_0103),
        row(.persistentDropCallActive, "drop of a persistent call while a customer call is active on its device: refused, "
            + "and the call drops when the last customer call ends (PERSISTENT_CALL_DROP_FAILED_CALL_ACTIVE)",
            .controlFailureConf, "CF_GENERIC_STATE_INCOMPATIBILITY", peripheralError: 0x7E00_0104),
    ]

    /// The row of a mistake.
    public static func row(for mistake: Mistake) -> Row { rows.first { $0.mistake == mistake }! }

    /// The table as `describe failures` prints it: one line per mistake.
    public static var text: String {
        let codes = rows.map { row in
            "\(row.reply.rawValue) \(row.codeName) (\(row.code))"
                + (row.peripheralErrorCode == 0 ? "" : " 0x" + String(row.peripheralErrorCode, radix: 16, uppercase: true))
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
        case .failureConf: return SessionMessages.failureConfirmation(invokeID: invokeID, status: row.code)
        case .controlFailureConf: return SessionMessages.controlFailureConfirmation(invokeID: invokeID, failureCode: row.code, peripheralErrorCode: row.peripheralErrorCode)
        }
    }
}
