import ArgumentParser
import CTIClient
import CTIProtocol
import Histogram
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
        open.peripheralID = 5000
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
        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)
        let clock = ContinuousClock()
        let cpuBefore = ProcessStats.cpuSeconds(pid: getpid())
        let began = clock.now
        for index in 0..<(warmup + count) {
            let start = clock.now
            let confirmation = try await client.makeCall(peripheralID: 5000, instrument: "2001", dialedNumber: "9195550100")
            let elapsed = clock.now - start
            if index >= warmup { _ = histogram.record(UInt64(elapsed.components.attoseconds / 1_000_000_000) + UInt64(elapsed.components.seconds) * 1_000_000_000) }
            guard let callID = confirmation.fields?.number("NewConnectionCallID") else { throw BenchError("no NewConnectionCallID in \(confirmation.name)") }
            _ = try await client.clearCall(CallReference(callID: callID, deviceID: "2001"), peripheralID: 5000)
        }
        let total = (clock.now - began).seconds
        let cpu = ProcessStats.cpuSeconds(pid: getpid()) - cpuBefore
        func micro(_ percentile: Double) -> String { fixed(Double(histogram.valueAtPercentile(percentile)) / 1000, 1) }
        report("cti-bench roundtrip --count \(count): MAKE_CALL_REQ → MAKE_CALL_CONF over loopback, \(histogram.totalCount) timed: " +
               "p50 \(micro(50)) µs, p90 \(micro(90)) µs, p99 \(micro(99)) µs, p99.9 \(micro(99.9)) µs, max \(fixed(Double(histogram.max) / 1000, 1)) µs " +
               "(mean \(fixed(histogram.mean / 1000, 1)) µs); \(grouped(Double(warmup + count) * 2 / total)) requests/s with CLEAR_CALL_REQ, " +
               "client CPU \(fixed(cpu / total * 100, 0))%; load average \(ProcessStats.loadAverage)")
        await client.close()
        drain.cancel()
    }
}
