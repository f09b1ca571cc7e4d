import CTISimulator

/// The simulator the console embeds when no server is configured: one per process, started by
/// the first session that needs it and kept until the process ends. What it holds (persistent
/// calls, agent states, calls) outlives a session's CLOSE, as a real CTI Server's does, so a
/// REPL's `close` and `open` find the same contact center.
actor EmbeddedSimulator {
    static let shared = EmbeddedSimulator()

    private var running: CTISimulator?

    /// The process's simulator, started on first use (10 agents and one inbound call a second,
    /// so there is traffic to watch at once); `started` tells whether this call started it.
    func simulator() async throws -> (simulator: CTISimulator, started: Bool) {
        if let running { return (running, false) }
        var configuration = SimulatorConfiguration.ephemeral()
        configuration.agentCount = 10
        configuration.callRate = 1
        let simulator = CTISimulator(configuration: configuration)
        try await simulator.start()
        running = simulator
        return (simulator, true)
    }
}
