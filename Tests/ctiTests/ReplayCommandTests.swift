import CTIProtocol
import CTITestSupport
import Foundation
import Testing

/// `cti simulate --replay`: a `watch` session recorded as a pcap and as a raw `--record` file,
/// replayed to a new `cti watch`, gives the same messages; the pcap's spacing is kept at
/// `--speed 1` and divided at `--speed 10`.
@Suite(.timeLimit(.minutes(3)))
struct ReplayCommandTests {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("cti-replay-\(UUID().uuidString)-\(name)").path
    }

    /// `watch -o json` lines as (type, fields) with the InvokeID left out: what must be the same.
    /// The envelope's `ts` (receive time), `seq` and `side` are the receiving session's own; the
    /// fields themselves, times such as ICMCentralControllerTime included, are sent as recorded,
    /// so nothing else is dropped.
    static func messages(_ result: CLIRunner.Result) throws -> [String] {
        try result.stdoutLines.map { line in
            let object = try CLIRunner.json(line)
            var fields = try #require(object["fields"] as? [String: Any])
            fields["InvokeID"] = nil
            let type = try #require(object["type"] as? String)
            let data = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
            return type + " " + String(decoding: data, as: UTF8.self)
        }
    }

    static func watch(_ port: Int, count: Int, record: String? = nil) throws -> CLIRunner.Result {
        try CLIRunner.run(["watch", "--no-config", "--host", "127.0.0.1:\(port)", "--count", String(count), "-o", "json", "-q"]
            + (record.map { ["--record", $0] } ?? []), timeout: 60)
    }

    /// Waits for the simulator to exit (at most `timeout` seconds) and returns its status.
    static func exitStatus(of simulator: SimulatorProcess, timeout: TimeInterval = 15) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while simulator.process.isRunning && Date() < deadline { usleep(20_000) }
        return simulator.process.isRunning ? nil : simulator.process.terminationStatus
    }

    @Test(arguments: ["session.pcap", "session.raw"])
    func aRecordedWatchSessionReplayedToANewWatchGivesTheSameMessages(_ name: String) throws {
        let path = Self.temporaryPath(name)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let count = 12
        let original: CLIRunner.Result
        do {
            let simulator = try SimulatorProcess(["--rate", "20"])
            defer { simulator.stop() }
            original = try Self.watch(simulator.portA, count: count, record: path)
        }
        #expect(original.status == 0, "\(original.stderr)")
        let recorded = try Self.messages(original)
        #expect(recorded.count == count)
        #expect(recorded.first?.hasPrefix("SYSTEM_EVENT") == true && recorded.contains { $0.hasPrefix("CALL_DELIVERED_EVENT") }, "\(recorded)")

        let replay = try SimulatorProcess(["--replay", path, "--speed", "max", "--once"])
        defer { replay.stop() }
        let replayed = try Self.watch(replay.portA, count: count)
        #expect(replayed.status == 0, "\(replayed.stderr)")
        #expect(try Self.messages(replayed) == recorded)
        #expect(Self.exitStatus(of: replay) == 0, "--once: exits once the session closed after the whole replay\n\(replay.logText)")
        if name.hasSuffix(".pcap") {
            let second = try CLIRunner.run(["simulate", "--port-a", "0", "--port-b", "0", "--replay", path, "--replay-connection", "2"])
            #expect(second.status == 65)
            #expect(second.stderr.contains("\(path): --replay-connection 2: the capture has 1 connection(s) with an OPEN_REQ"), "\(second.stderr)")
        }
    }

    @Test func eachNewClientGetsTheReplayFromTheStart() throws {
        let path = Self.temporaryPath("again.raw")
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let simulator = try SimulatorProcess(["--rate", "20"])
            defer { simulator.stop() }
            #expect(try Self.watch(simulator.portA, count: 4, record: path).status == 0)
        }
        let replay = try SimulatorProcess(["--replay", path])
        defer { replay.stop() }
        let first = try Self.messages(try Self.watch(replay.portA, count: 4))
        let second = try Self.messages(try Self.watch(replay.portA, count: 4))
        #expect(first.count == 4 && first == second)
        #expect(replay.process.isRunning, "without --once the simulator keeps serving")
    }

    @Test func theCapturesSpacingIsKeptAtSpeedOneAndDividedAtSpeedTen() throws {
        let path = Self.temporaryPath("spaced.pcap")
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let simulator = try SimulatorProcess()
            defer { simulator.stop() }
            let watch = Process()
            watch.executableURL = CLIRunner.executable
            watch.arguments = ["watch", "--no-config", "--host", "127.0.0.1:\(simulator.portA)", "--count", "3", "--record", path, "-q"]
            watch.standardOutput = FileHandle.nullDevice
            watch.standardError = FileHandle.nullDevice
            try watch.run()
            try simulator.waitForLog(containing: "session 1 opened")
            // About 2.5 s from the OPEN_CONF to the last event: two END_CALL_EVENTs, 0.5 s apart, after 2 s.
            usleep(2_000_000)
            simulator.command("flood 2 2")
            watch.waitUntilExit()
            #expect(watch.terminationStatus == 0)
        }
        func replayTime(speed: String) throws -> TimeInterval {
            let replay = try SimulatorProcess(["--replay", path, "--speed", speed])
            defer { replay.stop() }
            let started = Date()
            let watched = try Self.watch(replay.portA, count: 3)
            #expect(watched.status == 0 && watched.stdoutLines.count == 3, "\(watched.stderr)")
            return Date().timeIntervalSince(started)
        }
        let asRecorded = try replayTime(speed: "1")
        let tenTimes = try replayTime(speed: "10")
        #expect(asRecorded >= 2.3, "the recorded 2.5 s are kept: \(asRecorded) s")
        #expect(tenTimes < asRecorded - 1.5, "a tenth of the recorded time (plus start-up): \(tenTimes) s vs \(asRecorded) s")
    }

    @Test func aFileThatIsNoRecordingExits65AndBadFlagsExit64() throws {
        let path = Self.temporaryPath("not-a-recording.txt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("hello, this is no capture\n".utf8).write(to: URL(fileURLWithPath: path))
        let notRecording = try CLIRunner.run(["simulate", "--port-a", "0", "--port-b", "0", "--replay", path])
        #expect(notRecording.status == 65)
        #expect(notRecording.stderr.contains(path) && notRecording.stderr.contains("not a capture file nor a raw recording"), "\(notRecording.stderr)")
        let missing = try CLIRunner.run(["simulate", "--port-a", "0", "--port-b", "0", "--replay", path + ".missing"])
        #expect(missing.status == 65 && missing.stderr.contains(path + ".missing"), "\(missing.stderr)")
        for arguments in [["--replay", path, "--speed", "0"], ["--replay", path, "--speed", "fast"], ["--speed", "2"], ["--once"],
                          ["--replay", path, "--replay-connection", "0"]] {
            let usage = try CLIRunner.run(["simulate", "--port-a", "0", "--port-b", "0"] + arguments)
            #expect(usage.status == 64, "\(arguments): \(usage.stderr)")
        }
    }
}

