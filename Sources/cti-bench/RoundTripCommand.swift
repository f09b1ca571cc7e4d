import ArgumentParser
import CTIClient
import CTIProtocol
import Histogram
import NIOCore
import NIOPosix

/// `cti-bench roundtrip`: MAKE_CALL_REQ → MAKE_CALL_CONF over loopback with a simulator process,
/// one request at a time (each call is cleared, untimed, before the next), latencies in an
/// HdrHistogram.
struct RoundTripCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roundtrip",
        abstract: "Request round trip over loopback (MAKE_CALL_REQ → MAKE_CALL_CONF): p50 / p99 / p99.9.")

    @Option(help: "Requests timed (after the warm-up).")
    var count: Int = 20_000

    @Option(help: "Requests before timing.")
    var warmup: Int = 1_000

    enum Caller: String, ExpressibleByArgument { case pool, loop }

    @Option(help: ArgumentHelp(
        "Where the requesting code runs: pool (a task on Swift's global executor: each request and each confirmation crosses threads) or loop (an actor on the client's event loop: no thread hop in the client).",
        valueName: "pool|loop"))
    var caller: Caller = .pool

    func run() throws {
        let command = self
        try blocking { try await command.measure() }
    }

    func measure() async throws {
        let simulator = try SimulatorProcess(arguments: ["--agents", "4"])
        defer { simulator.stop() }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var open = OpenRequest(servicesRequested: 0x01 | 0x04, callMessageMask: 0xFFFF_FFFF, agentStateMask: 0x3FFF,
                               clientID: "cti-bench-roundtrip")
        open.peripheralID = DefaultPeripheral.id
        open.agentInstrument = "2001"
        open.agentExtension = "2001"
        open.agentID = "1001"
        let client = CTIClient(configuration: ClientConfiguration(
            sideA: Endpoint(host: "127.0.0.1", port: simulator.portA), sideB: nil, open: open, initialOpenDeadline: .seconds(10)),
            eventLoopGroup: group)
        try await client.open()
        // The call events stream in meanwhile; the console would print them: here they are read.
        let drain = Task {
            var events = 0
            for await _ in client.events { events += 1 }
            return events
        }
        let began = ContinuousClock.now
        let cpuBefore = ProcessStats.cpuSeconds(pid: getpid()), simulatorCPUBefore = simulator.cpuSeconds
        let histogram: Histogram<UInt64>
        switch caller {
        case .pool:
            histogram = try await Self.timeRequests(client: client, warmup: warmup, count: count)
        case .loop:
            histogram = try await LoopCaller(loop: client.eventLoop).timeRequests(client: client, warmup: warmup, count: count)
        }
        let total = (ContinuousClock.now - began).seconds
        let cpu = ProcessStats.cpuSeconds(pid: getpid()) - cpuBefore, simulatorCPU = simulator.cpuSeconds - simulatorCPUBefore
        func micro(_ percentile: Double) -> String { fixed(Double(histogram.valueAtPercentile(percentile)) / 1000, 1) }
        report("cti-bench roundtrip --count \(count) --caller \(caller.rawValue): MAKE_CALL_REQ → MAKE_CALL_CONF over loopback, \(histogram.totalCount) timed: " +
               "p50 \(micro(50)) µs, p90 \(micro(90)) µs, p99 \(micro(99)) µs, p99.9 \(micro(99.9)) µs, max \(fixed(Double(histogram.max) / 1000, 1)) µs " +
               "(mean \(fixed(histogram.mean / 1000, 1)) µs); \(grouped(Double(warmup + count) * 2 / total)) requests/s with CLEAR_CALL_REQ, " +
               "CPU: client \(fixed(cpu / total * 100, 0))%, simulator \(fixed(simulatorCPU / total * 100, 0))%; load average \(ProcessStats.loadAverage)")
        await client.close()
        drain.cancel()
    }

    /// Times `count` MAKE_CALL_REQs from `instrument` after `warmup` untimed ones; each call is
    /// cleared (untimed).
    /// Runs on the caller's actor (`isolation`), or the global executor when it has none.
    static func timeRequests(client: CTIClient, warmup: Int, count: Int, instrument: String = "2001",
                             isolation: isolated (any Actor)? = #isolation) async throws -> Histogram<UInt64> {
        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)
        let clock = ContinuousClock()
        for index in 0..<(warmup + count) {
            let start = clock.now
            let confirmation = try await client.makeCall(peripheralID: DefaultPeripheral.id, instrument: instrument, dialedNumber: "9195550100")
            let elapsed = clock.now - start
            if index >= warmup { _ = histogram.record(UInt64(elapsed.components.attoseconds / 1_000_000_000) + UInt64(elapsed.components.seconds) * 1_000_000_000) }
            guard let callID = confirmation.fields?.number(.newConnectionCallID) else { throw BenchError("no NewConnectionCallID in \(confirmation.name)") }
            _ = try await client.clearCall(CallReference(callID: callID, deviceID: instrument), peripheralID: DefaultPeripheral.id)
        }
        return histogram
    }
}

/// Runs the requests on the client's event loop (an actor whose executor is the loop), as an
/// application that keeps its CTI logic there would: the request is written and its
/// confirmation resumes the caller without waking another thread.
actor LoopCaller {
    let loop: any EventLoop

    init(loop: any EventLoop) { self.loop = loop }

    nonisolated var unownedExecutor: UnownedSerialExecutor { loop.executor.asUnownedSerialExecutor() }

    func timeRequests(client: CTIClient, warmup: Int, count: Int) async throws -> Histogram<UInt64> {
        try await RoundTripCommand.timeRequests(client: client, warmup: warmup, count: count)
    }
}
