import ArgumentParser
import CTIClient
import CTIOutput
import CTIProtocol
import NIOPosix

/// `cti-bench e2e`: a simulator process floods END_CALL_EVENTs as fast as they are read → loopback
/// TCP → CTIClient → each event rendered as the console renders it (JSON Lines or text, with
/// the persistent-call mark) → buffered write(2)s of 64 KiB, as `cti watch` does, to /dev/null
/// or stdout (pipe it: `| cat > /dev/null`).
struct EndToEndCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "e2e",
        abstract: "Simulator flood → CTIClient → JSON Lines or text, events/s sustained.")

    enum Format: String, ExpressibleByArgument { case json, text }
    enum Destination: String, ExpressibleByArgument { case devnull, stdout }

    @Option(help: "json or text (as `cti watch -o json|text`).")
    var format: Format = .json

    @Option(help: "devnull (write(2) to /dev/null) or stdout.")
    var to: Destination = .devnull

    @Option(help: "Seconds measured (after the warm-up).")
    var seconds: Double = 30

    @Option(help: "Seconds of warm-up before measuring.")
    var warmup: Double = 3

    @Option(help: "Stop after this many events (no warm-up): a fixed amount of work for callgrind.")
    var count: Int?

    @Option(help: ArgumentHelp(
        "Instead of an in-process client, run this `cti` executable's `watch -o FORMAT -q` (its stdout: /dev/null, or this process's stdout) and count the events the simulator published.",
        valueName: "path"))
    var cti: String?

    func run() throws {
        let command = self
        try blocking { try await command.measure() }
    }

    func measure() async throws {
        let simulator = try SimulatorProcess(arguments: [])
        defer { simulator.stop() }
        if let cti { return try await runWatch(cti, simulator) }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let client = CTIClient(configuration: ClientConfiguration(
            sideA: Endpoint(host: "127.0.0.1", port: simulator.portA), sideB: nil,
            open: OpenRequest(servicesRequested: 0x10, clientID: "cti-bench-e2e"), initialOpenDeadline: .seconds(10)),
            eventLoopGroup: group)
        try await client.open()
        let descriptor = to == .devnull ? open("/dev/null", O_WRONLY) : 1
        guard descriptor >= 0 else { throw BenchError("cannot open /dev/null") }
        var output = BatchedOutput(descriptor: descriptor)
        let tracker = PersistentCallTracker()
        let lineFormat: any OutputFormat = format == .json ? JSONLinesFormat() : TextFormat()
        let settings = OutputSettings()
        var line: [UInt8] = []
        simulator.command("flood 2000000000")

        let clock = ContinuousClock()
        let start = clock.now
        let measureFrom = start + .milliseconds(Int64(warmup * 1000))
        let end = measureFrom + .milliseconds(Int64(seconds * 1000))
        var measuring = false
        var events = 0, bytes = 0
        var cpuAtStart = 0.0, simulatorCPUAtStart = 0.0
        var measuredStart = start
        for await event in client.events {
            guard event.message != nil else { continue }
            let mark = tracker.observe(event)
            line.removeAll(keepingCapacity: true)
            lineFormat.write(event, persistent: mark, settings: settings, to: &line)
            output.append(line)
            bytes += line.count
            events += 1
            if let count {
                if events >= count { break } else { continue }
            }
            guard events & 1023 == 0 else { continue }
            let now = clock.now
            if !measuring, now >= measureFrom {
                measuring = true
                measuredStart = now
                events = 0
                bytes = 0
                cpuAtStart = ProcessStats.cpuSeconds(pid: getpid())
                simulatorCPUAtStart = simulator.cpuSeconds
            } else if measuring, now >= end {
                break
            }
        }
        output.flush()
        let elapsed = (clock.now - measuredStart).seconds
        let cpu = ProcessStats.cpuSeconds(pid: getpid()) - cpuAtStart
        let simulatorCPU = simulator.cpuSeconds - simulatorCPUAtStart
        report("cti-bench e2e --format \(format.rawValue) --to \(to.rawValue): \(grouped(Double(events) / elapsed)) events/s, " +
               "\(fixed(Double(bytes) / elapsed / 1e6, 1)) MB/s of output, \(fixed(Double(bytes) / Double(max(events, 1)), 0)) bytes/event, " +
               "over \(fixed(elapsed, 1)) s; CPU: client \(fixed(cpu / elapsed * 100, 0))%, simulator \(fixed(simulatorCPU / elapsed * 100, 0))% " +
               "of one core; load average \(ProcessStats.loadAverage)")
        let perEvent = (cpu + simulatorCPU) / Double(max(events, 1))
        report("  CPU per event: client \(fixed(cpu / Double(max(events, 1)) * 1e6, 2)) µs, simulator \(fixed(simulatorCPU / Double(max(events, 1)) * 1e6, 2)) µs; " +
               "\(grouped(Double(sysconf(Int32(_SC_NPROCESSORS_ONLN))) / perEvent)) events/s if both had all \(sysconf(Int32(_SC_NPROCESSORS_ONLN))) cores to themselves")
        if to == .devnull { close(descriptor) }
        _ = Task { await client.close() }
        try await Task.sleep(for: .milliseconds(200))
    }
}

