import ArgumentParser
import CTIClient
import CTIProtocol
import Histogram
import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// `cti-bench proxy`: what `cti proxy` costs, beside the same work without it, in one run.
///
/// - Latency: two sessions on one simulator process, one straight to it and one through a
///   `cti proxy` process (printing JSON Lines to /dev/null); MAKE_CALL_REQ → MAKE_CALL_CONF
///   timed on each in alternating blocks, so both see the same machine at the same time.
/// - Throughput: a simulator flood at a fixed rate through `cti proxy -o json`, whose stdout is a
///   pipe read by `cat > /dev/null`, to a client that counts the events; the events/s the client
///   received, and what the proxy says it printed and could not print.
struct ProxyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proxy",
        abstract: "cti proxy: added round-trip latency (alternated with a direct session) and events/s relayed while printing JSON Lines.")

    @Option(help: ArgumentHelp("The `cti` executable to run as the proxy (default: the one beside cti-bench).", valueName: "path"))
    var cti: String?

    @Option(help: "Requests timed on each path (after the warm-up); 0 skips the latency part.")
    var count: Int = 20_000

    @Option(help: "Requests per block: the paths alternate every block.")
    var block: Int = 100

    @Option(help: "Requests on each path before timing.")
    var warmup: Int = 1_000

    @Option(help: "Events per second the simulator floods in the throughput part; 0 skips it.")
    var rate: Int = 200_000

    @Option(help: "Seconds of flood measured (after one second of warm-up).")
    var seconds: Double = 20

    func run() throws {
        let command = self
        try blocking {
            let path = command.cti ?? ChildProcess.selfPath.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/") + "/cti"
            if command.count > 0 { try await command.latency(cti: path) }
            if command.rate > 0 { try await command.throughput(cti: path) }
        }
    }

    // MARK: - Latency

    func latency(cti: String) async throws {
        let simulator = try SimulatorProcess(arguments: ["--agents", "4"])
        defer { simulator.stop() }
        let devnull = open("/dev/null", O_WRONLY)
        defer { close(devnull) }
        let proxy = try ProxyProcess(cti: cti, to: simulator.portA, arguments: ["-o", "json"], stdout: devnull)
        defer { _ = proxy.stop() }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let direct = try await Self.agentSession(port: simulator.portA, agent: 1, group: group)
        let proxied = try await Self.agentSession(port: proxy.port, agent: 2, group: group)
        let drains = [direct, proxied].map { client in Task { for await _ in client.events {} } }

        _ = try await RoundTripCommand.timeRequests(client: direct, warmup: warmup, count: 0, instrument: "2001")
        _ = try await RoundTripCommand.timeRequests(client: proxied, warmup: warmup, count: 0, instrument: "2002")
        var straight = Histogram<UInt64>(highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)
        var through = straight
        var done = 0
        while done < count {
            let size = min(block, count - done)
            straight.add(try await RoundTripCommand.timeRequests(client: direct, warmup: 0, count: size, instrument: "2001"))
            through.add(try await RoundTripCommand.timeRequests(client: proxied, warmup: 0, count: size, instrument: "2002"))
            done += size
        }
        func micro(_ histogram: Histogram<UInt64>, _ percentile: Double) -> Double { Double(histogram.valueAtPercentile(percentile)) / 1000 }
        func line(_ name: String, _ histogram: Histogram<UInt64>) -> String {
            "  \(name): p50 \(fixed(micro(histogram, 50), 1)) µs, p90 \(fixed(micro(histogram, 90), 1)) µs, p99 \(fixed(micro(histogram, 99), 1)) µs, " +
                "p99.9 \(fixed(micro(histogram, 99.9), 1)) µs, max \(fixed(Double(histogram.max) / 1000, 1)) µs"
        }
        report("cti-bench proxy: MAKE_CALL_REQ → MAKE_CALL_CONF, \(count) timed on each path in alternating blocks of \(block); load average \(ProcessStats.loadAverage)")
        report(line("direct       ", straight))
        report(line("through proxy", through))
        report("  added by the proxy: p50 \(fixed(micro(through, 50) - micro(straight, 50), 1)) µs, p99 \(fixed(micro(through, 99) - micro(straight, 99), 1)) µs")
        await direct.close()
        await proxied.close()
        for drain in drains { drain.cancel() }
    }

    /// A CLIENT_EVENTS + CLIENT_CONTROL session for agent 100`n` on phone 200`n`.
    static func agentSession(port: Int, agent: Int, group: any EventLoopGroup) async throws -> CTIClient {
        var open = OpenRequest(servicesRequested: ServiceMaskBits.clientEvents | ServiceMaskBits.clientControl, callMessageMask: 0xFFFF_FFFF,
                               agentStateMask: 0x3FFF, clientID: "cti-bench-proxy-\(agent)")
        open.peripheralID = DefaultPeripheral.id
        open.agentInstrument = "\(2000 + agent)"
        open.agentExtension = "\(2000 + agent)"
        open.agentID = "\(1000 + agent)"
        let client = CTIClient(configuration: ClientConfiguration(
            sideA: Endpoint(host: "127.0.0.1", port: port), sideB: nil, open: open, initialOpenDeadline: .seconds(10)),
            eventLoopGroup: group)
        try await client.open()
        return client
    }

    // MARK: - Throughput

    func throughput(cti: String) async throws {
        let simulator = try SimulatorProcess(arguments: [])
        defer { simulator.stop() }
        // The proxy's stdout is a pipe; `cat` reads it into /dev/null.
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw BenchError("pipe: \(errno)") }
        let devnull = open("/dev/null", O_WRONLY)
        defer { close(devnull) }
        let cat = try ChildProcess(path: "/bin/cat", arguments: [], descriptors: [0: ends[0], 1: devnull], closing: [ends[1]])
        close(ends[0])
        let proxy = try ProxyProcess(cti: cti, to: simulator.portA, arguments: ["-o", "json"], stdout: ends[1])
        close(ends[1])
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let client = CTIClient(configuration: ClientConfiguration(
            sideA: Endpoint(host: "127.0.0.1", port: proxy.port), sideB: nil,
            open: OpenRequest(servicesRequested: ServiceMaskBits.allEvents, clientID: "cti-bench-proxy-flood"), initialOpenDeadline: .seconds(10)),
            eventLoopGroup: group)
        try await client.open()

        let total = Int(Double(rate) * (seconds + 1))
        simulator.command("flood \(total) \(rate)")
        let clock = ContinuousClock()
        let start = clock.now
        let measureFrom = start + .seconds(1)
        var received = 0, measured = 0
        var measuredStart = start, measuredEnd = start
        var proxyCPU = 0.0, simulatorCPU = 0.0, catCPU = 0.0, clientCPU = 0.0
        var measuring = false
        let deadline = start + .milliseconds(Int64((seconds + 1) * 1000) + 30_000)
        for await event in client.events {
            guard event.message != nil else { continue }
            received += 1
            if received == total { break }
            guard received & 1023 == 0 else { continue }
            let now = clock.now
            if !measuring, now >= measureFrom {
                measuring = true
                measuredStart = now
                measured = received
                proxyCPU = ProcessStats.cpuSeconds(pid: proxy.pid)
                simulatorCPU = simulator.cpuSeconds
                catCPU = ProcessStats.cpuSeconds(pid: cat.pid)
                clientCPU = ProcessStats.cpuSeconds(pid: getpid())
            }
            if now >= deadline { break }
        }
        measuredEnd = clock.now
        let elapsed = (measuredEnd - measuredStart).seconds
        let events = received - measured
        proxyCPU = ProcessStats.cpuSeconds(pid: proxy.pid) - proxyCPU
        simulatorCPU = simulator.cpuSeconds - simulatorCPU
        catCPU = ProcessStats.cpuSeconds(pid: cat.pid) - catCPU
        clientCPU = ProcessStats.cpuSeconds(pid: getpid()) - clientCPU
        await client.close()
        let summary = proxy.stop()
        cat.wait()
        report("cti-bench proxy: flood at \(grouped(Double(rate)))/s through `cti proxy -o json | cat > /dev/null`: \(grouped(Double(events) / elapsed)) events/s "
               + "received over \(fixed(elapsed, 1)) s, \(grouped(Double(received))) of \(grouped(Double(total))) in all; CPU: proxy \(fixed(proxyCPU / elapsed * 100, 0))%, "
               + "simulator \(fixed(simulatorCPU / elapsed * 100, 0))%, client \(fixed(clientCPU / elapsed * 100, 0))%, cat \(fixed(catCPU / elapsed * 100, 0))% of one core; "
               + "proxy CPU per event \(fixed(proxyCPU / Double(max(events, 1)) * 1e6, 2)) µs; load average \(ProcessStats.loadAverage)")
        report("  the proxy's own summary: \(summary.isEmpty ? "(none)" : summary)")
    }
}

