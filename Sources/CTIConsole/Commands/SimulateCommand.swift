import ArgumentParser
import CTIOutput
import CTIProtocol
import CTISimulator
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// `cti simulate`: a duplexed CTI Server simulator (sides A and B) in the foreground.
///
/// SIGINT/SIGTERM are caught by a handler installed before the ports are printed (so a test
/// may signal as soon as it has read them); stdin is read on a dispatch queue and its lines
/// are run one after the other.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run a duplexed CTI Server simulator (sides A and B) for tests and demos.",
        discussion: """
        Prints one line per side on stdout, `side A listening on HOST:PORT` then side B, and \
        logs sessions, refusals and faults on stderr, one line each. Side A starts active. \
        Commands are read from stdin, one per line (type `help`; replies go to stdout); at \
        end of input the simulator keeps running. SIGINT or SIGTERM closes the listeners and \
        connections and exits 0. Exit status 2 if a port cannot be bound.

        With `--replay FILE` (a pcap, or a raw `--record` file) each client that opens gets \
        the server side of the recorded session: the simulator answers OPEN, HEARTBEAT and \
        CLOSE itself and sends the recorded messages with their recorded spacing (`--speed`), \
        confirmations with the client's InvokeID. With `[[step]]` tables in the `--scenario` \
        file the first session must do what the steps say: exit 0 once every step happened, \
        1 naming the first step that did not (see the README).

        Persistent calls are a project extension (PERSISTENT_CALL_REQ, rules R1-R14 of \
        persistent-calls-design.md). The commands (the REPL's `sim` takes the same):

        \(SimulateCommand.commandList)
        """
    )

    /// The simulator's commands as `help` lists them, indented: each line starts a line in the man page too.
    static var commandList: String {
        SimulatorCommandTable.helpText.split(separator: "\n").map { "  \($0)" }.joined(separator: "\n")
    }

    @Option(name: .customLong("port-a"), help: "Port of side A (0 = ephemeral).")
    var portA: Int = CTISide.a.defaultPort

    @Option(name: .customLong("port-b"), help: "Port of side B (0 = ephemeral).")
    var portB: Int = CTISide.b.defaultPort

    @Option(help: "Address both sides listen on.")
    var host: String = "127.0.0.1"

    @Option(name: .customLong("peripheral"), help: ArgumentHelp("A peripheral ID the simulated PG serves (repeatable).", valueName: "id"))
    var peripherals: [UInt32] = [DefaultPeripheral.id]

    @Option(name: .customLong("max-protocol"), help: ArgumentHelp(
        "The newest protocol version the simulator speaks (20-25), to play an older CTI Server: a newer OPEN_REQ VersionNumber "
            + "gets E_CTI_INVALID_VERSION, each session speaks the version it opened with, and below 24 there is no active/standby.",
        valueName: "n"))
    var maxProtocol: Int = Int(ProtocolVersion.v25.number)

    @Option(name: .customLong("password-file"), help: ArgumentHelp(
        "Require the ClientPassword held in this file (one trailing newline ignored).", valueName: "file"))
    var passwordFile: String?

    @Option(name: .customLong("agent"), help: ArgumentHelp(
        "An agent of the consistency check (E_CTI_INCONSISTENT_AGENT_DATA): ID[:EXTENSION[:INSTRUMENT]] (repeatable).",
        valueName: "agent"))
    var agents: [String] = []

    @Option(name: .customLong("agents"), help: ArgumentHelp(
        "Agents of the simulated contact center (at most \(CallCenterConfiguration.maximumAgents)): IDs 1001.., phones (DN = instrument = extension) 2001.., skill groups 10 and 11 (IDs 5010, 5011), starting AVAILABLE.",
        valueName: "n"))
    var agentCount: Int = 10

    @Flag(name: .customLong("logged-out"), help: "The agents start logged out (AGENT_STATE_LOGOUT), as a contact center before its shift (for cti load).")
    var loggedOut = false

    @Option(name: .customLong("remote-devices"), help: ArgumentHelp(
        "CTI Remote Devices: lines 5001.. named CTRID5001.., two remote destinations each (the first active).", valueName: "m"))
    var remoteDevices: Int = 2

    @Option(name: .customLong("rate"), help: ArgumentHelp(
        "Inbound customer calls per second (Poisson), routed to the agent available longest; dropped when none is. 0 = none.",
        valueName: "r"))
    var rate: Double = 0

    @Option(name: .customLong("seed"), help: ArgumentHelp("Seed of the traffic (arrivals, callers, handle and wrap-up times).", valueName: "s"))
    var seed: UInt64 = 1

    @Option(name: .customLong("persistent-per-node"), help: ArgumentHelp("Persistent calls this node accepts (R5).", valueName: "n"))
    var persistentPerNode: Int = 2_000

    @Option(name: .customLong("persistent-per-cluster"), help: ArgumentHelp("Persistent calls the cluster accepts (R5).", valueName: "n"))
    var persistentPerCluster: Int = 8_000

    @Flag(name: .customLong("hide-persistent-in-snapshot"), help: "Leave persistent calls out of SNAPSHOT_DEVICE_CONF, as JTAPI hides them (R13).")
    var hidePersistentInSnapshot = false

    @Option(name: .customLong("scenario"), help: ArgumentHelp(
        "A TOML file describing another contact center: agents, remote-devices, rate, seed, peripherals (a list); its values replace the defaults above.",
        valueName: "file"))
    var scenario: String?

    @Option(name: .customLong("replay"), help: ArgumentHelp(
        "Play the server side of a recorded session (a pcap, or a raw --record file) to each client that opens.", valueName: "file"))
    var replay: String?

    @Option(name: .customLong("speed"), help: ArgumentHelp(
        "With --replay: the recorded gaps divided by N (> 0), or max for no waits. A raw file has no times: always as fast as the client reads.",
        valueName: "n|max"))
    var speed: String?

    @Option(name: .customLong("replay-connection"), help: ArgumentHelp(
        "With --replay of a capture: replay its N-th connection that has an OPEN_REQ (default 1).", valueName: "n"))
    var replayConnection: Int?

    @Flag(name: .customLong("once"), help: "With --replay: exit once the first client's session has closed (0 when the whole replay was sent, else 1).")
    var once = false

    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("Serve TLS on both sides with this PEM certificate (chain); needs --tls-key.", valueName: "file"))
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp("The PEM private key of --tls-cert.", valueName: "file"))
    var tlsKey: String?

    @Option(name: .customLong("tls-ca"), help: ArgumentHelp("With TLS: require client certificates signed by these PEM CAs.", valueName: "file"))
    var tlsCA: String?

    func validate() throws {
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
        if tlsCA != nil && tlsCert == nil { throw ValidationError("--tls-ca needs --tls-cert and --tls-key") }
        for (name, port) in [("--port-a", portA), ("--port-b", portB)] where !(0...65535).contains(port) {
            throw ValidationError("\(name) \(port) is not a port (0-65535)")
        }
        if portA != 0 && portA == portB { throw ValidationError("--port-a and --port-b must differ") }
        if maxProtocolVersion == nil {
            let versions = ProtocolVersion.supported
            throw ValidationError("--max-protocol \(maxProtocol): expected a protocol version from \(versions.first!) to \(versions.last!)")
        }
        if peripherals.isEmpty { throw ValidationError("give at least one --peripheral") }
        if !(0...CallCenterConfiguration.maximumAgents).contains(agentCount) {
            throw ValidationError("--agents \(agentCount): expected 0-\(CallCenterConfiguration.maximumAgents)")
        }
        if !(0...999).contains(remoteDevices) { throw ValidationError("--remote-devices \(remoteDevices): expected 0-999") }
        if persistentPerNode < 0 || persistentPerCluster < 0 { throw ValidationError("persistent-call limits must be >= 0") }
        if !(rate >= 0 && rate.isFinite) { throw ValidationError("--rate \(rate): expected a number of calls per second >= 0") }
        if replay == nil {
            for (given, flag) in [(speed != nil, "--speed"), (replayConnection != nil, "--replay-connection"), (once, "--once")] where given {
                throw ValidationError("\(flag) goes with --replay")
            }
        }
        if let speed, ReplaySpeed(argument: speed) == nil { throw ValidationError("--speed \(speed): expected a number > 0 or max") }
        if let replayConnection, replayConnection < 1 { throw ValidationError("--replay-connection \(replayConnection): expected 1 or more") }
        for agent in agents where agent.split(separator: ":", omittingEmptySubsequences: false).first?.isEmpty ?? true {
            throw ValidationError("--agent '\(agent)': expected ID[:EXTENSION[:INSTRUMENT]]")
        }
    }

    func run() async throws {
        let password = try passwordFile.map(SimulateCommand.readPassword)
        var configuration = SimulatorConfiguration(
            host: host, ports: [.a: portA, .b: portB], peripherals: peripherals, maxProtocol: maxProtocolVersion!, password: password,
            agents: agents.map(SimulateCommand.agent), log: { StandardStream.diagnose($0) },
            callCenter: CallCenterConfiguration(agents: agentCount, remoteDevices: remoteDevices, callRate: rate, seed: seed,
                                                initialAgentState: loggedOut ? AgentState.logout.rawValue : AgentState.available.rawValue))
        configuration.callCenter.persistentCalls.perNode = persistentPerNode
        configuration.callCenter.persistentCalls.perCluster = persistentPerCluster
        configuration.callCenter.persistentCalls.hideFromSnapshotDevice = hidePersistentInSnapshot
        if let tlsCert, let tlsKey {
            configuration.tls = SimulatorTLS(certificateFile: tlsCert, keyFile: tlsKey, clientCAFile: tlsCA)
        }
        if let scenario {
            do {
                try Scenario.load(path: scenario).apply(to: &configuration)
            } catch {
                StandardStream.diagnose("cti simulate: \(error)")
                throw ExitStatus.usage
            }
            if replay != nil && configuration.script != nil {
                StandardStream.diagnose("cti simulate: scenario \(scenario): [[step]] tables and --replay do not go together")
                throw ExitStatus.usage
            }
        }
        if let replay {
            let recording: ReplayRecording
            do {
                recording = try ReplayRecording.load(path: replay, connection: replayConnection)
            } catch {
                StandardStream.diagnose("cti simulate: \(error)")
                throw ExitStatus.dataError
            }
            let pace = recording.hasTimes ? speed.flatMap(ReplaySpeed.init(argument:)) ?? .factor(1) : .max
            configuration.script = ReplayScript.compile(recording.frames, version: .v25, speed: pace)
            // The recording's events are the only ones: no agents, devices or traffic of the model's own.
            configuration.agentCount = 0
            configuration.remoteDevices = 0
            configuration.callRate = 0
        }
        let signals = TerminationSignals.install()

        let simulator = CTISimulator(configuration: configuration)
        do {
            try await simulator.start()
        } catch {
            StandardStream.diagnose("cti simulate: \(error)")
            await simulator.stop()
            // Unusable TLS files are the caller's to fix (64); a port taken is a failure (2).
            throw (error as? SimulatorError)?.code == .tls ? ExitStatus.usage : ExitStatus.connectionFailure
        }
        for side in CTISide.allCases {
            let scheme = configuration.tls == nil ? "" : " (TLS)"
            try? StandardStream.output.writeLine("side \(side) listening on \(host):\(simulator.port(side) ?? 0)\(scheme)")
        }
        try? StandardStream.output.flush()

        let lines = StandardInputLines.stream()
        // A scenario with steps ends with its outcome; a replay with --once; else a signal.
        let awaitsOutcome = configuration.script.map { $0.mode == .strict || once } ?? false
        let ending = await withTaskGroup(of: Ending?.self) { group in
            group.addTask { await signals.first { _ in true }.map(Ending.signal) }
            if awaitsOutcome {
                group.addTask { await simulator.scriptOutcome().map(Ending.script) }
            }
            group.addTask {
                for await line in lines {
                    let reply = await simulator.execute(line)
                    guard !reply.isEmpty else { continue }
                    try? StandardStream.output.writeLine(reply)
                    try? StandardStream.output.flush()
                }
                return nil  // end of input: keep running until a signal
            }
            while let result = await group.next() {
                if let ending = result {
                    // Stopping settles the script's outcome: its task ends too (it cannot be cancelled).
                    if case .signal(let number) = ending {
                        StandardStream.diagnose("cti simulate: \(number == SIGINT ? "SIGINT" : "SIGTERM"): stopping")
                        await simulator.stop()
                    }
                    group.cancelAll()
                    return ending
                }
            }
            return .signal(SIGTERM)
        }
        switch ending {
        case .signal:
            guard awaitsOutcome, case .failed(let failure)? = await simulator.scriptOutcome() else { return }
            try scriptFailed(failure)
        case .script(.completed):
            // The client's CLOSE_REQ may follow the last step: let it be answered.
            try? await Task.sleep(for: SimulateCommand.closeGrace)
            await simulator.stop()
        case .script(.failed(let failure)):
            await simulator.stop()
            try scriptFailed(failure)
        }
    }

    /// `--max-protocol` as a version `cti` speaks, `nil` when it is none.
    private var maxProtocolVersion: ProtocolVersion? {
        UInt32(exactly: maxProtocol).flatMap { ProtocolVersion($0) }
    }

    /// How the foreground run ended.
    private enum Ending: Sendable {
        case signal(Int32)
        case script(ScriptOutcome)
    }

    /// How long a scenario that completed keeps serving, for the client's CLOSE_REQ.
    static let closeGrace = Duration.milliseconds(500)

    /// Reports the first step that did not happen and exits 1.
    private func scriptFailed(_ failure: ScriptFailure) throws -> Never {
        let what = replay.map { "replay \($0)" } ?? "scenario \(scenario ?? "")"
        StandardStream.diagnose("cti simulate: \(what): \(failure)")
        throw ExitStatus.scriptFailed
    }

    /// The password file's bytes, without one trailing newline (`\n` or `\r\n`).
    static func readPassword(path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ValidationError("--password-file \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[..<count]
        }
        if bytes.last == 0x0A { bytes.removeLast() }
        if bytes.last == 0x0D { bytes.removeLast() }
        return bytes
    }

    /// `ID[:EXTENSION[:INSTRUMENT]]`.
    static func agent(_ text: String) -> SimulatedAgent {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        func part(_ index: Int) -> String? { parts.count > index && !parts[index].isEmpty ? parts[index] : nil }
        return SimulatedAgent(agentID: parts[0], agentExtension: part(1), agentInstrument: part(2))
    }
}

/// Standard input as a stream of lines, read on a dispatch queue (the stream ends at end of input).
private enum StandardInputLines {
    static func stream() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream<String>.makeStream()
        DispatchQueue(label: "cti.simulate.stdin").async {
            while let line = readLine(strippingNewline: true) { continuation.yield(line) }
            continuation.finish()
        }
        return stream
    }
}
