import CTIProtocol

/// How the simulator answers a Client Control request it cannot carry out: one row per
/// mistake, the message it sends and the code. This is the single source of those codes (the
/// model looks them up here) and the text `describe failures` prints.
///
/// FAILURE_CONF (status codes, `constants.md` §6) answers what the CTI Server itself refuses
/// before the peripheral sees the request (no CLIENT_CONTROL, a bad PeripheralID, a missing
/// field, an agent not logged on); CONTROL_FAILURE_CONF (ControlFailureCode, §17, with
/// PeripheralErrorCode 0) answers what the peripheral refuses.
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
    }

    /// One row: the mistake in words, the reply and the code's Cisco name and value.
    public struct Row: Hashable, Sendable {
        public var mistake: Mistake
        public var description: String
        public var reply: Reply
        public var codeName: String
        public var code: UInt32
    }

    private static func row(_ mistake: Mistake, _ description: String, _ reply: Reply, _ name: String) -> Row {
        let table = MessageCatalog.standard.enumTable(named: reply == .failureConf ? "StatusCode" : "ControlFailureCode")
        guard let code = table?.value(named: name) else { preconditionFailure("no code named \(name)") }
        return Row(mistake: mistake, description: description, reply: reply, codeName: name, code: code)
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
    ]

    /// The row of a mistake.
    public static func row(for mistake: Mistake) -> Row { rows.first { $0.mistake == mistake }! }

    /// The table as `describe failures` prints it: one line per mistake.
    public static var text: String {
        let width = rows.map { $0.reply.rawValue.count + $0.codeName.count + String($0.code).count + 4 }.max() ?? 0
        return rows.map { row in
            let code = "\(row.reply.rawValue) \(row.codeName) (\(row.code))"
            return code + String(repeating: " ", count: max(1, width - code.count + 2)) + row.description
        }.joined(separator: "\n")
    }

    /// The reply for a mistake to the request with `invokeID`.
    static func reply(_ mistake: Mistake, invokeID: UInt32) -> CTIMessage {
        let row = row(for: mistake)
        switch row.reply {
        case .failureConf: return SessionMessages.failureConfirmation(invokeID: invokeID, status: row.code)
        case .controlFailureConf: return SessionMessages.controlFailureConfirmation(invokeID: invokeID, failureCode: row.code, peripheralErrorCode: 0)
        }
    }
}