/// A `cti proxy` child process relaying to a simulator's side A on loopback; its stdout where
/// the caller says, its stderr read here (the listening line, the closing summary).
final class ProxyProcess {
    let child: ChildProcess
    private let errors: Int32
    private var lines: PipeLineReader
    private(set) var port = 0

    init(cti: String, to serverPort: Int, arguments: [String], stdout: Int32) throws {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw BenchError("pipe: \(errno)") }
        child = try ChildProcess(path: cti, arguments: ["proxy", "--listen", "127.0.0.1:0", "--to", "127.0.0.1:\(serverPort)"] + arguments,
                                 descriptors: [1: stdout, 2: ends[1]], closing: [ends[0]])
        close(ends[1])
        errors = ends[0]
        lines = PipeLineReader(descriptor: errors)
        var said: [String] = []
        while let line = lines.next() {
            said.append(line)
            // `... listening on 127.0.0.1:PORT ...`
            let words = line.split(separator: " ")
            guard let at = words.firstIndex(of: "on"), at > words.startIndex, words[at - 1] == "listening", at + 1 < words.endIndex,
                  words[at + 1].hasPrefix("127.0.0.1:") else { continue }
            port = Int(words[at + 1].dropFirst("127.0.0.1:".count).prefix { $0.isNumber }) ?? 0
            break
        }
        guard port > 0 else { throw BenchError("cti proxy did not start: \((said + [lines.unterminated]).joined(separator: " | "))") }
    }

    var pid: Int32 { child.pid }

    /// SIGINT, then what it wrote on stderr until it exited (its summary), one line.
    func stop() -> String {
        child.signal(SIGINT)
        var said: [String] = []
        while let line = lines.next() { said.append(line) }
        child.wait()
        close(errors)
        return said.joined(separator: " | ")
    }
}
