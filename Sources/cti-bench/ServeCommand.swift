import ArgumentParser
import CTIProtocol
import CTISimulator
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// `cti-bench serve`: the simulator process the other benchmarks start (a `cti simulate` without
/// its limits on the contact center's size). Prints `ports A B`, then runs the simulator
/// commands read from stdin (`flood N [RATE]`, `persistent`, `status` ...), answering each with
/// its reply and a line `.`.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run a simulator for the other benchmarks (started by them).")

    @Option(help: "Agents (phones 2001..).")
    var agents: Int = 10

    @Option(name: .customLong("remote-devices"), help: "CTI Remote Devices (lines 5001..), for persistent calls.")
    var remoteDevices: Int = 2

    @Option(name: .customLong("answer-seconds"), help: "How long a persistent call's remote destination rings.")
    var answerSeconds: Double = 0.2

    @Option(help: "Customer calls per second (Poisson), routed to the agent available longest.")
    var rate: Double = 0

    @Flag(name: .customLong("logged-out"), help: "The agents start logged out (for cti load).")
    var loggedOut = false

    @Option(name: .customLong("handle-seconds"), help: "How long a customer stays on an answered call before hanging up.")
    var handleSeconds: Double = 5

    @Option(name: .customLong("wrap-up-seconds"), help: "How long an agent stays in wrap-up after a routed call (unless it ends it).")
    var wrapUpSeconds: Double = 600

    func run() throws {
        let command = self
        try blocking { try await command.measure() }
    }

    func measure() async throws {
        var configuration = SimulatorConfiguration.ephemeral(log: { _ in })
        configuration.callCenter = CallCenterConfiguration(
            agents: agents, remoteDevices: remoteDevices, callRate: rate, seed: 1,
            initialAgentState: loggedOut ? AgentState.logout.rawValue : AgentState.available.rawValue,
            handleSeconds: handleSeconds...handleSeconds, wrapUpSeconds: wrapUpSeconds...wrapUpSeconds, farEndAnswerSeconds: 0.2)
        configuration.callCenter.persistentCalls.perNode = max(2_000, remoteDevices)
        configuration.callCenter.persistentCalls.perCluster = max(8_000, remoteDevices)
        configuration.callCenter.persistentCalls.answerSeconds = answerSeconds
        let simulator = CTISimulator(configuration: configuration)
        try await simulator.start()
        reply("ports \(simulator.port(.a) ?? 0) \(simulator.port(.b) ?? 0)")
        let (lines, continuation) = AsyncStream<String>.makeStream()
        DispatchQueue(label: "cti-bench.serve.stdin").async {
            while let line = readLine(strippingNewline: true) { continuation.yield(line) }
            continuation.finish()
        }
        for await line in lines {
            let answer = await simulator.execute(line)
            reply(answer.isEmpty ? "." : answer + "\n.")
        }
        await simulator.stop()
    }

    private func reply(_ text: String) {
        let line = text + "\n"
        line.utf8CString.withUnsafeBufferPointer { bytes in _ = write(1, bytes.baseAddress, bytes.count - 1) }
    }
}
