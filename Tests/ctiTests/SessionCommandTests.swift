import Foundation
import Testing

/// Session subcommands of the built `cti`, against its embedded simulator (no server
/// configured) and against `cti simulate` in another process.
@Suite(.timeLimit(.minutes(3)))
struct SessionCommandTests {
    /// Environment with no config file and no server: the embedded simulator is used.
    static let isolated = ["XDG_CONFIG_HOME": "/nonexistent-cti-test", "CTI_HOST": "", "CTI_PROFILE": ""]

    @Test func openPrintsWhatWasGrantedAgainstTheEmbeddedSimulator() throws {
        let result = try CLIRunner.run(["open"], environment: Self.isolated)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "session open (active, protocol 25), granted CTI_SERVICE_CLIENT_CONTROL|CTI_SERVICE_ALL_EVENTS on side A\n")
        #expect(result.stderr.contains("using the embedded simulator"))
        let json = try CLIRunner.run(["open", "-o", "json", "--services", "all-events,client-control"], environment: Self.isolated)
        let object = try CLIRunner.json(try #require(json.stdoutLines.first))
        #expect(object["type"] as? String == "SESSION")
        #expect(object["event"] as? String == "opened")
        #expect((object["servicesGranted"] as? [String: Any])?["value"] as? Int == 0x14)
    }

    @Test func watchJSONPrintsExactlyCountParseableLines() throws {
        let many = try CLIRunner.run(["watch", "-o", "json", "--count", "25", "-q"], environment: Self.isolated, timeout: 40)
        #expect(many.status == 0, "\(many.stderr)")
        #expect(many.stdoutLines.count == 25)
        let sequences = try many.stdoutLines.map { try CLIRunner.json($0)["seq"] as? Int ?? 0 }
        #expect(sequences == sequences.sorted() && Set(sequences).count == 25, "seq only grows")
        let result = try CLIRunner.run(["watch", "-o", "json", "--count", "1", "-q"], environment: Self.isolated)
        #expect(result.status == 0, "\(result.stderr)")
        let line = try #require(result.stdoutLines.first)
        #expect(result.stdoutLines.count == 1)
        let object = try CLIRunner.json(line)
        #expect(object["type"] as? String == "SYSTEM_EVENT")
        #expect(object["seq"] as? Int != nil)
        #expect(object["side"] as? String == "A")
        #expect((object["ts"] as? String)?.hasSuffix("Z") == true)
        #expect(result.stderr.isEmpty, "-q keeps stderr quiet: \(result.stderr)")
    }

    @Test func watchLifecycleRecordsGoToStdoutOnlyWhenAskedAndNeverCount() throws {
        let result = try CLIRunner.run(["watch", "-o", "json", "--count", "1", "--lifecycle", "-q"], environment: Self.isolated)
        #expect(result.status == 0)
        let types = try result.stdoutLines.map { try CLIRunner.json($0)["type"] as? String }
        #expect(types == ["SESSION", "SESSION", "SESSION", "SYSTEM_EVENT"])
    }

    @Test func watchTimeoutExitCodes() throws {
        let counted = try CLIRunner.run(["watch", "--count", "100000", "--timeout", "1", "-q"], environment: Self.isolated)
        #expect(counted.status == 124)
        let plain = try CLIRunner.run(["watch", "--timeout", "1", "-q"], environment: Self.isolated)
        #expect(plain.status == 0)
        #expect(plain.stdoutLines.first?.contains("SYSTEM_EVENT") == true)
    }

    @Test(arguments: [
        (["watch", "--no-embedded"], Int32(2), "no CTI Server configured"),
        (["open", "--services", "BOGUS"], 64, "'BOGUS' is not a name in this mask"),
        (["watch", "--heartbeat", "3"], 64, "--heartbeat"),
        (["watch", "--filter", "NOT_A_MESSAGE"], 64, "unknown message type 'NOT_A_MESSAGE'"),
        (["call", "make", "5551234"], 64, "give the device with --instrument"),
        (["open", "--services", "CLIENT_EVENTS,CLIENT_CONTROL"], 64, "asks for CLIENT_EVENTS, which needs the agent's identity"),
        (["query", "device", "--services", "ALL_EVENTS", "--instrument", "2001"], 1, "E_CTI_FUNCTION_NOT_AVAILABLE"),
        (["open", "--host", "127.0.0.1:1", "--host-b", "127.0.0.1:1", "--connect-timeout", "0.5"], 2, "connection refused"),
    ])
    func exitCodesNameTheProblem(arguments: [String], status: Int32, message: String) throws {
        let result = try CLIRunner.run(arguments + ["--no-config"], environment: Self.isolated)
        #expect(result.status == status, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
    }

    @Test func watchIntoHeadEndsPromptly() throws {
        let started = Date()
        let shell = try CLIRunner.run(["-c", "\"$CTI\" watch -o json -q | head -1"], environment: Self.isolated.merging(["CTI": CLIRunner.executable.path]) { $1 },
                                      executable: URL(fileURLWithPath: "/bin/sh"), timeout: 20)
        #expect(shell.status == 0)
        #expect(shell.stdoutLines.count == 1)
        #expect(Date().timeIntervalSince(started) < 5, "took \(Date().timeIntervalSince(started)) s")
    }

