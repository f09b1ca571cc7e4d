import ArgumentParser
import CTIClient
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `cti-bench load` (issue 22): `cti load` with `--agents` virtual agents (2,000 by default) at one
/// call per agent per minute against the simulator in a process of its own (`cti-bench serve`),
/// side by side on this machine: the CPU of `cti load` and of the simulator over a steady window,
/// `cti load`'s resident memory per agent, the request p99 from its summary; then side A is
/// killed (through the simulator's stdin) and the summary's failover histogram says how long the
/// agents took to be back with their state learned.
struct LoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "cti load with 2,000 agents against a simulator process: CPU, memory per agent, request p99, failover time.")

    @Option(help: "Virtual agents.")
    var agents: Int = 2_000

    @Option(help: "Calls per agent per minute offered by the simulator.")
    var callsPerAgentPerMinute: Double = 1

    @Option(help: "Seconds over which the agents start.")
    var ramp: Double = 20

    @Option(help: "Seconds of steady work measured (after the ramp and 10 s to settle).")
    var seconds: Double = 60

    @Option(help: "Seconds after the measured window until side A is killed; the run goes on for as long again.")
    var failAfter: Double = 5

    @Option(help: "The cti executable (default: next to cti-bench).")
    var cti: String?

    func run() throws {
        try OpenFileLimit.ensure(agents * 2 + 256)
        let rate = Double(agents) * callsPerAgentPerMinute / 60
        let simulator = try SimulatorProcess(arguments: ["--agents", String(agents), "--logged-out", "--rate", String(rate),
                                                         "--handle-seconds", "3600", "--wrap-up-seconds", "3600"])
        defer { simulator.stop() }
        let settle = 10.0
        let measureStart = ramp + settle
        let killAt = measureStart + seconds + failAfter
        let duration = killAt + max(30, failAfter * 2)
        let ctiPath = cti ?? String(ChildProcess.selfPath.dropLast("cti-bench".count)) + "cti"
        var fromChild: [Int32] = [-1, -1]
        guard pipe(&fromChild) == 0 else { throw BenchError("pipe: \(errno)") }
        let arguments = ["load", "--no-config", "--host", "127.0.0.1:\(simulator.portA)", "--host-b", "127.0.0.1:\(simulator.portB)",
                         "--agents", String(agents), "--duration", "\(Int(duration))s", "--ramp", "\(ramp)s",
                         "--talk", "20-40", "--wrap-up", "5-10", "-o", "json", "--no-progress"]
        let start = ContinuousClock.now
        let load = try ChildProcess(path: ctiPath, arguments: arguments, descriptors: [1: fromChild[1]], closing: [fromChild[0]])
        close(fromChild[1])
        func elapsed() -> Double { (ContinuousClock.now - start).seconds }
        func sleep(until time: Double) { if time > elapsed() { usleep(UInt32((time - elapsed()) * 1_000_000)) } }

        // Resident memory before the agents: the process as soon as it runs, with the few agents
        // already started then (the simulator's connection count).
        sleep(until: 0.15)
        let baseline = ProcessStats.residentBytes(pid: load.pid)
        let startedThen = Self.connections(simulator)
        sleep(until: measureStart)
        let loadCPU0 = ProcessStats.cpuSeconds(pid: load.pid), simulatorCPU0 = simulator.cpuSeconds
        let windowStart = elapsed()
        var peak = 0
        while elapsed() < measureStart + seconds {
            sleep(until: min(elapsed() + 1, measureStart + seconds))
            peak = max(peak, ProcessStats.residentBytes(pid: load.pid))
        }
        let window = elapsed() - windowStart
        let loadCPU = (ProcessStats.cpuSeconds(pid: load.pid) - loadCPU0) / window
        let simulatorCPU = (simulator.cpuSeconds - simulatorCPU0) / window
        let steady = ProcessStats.residentBytes(pid: load.pid)
        let sessions = Self.connections(simulator)
        sleep(until: killAt)
        simulator.command("kill A")
        let killedAt = elapsed()

        var lines = PipeLineReader(descriptor: fromChild[0])
        var summary = ""
        while let line = lines.next() { summary = line }
        load.wait()
        close(fromChild[0])

        let perAgent = Double(steady - baseline) / Double(max(1, agents - startedThen))
        func mib(_ bytes: Int) -> String { fixed(Double(bytes) / 1_048_576, 1) + " MiB" }
        report("cti-bench load: \(agents) agents, \(fixed(rate, 1)) calls/s offered (\(fixed(callsPerAgentPerMinute, 1)) per agent per minute), "
               + "talk 20-40 s, wrap-up 5-10 s; ramp \(fixed(ramp, 0)) s; simulator in its own process; load average \(ProcessStats.loadAverage)")
        report("  sessions open at the window: \(sessions)")
        report("  CPU over \(fixed(window, 1)) s: cti load \(fixed(loadCPU * 100, 1))% of one core (goal < 100%), "
               + "simulator \(fixed(simulatorCPU * 100, 1))%")
        report("  cti load RSS: \(mib(baseline)) at start (\(startedThen) agents started), \(mib(steady)) with \(agents) agents "
               + "(peak \(mib(peak))): \(fixed(perAgent / 1024, 1)) KiB per agent (goal < 20 KiB)")
        report("  side A killed at \(fixed(killedAt, 1)) s")
        report("  summary: \(Self.extract(summary))")
    }

    /// The simulator's count of open sessions (its `status` lists one `session N on SIDE: ...` line each).
    static func connections(_ simulator: SimulatorProcess) -> Int {
        simulator.command("status").split(separator: "\n").filter { $0.hasPrefix("session ") }.count
    }

    /// The figures of `cti load`'s JSON summary this benchmark reports.
    static func extract(_ summary: String) -> String {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(summary.utf8))) as? [String: Any] else {
            return "(cti load printed no summary: '\(summary.prefix(200))')"
        }
        func text(_ value: Any?) -> String {
            guard let value, let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) else { return "null" }
            return String(decoding: data, as: UTF8.self)
        }
        var lines = ["sessions \(text(object["sessions"]))", "calls \(text(object["calls"]))", "failures \(text(object["failures"]))"]
        for (key, label) in [("requests", ""), ("stopRequests", "(stop) ")] {
            for (name, figures) in ((object[key] as? [String: Any]) ?? [:]).sorted(by: { $0.key < $1.key }) {
                lines.append("\(label)\(name) \(text(figures))")
            }
        }
        lines.append("failover \(text(object["failover"]))")
        return lines.joined(separator: "\n    ")
    }
}
