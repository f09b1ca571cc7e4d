/// Every simulator command, one declaration each (keywords, arguments, help line, action), in the
/// order `help` lists them. A new command is one row here; `help`, parsing, ``CTISimulator/execute(_:)``,
/// `cti simulate --help`, the REPL's `sim help` and the man page follow, and a test checks the
/// README against it.
public enum SimulatorCommandTable {
    public static let declarations: [SimulatorCommandDeclaration] = [
        .init("heartbeats stop", [.side], help: "stop answering HEARTBEAT_REQ on a side (logs the first one ignored)") {
            await $0.stopHeartbeats(on: $1.arguments.side)
        },
        .init("heartbeats resume", [.side], help: "answer HEARTBEAT_REQ again") { await $0.resumeHeartbeats(on: $1.arguments.side) },
        .init("hang", [.side], help: "stop reading and answering on a side; connections stay open") { await $0.hang($1.arguments.side) },
        .init("unhang", [.side], help: "read and answer again") { await $0.unhang($1.arguments.side) },
        .init("kill", [.side], help: "close a side's listener and connections; the other side takes over") { await $0.kill($1.arguments.side) },
        .init("revive", [.side], help: "listen again on the side's port, as standby") { try await $0.revive($1.arguments.side) },
        .init("drop", help: "close every connection on both sides") { simulator, _ in await simulator.dropConnections() },
        .init("offline", [.side], help: "send FAILURE_EVENT E_CTI_CTI_SERVER_OFFLINE (15) to a side's sessions") {
            await $0.sendOffline($1.arguments.side)
        },
        .init("maintenance", help: "graceful hand-off of the active side (ACTIVE_MAINTENANCE_REQ ...)") { simulator, _ in
            await simulator.startMaintenance()
        },
        .init("malformed", [.side], help: "send a malformed frame (OPEN_CONF, fixed part truncated) to a side's sessions") {
            await $0.sendMalformed($1.arguments.side)
        },
        .init("garbage", [.side], help: "send bytes that are no frame (MessageLength 0xFFFFFFFF) to a side's sessions") {
            await $0.sendGarbage($1.arguments.side)
        },
        .init("flood", [.count, .rate],
              help: "publish N END_CALL_EVENTs to ALL_EVENTS sessions (RATE per second; default: as fast as they are read)") {
            await $0.startFlood(count: $1.arguments.count, ratePerSecond: $1.arguments.rate)
        },
        .init("call in", [.device], help: "a customer calls DEVICE (an agent phone 2001.. or a CTI Remote Device line 5001..)") {
            let device = $1.arguments.device
            return "call \(try await $0.callIn(device: device)) ringing at \(device)"
        },
        .init("call end", [.callID], help: "the customer hangs up: the call clears") {
            try await $0.endCall($1.arguments.callID)
            return "call \($1.arguments.callID) ended"
        },
        .init("rd " + remoteDestinationChanges.map(\.word).joined(separator: "|"), [.device, .number],
              help: "change a CTI Remote Device's (5001..) remote destinations; losing the active one ends its persistent call") { simulator, command in
            let change = remoteDestinationChanges.first { $0.word == command.words[1] }!.action
            return try await remoteDevice(simulator, command.arguments.device, change(command.arguments.number))
        },
        .init("rd " + remoteDestinationResponses.map(\.word).joined(separator: "|"), [.device],
              help: "the active remote destination answers, rejects or hangs up the persistent call") { simulator, command in
            let response = remoteDestinationResponses.first { $0.word == command.words[1] }!.action
            return try await remoteDevice(simulator, command.arguments.device, response)
        },
        .init("timer expire", [.callID], help: "a persistent call's duration timer expires (CEC_TIME_OUT)") {
            try await $0.expireTimer(callID: $1.arguments.callID)
            return "call \($1.arguments.callID): duration timer expired"
        },
        .init("setup-fail", [.device, .choice(PersistentSetupFailure.allCases.map(\.rawValue))],
              help: "the next persistent call set up on DEVICE fails that way (CALL_FAILED_EVENT)") {
            let failure = $1.arguments.choice(as: PersistentSetupFailure.self)
            try await $0.failNextSetup(device: $1.arguments.device, failure)
            return "the next persistent call on \($1.arguments.device) fails: \(failure.rawValue)"
        },
        .init("persistent", help: "list the persistent calls: device, call ID, remote number, state, age") { simulator, _ in
            list(await simulator.persistentCalls(), none: "no persistent calls")
        },
        .init("agents", help: "list the agents and their states") { simulator, _ in list(await simulator.agents(), none: "no agents") },
        .init("calls", help: "list the calls in progress and their legs") { simulator, _ in list(await simulator.calls(), none: "no calls") },
        .init("status", help: "sides, active side, sessions") { simulator, _ in await simulator.status().description },
        .init("help", aliases: ["?"], help: "this list") { _, _ in helpText },
    ]

    /// What `help` prints: one line per command (two when the syntax is long).
    public static let helpText = declarations.map(\.helpLine).joined(separator: "\n")

    /// The usage of the commands sharing a name, as a refusal names it: declarations whose
    /// arguments are the same share one line (`heartbeats stop|resume A|B`), lines are joined by
    /// ` | `, and the ranges of the values follow in parentheses.
    static func usage(of family: [SimulatorCommandDeclaration]) -> String {
        var lines: [(keywords: [String], tail: [SimulatorArgument])] = []
        for declaration in family {
            if let index = lines.firstIndex(where: { $0.tail == declaration.arguments && $0.keywords.count == declaration.words.count }) {
                lines[index].keywords = zip(lines[index].keywords, declaration.words).map { $0 == $1 ? $0 : "\($0)|\($1)" }
            } else {
                lines.append((declaration.words, declaration.arguments))
            }
        }
        let usage = lines.map { ($0.keywords + $0.tail.map(\.placeholder)).joined(separator: " ") }.joined(separator: " | ")
        let ranges = family.flatMap(\.arguments).compactMap(\.constraint)
        return ranges.isEmpty ? usage : "\(usage) (\(ranges.joined(separator: ", ")))"
    }

    /// `rd add|remove|activate|deactivate DEVICE NUMBER`: the keyword and the action on NUMBER.
    private static let remoteDestinationChanges: [(word: String, action: @Sendable (String) -> RemoteDeviceAction)] = [
        ("add", { .add($0) }), ("remove", { .remove($0) }), ("activate", { .activate($0) }), ("deactivate", { .deactivate($0) }),
    ]

    /// `rd answer|reject|hangup DEVICE`: the keyword and the far end's action.
    private static let remoteDestinationResponses: [(word: String, action: RemoteDeviceAction)] = [
        ("answer", .answer), ("reject", .reject), ("hangup", .hangup),
    ]

    private static func remoteDevice(_ simulator: CTISimulator, _ device: String, _ action: RemoteDeviceAction) async throws -> String {
        try await simulator.remoteDevice(device, action)
        return "rd \(device): \(action.text)"
    }

    private static func list(_ items: [some CustomStringConvertible], none: String) -> String {
        items.isEmpty ? none : items.map(\.description).joined(separator: "\n")
    }
}
