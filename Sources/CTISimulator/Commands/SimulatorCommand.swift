import CTIProtocol

/// A fault-injection or inspection command, as typed on the simulator's stdin (and, later, as
/// `sim …` in the REPL). One command per line; words separated by blanks; names and sides are
/// case-insensitive. ``CTISimulator/execute(_:)`` runs them.
public enum SimulatorCommand: Hashable, Sendable {
    case help
    case status
    case stopHeartbeats(CTISide)
    case resumeHeartbeats(CTISide)
    case hang(CTISide)
    case unhang(CTISide)
    case kill(CTISide)
    case revive(CTISide)
    case drop
    case offline(CTISide)
    case maintenance
    case malformed(CTISide)
    case flood(count: Int, ratePerSecond: Double?)
    /// `call in DEVICE`: a customer call to a device.
    case callIn(device: String)
    /// `call end CALLID`: the customer hangs up.
    case callEnd(callID: UInt32)
    /// `agents`: the agents and their states.
    case agents
    /// `calls`: the calls in progress.
    case calls

    /// What `help` prints: one line per command.
    public static let helpText = """
    heartbeats stop A|B     stop answering HEARTBEAT_REQ on a side (logs the first one ignored)
    heartbeats resume A|B   answer HEARTBEAT_REQ again
    hang A|B                stop reading and answering on a side; connections stay open
    unhang A|B              read and answer again
    kill A|B                close a side's listener and connections; the other side takes over
    revive A|B              listen again on the side's port, as standby
    drop                    close every connection on both sides
    offline A|B             send FAILURE_EVENT E_CTI_CTI_SERVER_OFFLINE (15) to a side's sessions
    maintenance             graceful hand-off of the active side (ACTIVE_MAINTENANCE_REQ ...)
    malformed A|B           send a malformed frame (OPEN_CONF, fixed part truncated) to a side's sessions
    flood N [RATE]          publish N END_CALL_EVENTs to ALL_EVENTS sessions (RATE per second; default: as fast as they are read)
    call in DEVICE          a customer calls DEVICE (an agent phone 2001.. or a CTI Remote Device line 5001..)
    call end CALLID         the customer hangs up: the call clears
    agents                  list the agents and their states
    calls                   list the calls in progress and their legs
    status                  sides, active side, sessions
    help                    this list
    """

    /// Parses one line; `nil` for a blank line.
    public static func parse(_ line: String) throws(SimulatorCommandError) -> SimulatorCommand? {
        let original = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
        let words = original.map { $0.lowercased() }
        guard let name = words.first else { return nil }
        let arguments = Array(words.dropFirst())

        func side(at index: Int, usage: String) throws(SimulatorCommandError) -> CTISide {
            guard arguments.count == index + 1 else { throw SimulatorCommandError("usage: \(usage)") }
            guard let side = CTISide(rawValue: arguments[index].uppercased()) else {
                throw SimulatorCommandError("'\(original[index + 1])' is not a side (A or B); usage: \(usage)")
            }
            return side
        }
        func noArguments(_ command: SimulatorCommand) throws(SimulatorCommandError) -> SimulatorCommand {
            guard arguments.isEmpty else { throw SimulatorCommandError("'\(name)' takes no arguments") }
            return command
        }

        switch name {
        case "help", "?": return try noArguments(.help)
        case "status": return try noArguments(.status)
        case "drop": return try noArguments(.drop)
        case "maintenance": return try noArguments(.maintenance)
        case "agents": return try noArguments(.agents)
        case "calls": return try noArguments(.calls)
        case "call":
            let usage = "call in DEVICE | call end CALLID"
            guard arguments.count == 2 else { throw SimulatorCommandError("usage: \(usage)") }
            switch arguments[0] {
            case "in": return .callIn(device: original[2])
            case "end":
                guard let id = UInt32(arguments[1]) else { throw SimulatorCommandError("'\(original[2])' is not a call ID; usage: \(usage)") }
                return .callEnd(callID: id)
            default: throw SimulatorCommandError("usage: \(usage)")
            }
        case "heartbeats":
            let usage = "heartbeats stop|resume A|B"
            switch arguments.first {
            case "stop": return .stopHeartbeats(try side(at: 1, usage: usage))
            case "resume": return .resumeHeartbeats(try side(at: 1, usage: usage))
            default: throw SimulatorCommandError("usage: \(usage)")
            }
        case "hang": return .hang(try side(at: 0, usage: "hang A|B"))
        case "unhang": return .unhang(try side(at: 0, usage: "unhang A|B"))
        case "kill": return .kill(try side(at: 0, usage: "kill A|B"))
        case "revive": return .revive(try side(at: 0, usage: "revive A|B"))
        case "offline": return .offline(try side(at: 0, usage: "offline A|B"))
        case "malformed": return .malformed(try side(at: 0, usage: "malformed A|B"))
        case "flood":
            guard (1...2).contains(arguments.count), let count = Int(arguments[0]), count > 0 else {
                throw SimulatorCommandError("usage: flood N [RATE] (N > 0 events, RATE > 0 per second)")
            }
            var rate: Double?
            if arguments.count == 2 {
                guard let value = Double(arguments[1]), value > 0, value.isFinite else {
                    throw SimulatorCommandError("usage: flood N [RATE] (N > 0 events, RATE > 0 per second)")
                }
                rate = value
            }
            return .flood(count: count, ratePerSecond: rate)
        default:
            throw SimulatorCommandError("unknown command '\(original[0])'; type help for the list")
        }
    }
}

/// A line ``SimulatorCommand/parse(_:)`` cannot read; the message says why.
public struct SimulatorCommandError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
