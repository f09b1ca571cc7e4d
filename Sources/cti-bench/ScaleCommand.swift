import ArgumentParser
import CTIClient
import CTIProtocol
import NIOPosix
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// `cti-bench scale`: one simulator process with `--persistent` persistent calls (on as many CTI
/// Remote Devices) and `--sessions` ALL_EVENTS sessions from this process (CTIClients sharing
/// one event-loop thread); the simulator's resident memory per idle session, then its CPU while
/// it sends every session `--rate` events per second (`flood N RATE`).
struct ScaleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale",
        abstract: "One simulator, many sessions and persistent calls: RSS per session, CPU at a steady event rate.")

    @Option(help: "Concurrent sessions.")
    var sessions: Int = 2_000

    @Option(help: "Persistent calls (one per CTI Remote Device).")
    var persistent: Int = 2_000

    @Option(help: "Events per second each session receives.")
    var rate: Double = 10

    @Option(help: "Seconds measured at that rate (after 3 s of warm-up).")
    var seconds: Double = 30

    @Option(help: "Heartbeat interval of the sessions, seconds (0: none).")
    var heartbeat: Int = 15

    func run() throws {
        let command = self
        try blocking { try await command.measure() }
    }

    func measure() async throws {
        try OpenFileLimit.ensure(sessions + 256)
        let simulator = try SimulatorProcess(arguments: ["--agents", "10", "--remote-devices", String(persistent), "--answer-seconds", "0.2"])
        defer { simulator.stop() }
        try await Task.sleep(for: .milliseconds(500))
        let started = simulator.residentBytes
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let clock = ContinuousClock()

        // Persistent calls, made by one ALL_EVENTS + CLIENT_CONTROL session (closed afterwards:
        // the calls belong to the devices).
        var persistentMade = 0
        if persistent > 0 {
            let control = CTIClient(configuration: configuration(simulator, clientID: "cti-bench-control", services: 0x10 | 0x04), eventLoopGroup: group)
            try await control.open()
            let drain = Task { for await _ in control.events {} }
            let before = clock.now
            for index in 0..<persistent {
                var fields = try MessageFields(named: "PERSISTENT_CALL_REQ")
                try fields.set(.peripheralID, .number(DefaultPeripheral.id))
                try fields.set(.devSpecificFlags, .number(PersistentCallFlags.create))
                try fields.set(.callPriority, .number(0))
                try fields.set(.agentInstrument, .text(String(5001 + index)))
                try fields.set(.callingDeviceID, .text("9195550199"))
                _ = try await control.send(fields)
            }
            while persistentMade < persistent && clock.now - before < .seconds(60) {
                try await Task.sleep(for: .milliseconds(500))
                persistentMade = simulator.command("persistent").split(separator: "\n").filter { $0.contains("CONNECTED") }.count
            }
            await control.close()
            drain.cancel()
            report("persistent calls: \(persistentMade) connected after \(fixed((clock.now - before).seconds, 1)) s")
        }
        try await Task.sleep(for: .milliseconds(1000))
        let withCalls = simulator.residentBytes

        // The sessions, opened 50 at a time; each one's events are counted as they are read.
        let received = Counter()
        let opening = clock.now
        var clients: [CTIClient] = []
        var readers: [Task<Void, Never>] = []
        for batch in stride(from: 0, to: sessions, by: 50) {
            let opened = try await withThrowingTaskGroup(of: CTIClient.self) { tasks in
                for index in batch..<min(batch + 50, sessions) {
                    let client = CTIClient(configuration: configuration(simulator, clientID: "cti-bench-\(index)", services: 0x10), eventLoopGroup: group)
                    tasks.addTask {
                        try await client.open()
                        return client
                    }
                }
                return try await tasks.reduce(into: []) { $0.append($1) }
            }
            for client in opened {
                clients.append(client)
                readers.append(Task {
                    for await event in client.events where event.message?.name == "END_CALL_EVENT" { received.add(1) }
                })
            }
        }
        let openSeconds = (clock.now - opening).seconds
        try await Task.sleep(for: .seconds(3))
        let idle = simulator.residentBytes
        let idleCPUStart = simulator.cpuSeconds
        try await Task.sleep(for: .seconds(5))
        let idleCPU = (simulator.cpuSeconds - idleCPUStart) / 5

        // Every session receives `rate` events per second.
        let total = Int(rate * (seconds + 10))
        simulator.command("flood \(total) \(rate)")
        try await Task.sleep(for: .seconds(3))
        let cpuStart = simulator.cpuSeconds, clientCPUStart = ProcessStats.cpuSeconds(pid: getpid())
        let receivedStart = received.value
        let measureStart = clock.now
        var peak = 0
        while clock.now - measureStart < .milliseconds(Int64(seconds * 1000)) {
            try await Task.sleep(for: .seconds(1))
            peak = max(peak, simulator.residentBytes)
        }
        let elapsed = (clock.now - measureStart).seconds
        let cpu = (simulator.cpuSeconds - cpuStart) / elapsed
        let clientCPU = (ProcessStats.cpuSeconds(pid: getpid()) - clientCPUStart) / elapsed
        let perSecond = Double(received.value - receivedStart) / elapsed
        let busy = simulator.residentBytes

        func kib(_ bytes: Int) -> String { fixed(Double(bytes) / 1024, 1) + " KiB" }
        func mib(_ bytes: Int) -> String { fixed(Double(bytes) / 1_048_576, 1) + " MiB" }
        report("cti-bench scale --sessions \(sessions) --persistent \(persistent) --rate \(fixed(rate, 1)) --seconds \(fixed(seconds, 0)):")
        report("  simulator RSS: started \(mib(started)); with \(persistentMade) persistent calls \(mib(withCalls)) " +
               "(\(kib((withCalls - started) / max(persistent, 1))) per call); with \(sessions) idle sessions \(mib(idle)) " +
               "(\(kib((idle - withCalls) / max(sessions, 1))) per session; opened in \(fixed(openSeconds, 1)) s)")
        report("  idle: simulator CPU \(fixed(idleCPU * 100, 1))% of one core (heartbeats every \(heartbeat) s)")
        report("  at \(fixed(rate, 1)) events/s per session: \(grouped(perSecond)) events/s received in all " +
               "(\(fixed(perSecond / Double(max(sessions, 1)), 2)) per session); simulator CPU \(fixed(cpu * 100, 1))% of one core, " +
               "RSS \(mib(busy)) (peak \(mib(peak)), \(kib((busy - withCalls) / max(sessions, 1))) per session); " +
               "client process CPU \(fixed(clientCPU * 100, 1))%; load average \(ProcessStats.loadAverage)")
        for reader in readers { reader.cancel() }
        _ = clients
    }

    private func configuration(_ simulator: SimulatorProcess, clientID: String, services: UInt32) -> ClientConfiguration {
        ClientConfiguration(sideA: Endpoint(host: "127.0.0.1", port: simulator.portA), sideB: nil,
                            open: OpenRequest(servicesRequested: services, clientID: clientID),
                            heartbeatInterval: heartbeat > 0 ? .seconds(Int64(heartbeat)) : nil, initialOpenDeadline: .seconds(60),
                            bufferCapacity: 1_000)
    }
}

/// An event count shared by the reading tasks.
final class Counter: Sendable {
    private let count = Atomic<Int>(0)
    func add(_ value: Int) { count.add(value, ordering: .relaxed) }
    var value: Int { count.load(ordering: .relaxed) }
}
