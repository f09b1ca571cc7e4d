import Foundation
import Testing

/// Faults seen from the built `cti watch` against `cti simulate` in processes of their own: a
/// server refusing OPEN, signals, a slow reader of the pipe. Each case prints its measured time
/// (`fault-injection | ...` lines in the test output).
@Suite(.timeLimit(.minutes(2)))
struct FaultInjectionCommandTests {
    /// `cti watch` on side A/B of `simulator`, its stderr collected as it comes with the time
    /// each line arrived.
    final class Watch: @unchecked Sendable {
        let process = Process()
        let output = Pipe()
        private let errors = Pipe()
        private let lock = NSLock()
        private var pending = ""
        private var lines: [(ContinuousClock.Instant, String)] = []

        init(_ simulator: SimulatorProcess, _ arguments: [String], environment: [String: String] = [:]) throws {
            process.executableURL = CLIRunner.executable
            process.arguments = ["watch", "--no-config", "--host", "127.0.0.1:\(simulator.portA)", "--host-b", "127.0.0.1:\(simulator.portB)"] + arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment.merging(["NO_COLOR": "1"]) { $1 }) { $1 }
            process.standardOutput = output
            process.standardError = errors
            errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let text = String(decoding: handle.availableData, as: UTF8.self)
                let now = ContinuousClock.now
                self?.lock.withLock {
                    guard let self else { return }
                    self.pending += text
                    while let newline = self.pending.firstIndex(of: "\n") {
                        self.lines.append((now, String(self.pending[..<newline])))
                        self.pending = String(self.pending[self.pending.index(after: newline)...])
                    }
                }
            }
            try process.run()
        }

        var stderrLines: [(ContinuousClock.Instant, String)] { lock.withLock { lines } }

        /// Sends `signal` and waits for the exit; the status and how long the exit took.
        func stop(with signal: Int32) -> (Int32, Duration) {
            let sent = ContinuousClock.now
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            return (process.terminationStatus, ContinuousClock.now - sent)
        }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds) * 1000 + Int(duration.components.attoseconds / 1_000_000_000_000_000)
    }

    @Test func aServerRefusingOpenGetsBackedOffRetriesNotASpin() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cti-refuse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let passwordFile = directory.appendingPathComponent("password").path
        try "right\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let simulator = try SimulatorProcess(["--password-file", passwordFile])
        defer { simulator.stop() }
        let started = ContinuousClock.now
        let watch = try Watch(simulator, ["-o", "json"], environment: ["CTI_PASSWORD": "wrong"])
        try await Task.sleep(for: .seconds(9))
        #expect(watch.process.isRunning, "watch keeps trying")
        let (status, _) = watch.stop(with: SIGTERM)
        #expect(status == 0)
        let attempts = watch.stderrLines.filter { $0.1.contains("connecting to") }.map(\.0)
        // Back-off 0 (the other side at once), then 2, 4, 8 ... up to 30 s: 5 or 6 attempts in 9 s,
        // not thousands. Counted against the time that really passed (on a loaded machine the
        // 9-second sleep can last much longer).
        let elapsed = Double(Self.milliseconds(ContinuousClock.now - started)) / 1000
        // A, B at once, A at once (the standby refusal's redirect), then 2, 4, 8, 16, 30, 30 ... s.
        var ladder: [Double] = [0, 0, 0, 2]
        while ladder.count < 200 { ladder.append(min(30, ladder.last! * 2)) }
        var allowed = 0
        var total = 0.0
        for wait in ladder {
            total += wait
            if total <= elapsed + 1 { allowed += 1 } else { break }
        }
        #expect(attempts.count >= 3 && attempts.count <= allowed + 1,
                "\(attempts.count) attempts in \(elapsed) s (the back-off allows \(allowed)): \(watch.stderrLines.map(\.1))")
        let gaps = zip(attempts.dropFirst(), attempts).map { Self.milliseconds($0 - $1) }
        #expect(gaps.count >= 3 && gaps.last! >= 1500, "the waits grow: \(gaps) ms")
        #expect(watch.stderrLines.contains { $0.1.contains("E_CTI_INVALID_PASSWORD") })
        let span = Self.milliseconds((attempts.last ?? started) - (attempts.first ?? started))
        print("fault-injection | server refusing OPEN (wrong password) | \(attempts.count) attempts in \(span) ms, gaps \(gaps.map(String.init).joined(separator: ", ")) ms | watch still running, SIGTERM exit 0")
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func watchSendsCloseOnASignalAndExitsZero(signal: Int32) throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let watch = try Watch(simulator, ["-q"])
        try simulator.waitForLog(containing: "opened")
        let (status, took) = watch.stop(with: signal)
        #expect(status == 0)
        try simulator.waitForLog(containing: "CLOSE_REQ")
        print("fault-injection | \(signal == SIGINT ? "SIGINT" : "SIGTERM") during watch | exited 0 in \(Self.milliseconds(took)) ms | CLOSE_REQ seen by the simulator")
    }

    @Test func aSlowReaderOfThePipeLosesNoEvent() throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let total = 3000
        let watch = try Watch(simulator, ["-o", "json", "--filter", "END_CALL_EVENT", "--count", "\(total)", "-q"])
        try simulator.waitForLog(containing: "opened")
        let started = ContinuousClock.now
        simulator.command("flood \(total)")
        // The reader takes 16 KiB every 20 ms (about 800 KB/s): far slower than the flood.
        var data = Data()
        let reader = watch.output.fileHandleForReading
        while true {
            let chunk = try reader.read(upToCount: 16 * 1024) ?? Data()
            if chunk.isEmpty { break }
            data.append(chunk)
            Thread.sleep(forTimeInterval: 0.02)
        }
        watch.process.waitUntilExit()
        let elapsed = ContinuousClock.now - started
        #expect(watch.process.terminationStatus == 0)
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        let ids = try lines.map { line -> Int in
            let fields = try #require(try CLIRunner.json(line)["fields"] as? [String: Any])
            return try #require(fields["ConnectionCallID"] as? Int)
        }
        #expect(ids.count == total)
        #expect(ids == Array(ids.first!..<(ids.first! + total)), "every event once, in order")
        print("fault-injection | slow reader of the pipe | \(total) events in \(Self.milliseconds(elapsed)) ms, none lost | \(data.count) bytes at about 800 KB/s")
    }
}