    @Test func watchSurvivesFailoverAndSaysSoOnStderr() throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let watch = Process()
        watch.executableURL = CLIRunner.executable
        watch.arguments = ["watch", "--no-config", "--host", "127.0.0.1:\(simulator.portA)", "--host-b", "127.0.0.1:\(simulator.portB)",
                           "--timeout", "6", "-o", "json"]
        let errors = Pipe()
        watch.standardOutput = FileHandle.nullDevice
        watch.standardError = errors
        try watch.run()
        try simulator.waitForLog(containing: "opened")
        simulator.command("kill A")
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        watch.waitUntilExit()
        #expect(watch.terminationStatus == 0, "\(text)")
        #expect(text.contains("failed over from side A to side B"), "\(text)")
        #expect(text.contains("side B: session open"), "\(text)")
    }
}

/// `cti simulate --port-a 0 --port-b 0 [arguments]` in a process of its own.
final class SimulatorProcess: @unchecked Sendable {
    let process = Process()
    let portA: Int
    let portB: Int
    private let errors = Pipe()
    private let input = Pipe()
    private let lock = NSLock()
    private var log = ""
    private var replies = ""

    init(_ arguments: [String] = []) throws {
        process.executableURL = CLIRunner.executable
        process.arguments = ["simulate", "--port-a", "0", "--port-b", "0"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        var lines: [String] = []
        var buffer = Data()
        while lines.count < 2 {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            lines = String(decoding: buffer, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        // "side A listening on 127.0.0.1:PORT" (then " (TLS)" with TLS).
        func port(_ line: String) -> Int? { Int(line.split(separator: ":").last?.split(separator: " ").first ?? "") }
        guard lines.count >= 2, let a = port(lines[0]), let b = port(lines[1]) else {
            throw CocoaError(.fileReadCorruptFile)
        }
        portA = a
        portB = b
        errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            self?.lock.withLock { self?.log += text }
        }
        let rest = lines.dropFirst(2).joined(separator: "\n")
        replies = rest
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            self?.lock.withLock { self?.replies += text }
        }
    }

    /// Types a command and returns the reply line that contains `expecting`.
    func ask(_ line: String, expecting: String, timeout: TimeInterval = 10) throws -> String {
        command(line)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let reply = lock.withLock({ replies.split(separator: "\n").last(where: { $0.contains(expecting) }) }) {
                lock.withLock { replies = "" }
                return String(reply)
            }
            usleep(20_000)
        }
        throw CocoaError(.fileReadNoSuchFile)
    }

    /// Types a command and returns its whole reply, up to the first line containing `last`.
    func reply(to line: String, through last: String, timeout: TimeInterval = 10) throws -> [String] {
        lock.withLock { replies = "" }
        command(line)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let lines = lock.withLock { replies.split(separator: "\n").map(String.init) }
            if let end = lines.firstIndex(where: { $0.contains(last) }) {
                lock.withLock { replies = "" }
                return Array(lines[...end])
            }
            usleep(20_000)
        }
        throw CocoaError(.fileReadNoSuchFile)
    }

    /// Everything the simulator has logged on stderr so far.
    var logText: String { lock.withLock { log } }

    func waitForLog(containing text: String, timeout: TimeInterval = 10) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if lock.withLock({ log.contains(text) }) { return }
            usleep(20_000)
        }
        Issue.record("simulator log never showed '\(text)':\n\(lock.withLock { log })")
    }

    /// Types a command on the simulator's stdin.
    func command(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
    }
}

/// One-shot requests against `cti simulate` in another process, and `--record` read back by
/// `decode --file`.
@Suite(.timeLimit(.minutes(3)))
struct OneShotRequestTests {
    @Test func requestsAgainstASimulatorProcessPrintTheConfirmationOrNameTheRefusal() throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let hosts = ["--no-config", "--host", "127.0.0.1:\(simulator.portA)", "--host-b", "127.0.0.1:\(simulator.portB)", "-q"]
        let notReady = try CLIRunner.run(["agent", "not-ready", "--instrument", "2001", "--reason", "7"] + hosts)
        #expect(notReady.status == 0, "\(notReady.stderr)")
        #expect(notReady.stdout.contains("SET_AGENT_STATE_CONF"))
        let state = try CLIRunner.run(["query", "agent", "--instrument", "2001", "-o", "json"] + hosts)
        #expect(state.status == 0, "\(state.stderr)")
        let object = try CLIRunner.json(try #require(state.stdoutLines.first))
        #expect(object["type"] as? String == "QUERY_AGENT_STATE_CONF")
        let refused = try CLIRunner.run(["call", "answer", "99999", "--instrument", "2001"] + hosts)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("CF_INVALID_CSTA_CALL_IDENTIFIER"), "\(refused.stderr)")
        #expect(refused.stderr.contains("no call with that ConnectionCallID"))
    }

    @Test func recordedFramesDecodeAgain() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cti-record-\(UUID().uuidString).bin").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let watch = try CLIRunner.run(["watch", "--count", "3", "--record", path, "-o", "json", "-q"], environment: SessionCommandTests.isolated)
        #expect(watch.status == 0)
        let decoded = try CLIRunner.run(["decode", "--file", path, "-o", "json"])
        #expect(decoded.status == 0)
        let watched = try watch.stdoutLines.map { try CLIRunner.json($0)["type"] as? String }
        let read = try decoded.stdoutLines.map { try CLIRunner.json($0)["type"] as? String }
        #expect(read == watched)
        #expect(read.count == 3)
    }
}