extension EndToEndCommand {
    /// `cti watch -o FORMAT -q` against the simulator; events/s from the flood's published count
    /// (the flood goes only as fast as the watcher reads, past the sockets' buffers).
    func runWatch(_ path: String, _ simulator: SimulatorProcess) async throws {
        let devnull = open("/dev/null", O_WRONLY)
        defer { close(devnull) }
        let watch = try ChildProcess(path: path, arguments: ["watch", "-o", format.rawValue, "-q", "--no-config", "--host", "127.0.0.1:\(simulator.portA)"],
                                     descriptors: to == .devnull ? [1: devnull] : [:])
        defer {
            watch.signal(SIGINT)
            watch.wait()
        }
        func published() -> Int {
            let status = simulator.command("status")
            guard let line = status.split(separator: "\n").first(where: { $0.contains("flood:") }),
                  let number = line.split(separator: ":").last?.split(separator: "/").first?.split(separator: " ").first else { return 0 }
            return Int(number) ?? 0
        }
        // Wait for the session (the simulator's status lists it), then flood.
        let clock = ContinuousClock()
        let began = clock.now
        while !simulator.command("status").contains("client \""), clock.now - began < .seconds(10) {
            try await Task.sleep(for: .milliseconds(100))
        }
        simulator.command("flood 2000000000")
        try await Task.sleep(for: .milliseconds(Int64(warmup * 1000)))
        let start = clock.now, first = published()
        let cpuStart = ProcessStats.cpuSeconds(pid: watch.pid), simulatorCPUStart = simulator.cpuSeconds
        try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
        let events = published() - first
        let elapsed = (clock.now - start).seconds
        let cpu = ProcessStats.cpuSeconds(pid: watch.pid) - cpuStart
        let simulatorCPU = simulator.cpuSeconds - simulatorCPUStart
        report("cti-bench e2e --cti \(path) --format \(format.rawValue) --to \(to.rawValue): \(grouped(Double(events) / elapsed)) events/s " +
               "published to `cti watch -o \(format.rawValue)` over \(fixed(elapsed, 1)) s; CPU: cti watch \(fixed(cpu / elapsed * 100, 0))%, " +
               "simulator \(fixed(simulatorCPU / elapsed * 100, 0))% of one core; load average \(ProcessStats.loadAverage)")
        let perEvent = (cpu + simulatorCPU) / Double(max(events, 1))
        report("  CPU per event: cti watch \(fixed(cpu / Double(max(events, 1)) * 1e6, 2)) µs, simulator \(fixed(simulatorCPU / Double(max(events, 1)) * 1e6, 2)) µs; " +
               "\(grouped(Double(sysconf(Int32(_SC_NPROCESSORS_ONLN))) / perEvent)) events/s if both had all \(sysconf(Int32(_SC_NPROCESSORS_ONLN))) cores to themselves")
    }
}

/// Lines gathered and written out 64 KiB at a time (as the console's standard output).
struct BatchedOutput {
    let descriptor: Int32
    private var buffer: [UInt8] = []

    init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 16 + 4096)
    }

    /// Appends whole lines (each ends in a newline).
    mutating func append(_ line: [UInt8]) {
        buffer.append(contentsOf: line)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        var written = 0
        while written < buffer.count {
            let result = buffer.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if result < 0 { if errno == EINTR { continue } else { break } }
            written += result
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