/// A raw recording with both directions back to back (as the proxy writes it): the direction
/// of each frame is the catalogue's, and a recorded confirmation answers the client's request
/// with the client's InvokeID.
@Suite(.timeLimit(.minutes(2)))
struct ReplayBothDirectionsTests {
    static func frame(_ name: String, _ assignments: [String]) throws -> [UInt8] {
        let message = CTIMessage.fields(try FieldAssignment().build(name, assignments: assignments))
        return Array(try CTIMessageEncoder(version: .v25).encode(message).readableBytesView)
    }

    @Test func aRecordedConfirmationAnswersTheClientsRequestWithItsInvokeID() throws {
        let path = ReplayCommandTests.temporaryPath("proxy.raw")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let recording = try Self.frame("OPEN_REQ", ["InvokeID=1", "VersionNumber=25", "IdleTimeout=60", "ClientID=rec", "ClientPassword=",
                                                    "ServicesRequested=CTI_SERVICE_CLIENT_CONTROL"])
            + Self.frame("OPEN_CONF", ["InvokeID=1", "ServicesGranted=CTI_SERVICE_CLIENT_CONTROL"])
            + Self.frame("QUERY_AGENT_STATE_REQ", ["InvokeID=900", "PeripheralID=5000", "AgentInstrument=2001"])
            + Self.frame("QUERY_AGENT_STATE_CONF", ["InvokeID=900", "AgentState=NOT_READY", "AgentID=4242", "AgentInstrument=2001"])
        try Data(recording).write(to: URL(fileURLWithPath: path))
        let replay = try SimulatorProcess(["--replay", path, "--once"])
        defer { replay.stop() }
        let query = try CLIRunner.run(["query", "agent", "--no-config", "--host", "127.0.0.1:\(replay.portA)", "--instrument", "2001", "-o", "json", "-q"])
        #expect(query.status == 0, "\(query.stderr)")
        let object = try CLIRunner.json(try #require(query.stdoutLines.first))
        let fields = try #require(object["fields"] as? [String: Any])
        #expect(object["type"] as? String == "QUERY_AGENT_STATE_CONF")
        #expect(fields["AgentID"] as? String == "4242", "the recorded confirmation, not the simulator's: \(fields)")
        #expect((fields["InvokeID"] as? Int).map { $0 != 900 } == true, "the client's InvokeID, not the recorded 900: \(fields)")
        #expect(ReplayCommandTests.exitStatus(of: replay) == 0, "\(replay.logText)")
    }
}
