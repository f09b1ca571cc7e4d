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
    /// `garbage A|B`: bytes that are no frame at all.
    case garbage(CTISide)
    case flood(count: Int, ratePerSecond: Double?)
    /// `call in DEVICE`: a customer call to a device.
    case callIn(device: String)
    /// `call end CALLID`: the customer hangs up.
    case callEnd(callID: UInt32)
    /// `agents`: the agents and their states.
    case agents
    /// `calls`: the calls in progress.
    case calls
    /// `rd add|remove|activate|deactivate DEVICE NUMBER`, `rd answer|reject|hangup DEVICE`.
    case remoteDevice(device: String, action: RemoteDeviceAction)
    /// `timer expire CALLID`: a persistent call's duration timer expires.
    case timerExpire(callID: UInt32)
    /// `setup-fail DEVICE busy|noanswer|unreachable`: the next persistent call on DEVICE fails.
    case setupFail(device: String, failure: PersistentSetupFailure)
    /// `persistent`: the persistent calls.
    case persistent

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
    garbage A|B             send bytes that are no frame (MessageLength 0xFFFFFFFF) to a side's sessions
    flood N [RATE]          publish N END_CALL_EVENTs to ALL_EVENTS sessions (RATE per second; default: as fast as they are read)
    call in DEVICE          a customer calls DEVICE (an agent phone 2001.. or a CTI Remote Device line 5001..)
    call end CALLID         the customer hangs up: the call clears
    rd add|remove|activate|deactivate DEVICE NUMBER
                            change a CTI Remote Device's (5001..) remote destinations; losing the active one ends its persistent call
    rd answer|reject|hangup DEVICE
                            the active remote destination answers, rejects or hangs up the persistent call
    timer expire CALLID     a persistent call's duration timer expires (CEC_TIME_OUT)
    setup-fail DEVICE busy|noanswer|unreachable
                            the next persistent call set up on DEVICE fails that way (CALL_FAILED_EVENT)
    persistent              list the persistent calls: device, call ID, remote number, state, age
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
        case "persistent": return try noArguments(.persistent)
        case "rd":
            let usage = "rd add|remove|activate|deactivate DEVICE NUMBER | rd answer|reject|hangup DEVICE"
            guard let verb = arguments.first else { throw SimulatorCommandError("usage: \(usage)") }
            switch verb {
            case "add", "remove", "activate", "deactivate":
                guard arguments.count == 3 else { throw SimulatorCommandError("usage: \(usage)") }
                let number = original[3]
                let action: RemoteDeviceAction = switch verb {
                case "add": .add(number)
                case "remove": .remove(number)
                case "activate": .activate(number)
                default: .deactivate(number)
                }
                return .remoteDevice(device: original[2], action: action)
            case "answer", "reject", "hangup":
                guard arguments.count == 2 else { throw SimulatorCommandError("usage: \(usage)") }
                let action: RemoteDeviceAction = verb == "answer" ? .answer : verb == "reject" ? .reject : .hangup
                return .remoteDevice(device: original[2], action: action)
            default: throw SimulatorCommandError("usage: \(usage)")
            }
        case "timer":
            let usage = "timer expire CALLID"
            guard arguments.count == 2, arguments[0] == "expire" else { throw SimulatorCommandError("usage: \(usage)") }
            guard let id = UInt32(arguments[1]) else { throw SimulatorCommandError("'\(original[2])' is not a call ID; usage: \(usage)") }
            return .timerExpire(callID: id)
        case "setup-fail":
            let usage = "setup-fail DEVICE busy|noanswer|unreachable"
            guard arguments.count == 2, let failure = PersistentSetupFailure(rawValue: arguments[1]) else {
                throw SimulatorCommandError("usage: \(usage)")
            }
            return .setupFail(device: original[1], failure: failure)
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
        case "garbage": return .garbage(try side(at: 0, usage: "garbage A|B"))
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
