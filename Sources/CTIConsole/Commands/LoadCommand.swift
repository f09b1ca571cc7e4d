import ArgumentParser
import CTIClient
import CTIOutput
import CTIProtocol
import CTISimulator
import NIOConcurrencyHelpers

/// `cti load` (issue 22): virtual agents against a CTI Server, with the numbers a capacity test needs.
struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Run virtual agents against a CTI Server (a load test): round trips, failures by code, failover time.",
        discussion: """
        Each virtual agent is a CLIENT_EVENTS + CLIENT_CONTROL session of its own, as an agent \
        desktop is (with --bridge all share one ALL_EVENTS + CLIENT_CONTROL session): it learns \
        its state (QUERY_AGENT_STATE_REQ), logs in, becomes ready, answers \
        the calls delivered to its instrument after --answer-after, talks for --talk and hangs up, \
        wraps up for --wrap-up, and after a wrap-up goes not ready (a reason code from \
        --reason-codes, for --not-ready-time) with the chance --not-ready, else ready again. \
        --make-rate adds outbound calls. Times are seconds (30), ranges (20-40, uniform) or \
        exp:MEAN; a unit may follow a number (500ms, 90s, 2m, 1h).

        Without a server (or with --embedded) the run has a simulator of its own with as many \
        agents, all logged out, offering --call-rate calls a second (default one per agent per \
        minute); --fail-side A[:kill|hang] --at TIME fails a side of it during the run, and the \
        summary gives the time from the failure until each agent's session was back with its \
        state learned. Against anything but the embedded simulator or a loopback address, cti \
        load says what it would do and runs only with --yes.

        A progress line shows on a terminal (stderr); at the end the summary goes to stdout: \
        sessions, calls, per request type the count and round trip (p50, p90, p99, p99.9, max), \
        refusals by Cisco code, events per agent, failover. -o json prints it as one JSON \
        object. Ctrl-C (or SIGTERM) stops new work: each agent hangs up, goes not ready, logs \
        out and closes its session; a second Ctrl-C closes the sessions without waiting for the logouts.

        EXIT STATUS: 0 the run ended with no refusal and every session closed; 1 a request was \
        refused (or not answered in time); 2 a session never opened, or was lost and not back; \
        64 usage error (also: a real server without --yes); 65 a malformed --agents-file; 130 \
        stopped by a signal.
        """)

    /// `-o text|json`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup(title: ConnectionOptions.title) var connection: ConnectionOptions

    @Option(help: ArgumentHelp("Virtual agents, numbered from --first-agent-id and --first-instrument.", valueName: "n"))
    var agents: Int?

    @Option(name: .customLong("agents-file"), help: ArgumentHelp(
        "Agents from a CSV file: agent_id,instrument[,password[,skill_groups[,remote_phone]]] per line (skill groups separated by ';').",
        valueName: "file"), completion: .file(extensions: ["csv", "txt"]))
    var agentsFile: String?

    @Option(name: .customLong("first-agent-id"), help: ArgumentHelp("With --agents: the first AgentID (the simulator's agents are 1001...).", valueName: "id"))
    var firstAgentID: Int = 1001

    @Option(name: .customLong("first-instrument"), help: ArgumentHelp("With --agents: the first instrument (the simulator's phones are 2001...).", valueName: "dn"))
    var firstInstrument: Int = 2001

    @Option(help: ArgumentHelp("How long the agents work (then they log out).", valueName: "time"))
    var duration: String = "60s"

    @Option(help: ArgumentHelp("Start the agents evenly over this time; --make-rate grows over it too (default: 10 ms per agent).", valueName: "time"))
    var ramp: String?

    @Option(name: .customLong("answer-after"), help: ArgumentHelp("Ringing before an agent answers.", valueName: "time"))
    var answerAfter: String = WorkModel.standard.answerAfter.description

    @Option(help: ArgumentHelp("Talk time before the agent hangs up.", valueName: "time"))
    var talk: String = WorkModel.standard.talk.description

    @Option(name: .customLong("wrap-up"), help: ArgumentHelp("Wrap-up time after a call.", valueName: "time"))
    var wrapUp: String = WorkModel.standard.wrapUp.description

    @Option(name: .customLong("not-ready"), help: ArgumentHelp("The chance (0-1) of a not-ready period after a wrap-up.", valueName: "p"))
    var notReady: Double = WorkModel.standard.notReadyChance

    @Option(name: .customLong("not-ready-time"), help: ArgumentHelp("How long a not-ready period lasts.", valueName: "time"))
    var notReadyTime: String = WorkModel.standard.notReadyTime.description

    @Option(name: .customLong("reason-codes"), help: ArgumentHelp("The not-ready reason codes, drawn evenly.", valueName: "n,n,..."))
    var reasonCodes: String = WorkModel.standard.reasonCodes.map(String.init).joined(separator: ",")

    @Option(name: .customLong("make-rate"), help: ArgumentHelp("Outbound calls per second, all agents together, each by an agent available and idle (MAKE_CALL_REQ).", valueName: "r"))
    var makeRate: Double = 0

    @Option(help: ArgumentHelp("The number outbound calls dial.", valueName: "number"))
    var dial: String = WorkModel.standard.dialedNumber

    @Flag(help: "Agents with a remote phone (the --agents-file column; with --agents 919555<instrument>) log in as mobile agents with a nailed connection: a call to the remote phone that stays up the whole run.")
    var persistent = false

    @Flag(help: "One ALL_EVENTS + CLIENT_CONTROL session for all the agents (as a bridge application holds), instead of one CLIENT_EVENTS + CLIENT_CONTROL session each.")
    var bridge = false

    @Option(name: .customLong("call-rate"), help: ArgumentHelp("Embedded simulator: customer calls per second (default: one per agent per minute).", valueName: "r"))
    var callRate: Double?

    @Option(name: .customLong("fail-side"), help: ArgumentHelp("Embedded simulator: fail this side during the run (kill: its connections close; hang: they go silent).", valueName: "A|B[:kill|hang]"))
    var failSide: String?

    @Option(help: ArgumentHelp("With --fail-side: when, from the start (default: half the duration).", valueName: "time"))
    var at: String?

    @Option(help: "Seed of the agents' random times and the outbound calls.")
    var seed: UInt64 = 1

    @Flag(help: "Run against a server that is not the embedded simulator or on a loopback address.")
    var yes = false

    @Option(name: [.customShort("o"), .customLong("output")], help: "The summary: text (a table) or json (one object).")
    var format: Format = .text

    @Flag(name: .customLong("no-progress"), help: "No progress line on the terminal.")
    var noProgress = false

    func validate() throws {
        guard (agents == nil) != (agentsFile == nil) else { throw ValidationError("give --agents N or --agents-file FILE (one of them)") }
        if let agents, !(1...100_000).contains(agents) { throw ValidationError("--agents \(agents): expected 1-100000") }
        guard (0...1).contains(notReady) else { throw ValidationError("--not-ready \(notReady): expected a chance from 0 to 1") }
        guard makeRate >= 0, makeRate <= 10_000 else { throw ValidationError("--make-rate \(makeRate): expected 0-10000 calls per second") }
        if let callRate, !(0...10_000).contains(callRate) { throw ValidationError("--call-rate \(callRate): expected 0-10000 calls per second") }
        if at != nil && failSide == nil { throw ValidationError("--at goes with --fail-side") }
        for option in [("--services", connection.services), ("--instrument", connection.instrument), ("--agent-id", connection.agentID),
                       ("--agent-ext", connection.agentExtension)] where option.1 != nil {
            throw ValidationError("\(option.0): cti load opens each agent's session itself (CLIENT_EVENTS,CLIENT_CONTROL with the agent's ID and instrument)")
        }
    }

    func run() async throws {
        let plan: LoadPlan
        do {
            plan = try makePlan()
        } catch let failure as AgentsFile.Failure {
            StandardStream.diagnose("cti: \(failure)")
            throw ExitStatus.dataError
        } catch {
            StandardStream.diagnose("cti: \(error)")
            throw ExitStatus.usage
        }
        var settings = try SessionCommandSupport.resolveSettings(connection, defaults: .watch)
        let password = try SessionCommandSupport.readPassword(connection, settings: settings)
        do {
            // A descriptor per session (and the embedded simulator's end of each), and some to spare.
            try OpenFileLimit.ensure((bridge ? 1 : plan.agents.count) * (settings.embedded ? 2 : 1) + 256)
        } catch {
            StandardStream.diagnose("cti: \(plan.agents.count) agents: \(error)")
            throw ExitStatus.usage
        }
        var simulator: CTISimulator?
        let target: String
        if settings.embedded {
            guard plan.agents.count <= CallCenterConfiguration.maximumAgents else {
                StandardStream.diagnose("cti: the embedded simulator has at most \(CallCenterConfiguration.maximumAgents) agents (got \(plan.agents.count)); "
                                        + "run cti-bench serve --agents N for more")
                throw ExitStatus.usage
            }
            let started = CTISimulator(configuration: embeddedConfiguration(agents: plan.agents.count))
            do {
                try await started.start()
            } catch {
                StandardStream.diagnose("cti: cannot start the embedded simulator: \(error)")
                throw ExitStatus.connectionFailure
            }
            settings.hostA = Endpoint(host: "127.0.0.1", port: started.port(.a)!)
            settings.hostB = Endpoint(host: "127.0.0.1", port: started.port(.b)!)
            simulator = started
            target = "the embedded simulator (\(settings.hostA!) / \(settings.hostB!))"
        } else {
            guard plan.failure == nil else {
                StandardStream.diagnose("cti: --fail-side fails a side of the embedded simulator; against a server, fail a side yourself "
                                        + "(the summary measures the time until each agent is back all the same)")
                throw ExitStatus.usage
            }
            target = [settings.hostA, settings.hostB].compactMap { $0?.description }.joined(separator: " / ")
            let loopback = [settings.hostA, settings.hostB].compactMap { $0 }.allSatisfy { LoopbackCheck.isLoopback($0.host) }
            if !loopback && !yes {
                StandardStream.diagnose("cti load would open " + (bridge ? "one ALL_EVENTS+CLIENT_CONTROL session" : "\(plan.agents.count) CLIENT_EVENTS+CLIENT_CONTROL sessions")
                                        + " to \(target), "
                                        + "log the agents in (\(plan.agents.first!.agentID)...), make them ready, answer and hang up their calls"
                                        + (plan.makeRate > 0 ? ", make \(plan.makeRate) calls a second" : "")
                                        + " for \(StatisticsReport.decimals(plan.duration.fractionalSeconds, 0)) s, then log them out.")
                StandardStream.diagnose("cti: this is not the embedded simulator nor a loopback address: add --yes to run it")
                throw ExitStatus.usage
            }
        }
        let clientSettings = settings
        let peripheral = settings.requestPeripheral
        let progress = !noProgress && StandardStream.error.isTerminal
        let progressLine = NIOLockedValueBox(LoadProgressLine())
        let showProgress: @Sendable (LoadStatistics, Duration) -> Void = { statistics, time in
            let line = progressLine.withLockedValue { $0.line(statistics, at: time) }
            try? StandardStream.error.append { $0 += Array("\r\u{1B}[K\(line)".utf8) }
            try? StandardStream.error.flush()
        }
        let sessions: LoadRun.Sessions = bridge
            ? .bridge(Self.bridgeConfiguration(settings: clientSettings, password: password))
            : .perAgent { agent in Self.clientConfiguration(agent, settings: clientSettings, password: password) }
        let run = LoadRun(plan: plan, peripheralID: peripheral, sessions: sessions, simulator: simulator,
                          tick: progress ? showProgress : nil)
        let outcome = await run.run(signals: SignalWatcher.signals())
        if progress {
            try? StandardStream.error.append { $0 += Array("\r\u{1B}[K".utf8) }
            try? StandardStream.error.flush()
        }
        await simulator?.stop()
        let report = LoadReport(outcome: outcome, plan: plan, target: target)
        switch format {
        case .text: for line in report.lines { try? StandardStream.output.writeLine(line) }
        case .json: try? StandardStream.output.writeLine(report.json)
        }
        try? StandardStream.output.flush()
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }

    // MARK: - Plan

    private func makePlan() throws -> LoadPlan {
        var loadAgents: [LoadAgent]
        if let agentsFile {
            guard let text = ConfigFile.readFile(agentsFile) else { throw LoadOptionError(description: "--agents-file \(agentsFile): cannot read it") }
            loadAgents = try AgentsFile.parse(text, path: agentsFile)
        } else {
            loadAgents = LoadAgent.numbered(agents ?? 0, firstAgentID: firstAgentID, firstInstrument: firstInstrument)
            if persistent {
                for index in loadAgents.indices { loadAgents[index].remotePhone = "919555" + loadAgents[index].instrument }
            }
        }
        var codes: [UInt32] = []
        for text in reasonCodes.split(separator: ",") {
            guard let code = UInt32(text.filter { $0 != " " }) else { throw LoadOptionError(description: "--reason-codes '\(reasonCodes)': '\(text)' is not a number") }
            codes.append(code)
        }
        let model = WorkModel(
            answerAfter: try SecondsDistribution.parse(answerAfter, option: "--answer-after"),
            talk: try SecondsDistribution.parse(talk, option: "--talk"),
            wrapUp: try SecondsDistribution.parse(wrapUp, option: "--wrap-up"),
            notReadyChance: notReady, notReadyTime: try SecondsDistribution.parse(notReadyTime, option: "--not-ready-time"),
            reasonCodes: codes, dialedNumber: dial)
        let duration = try LoadTime.parse(duration, option: "--duration")
        let failure = try failSide.map { text throws(LoadOptionError) in try SideFailure(parsing: text) }
        let failAt = try at.map { text throws(LoadOptionError) in try LoadTime.parse(text, option: "--at") } ?? duration / 2
        guard failAt < duration else { throw LoadOptionError(description: "--at must be before the end of --duration") }
        return LoadPlan(agents: loadAgents, model: model, duration: duration,
                        ramp: try ramp.map { text throws(LoadOptionError) in try LoadTime.parse(text, option: "--ramp", allowsZero: true) }
                            ?? LoadPlan.defaultRamp(agents: loadAgents.count),
                        makeRate: makeRate, persistent: persistent, bridge: bridge, failure: failure, failAt: failAt, seed: seed)
    }

    /// The simulator of a run without a server: `agents` agents (1001..., phones 2001...), all
    /// logged out; customers call at --call-rate and stay on the line until the agent hangs up
    /// (an hour at most); wrap-up lasts until the agent ends it (an hour at most).
    private func embeddedConfiguration(agents: Int) -> SimulatorConfiguration {
        var configuration = SimulatorConfiguration.ephemeral()
        configuration.callCenter = CallCenterConfiguration(
            agents: agents, remoteDevices: 0, callRate: callRate ?? Double(agents) / 60, seed: seed,
            initialAgentState: AgentState.logout.rawValue, handleSeconds: 3_600...3_600, wrapUpSeconds: 3_600...3_600)
        return configuration
    }

    /// Agent `agent`'s session: CLIENT_EVENTS + CLIENT_CONTROL with its ID and instrument,
    /// reopened (alternating sides) when it fails.
    static func clientConfiguration(_ agent: LoadAgent, settings: ConsoleSettings, password: [UInt8]) -> ClientConfiguration {
        sessionConfiguration(OpenRequest(
            versionNumber: settings.protocolChoice.version.number, peripheralID: settings.requestPeripheral,
            servicesRequested: ServiceMaskBits.clientEvents | ServiceMaskBits.clientControl, callMessageMask: settings.callMask,
            agentStateMask: settings.agentMask, configMessageMask: 0,
            clientID: String("\(settings.clientID)-\(agent.agentID)".prefix(63)), clientPassword: password,
            agentID: agent.agentID, agentInstrument: agent.instrument), settings: settings)
    }

    /// `--bridge`: the one ALL_EVENTS + CLIENT_CONTROL session, no agent of its own.
    static func bridgeConfiguration(settings: ConsoleSettings, password: [UInt8]) -> ClientConfiguration {
        sessionConfiguration(OpenRequest(
            versionNumber: settings.protocolChoice.version.number, peripheralID: OpenRequest.nullPeripheralID,
            servicesRequested: ServiceMaskBits.allEvents | ServiceMaskBits.clientControl, callMessageMask: settings.callMask,
            agentStateMask: settings.agentMask, configMessageMask: 0,
            clientID: String("\(settings.clientID)-bridge".prefix(63)), clientPassword: password), settings: settings)
    }

    /// A session of the run: reopened (alternating sides) when it fails.
    private static func sessionConfiguration(_ request: OpenRequest, settings: ConsoleSettings) -> ClientConfiguration {
        var configuration = ClientConfiguration(
            sideA: settings.hostA!, sideB: settings.hostB, protocolVersion: settings.protocolChoice.version, open: request,
            heartbeatInterval: settings.heartbeat, connectTimeout: settings.connectTimeout, initialOpenRounds: 2,
            retryRefusedOpen: false, reconnect: true, bufferCapacity: 1_000)
        configuration.negotiatesProtocolVersion = settings.protocolChoice.negotiates
        configuration.tls = settings.tls
        return configuration
    }
}
