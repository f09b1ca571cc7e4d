import Foundation
import Testing

/// `--protocol auto` against an older server, end to end: the built `cti` against
/// `cti simulate --max-protocol N` (issue 20).
@Suite(.timeLimit(.minutes(5)))
struct ProtocolVersionCommandTests {
    static func hosts(_ simulator: SimulatorProcess) -> [String] {
        ["--no-config", "--host", "127.0.0.1:\(simulator.portA)", "--host-b", "127.0.0.1:\(simulator.portB)"]
    }

    /// Milliseconds since midnight of a record's `ts` (`2026-12-06T21:30:12.975Z`).
    static func milliseconds(_ record: [String: Any]) throws -> Int {
        let ts = try #require(record["ts"] as? String)
        let clock = ts.split(separator: "T")[1].dropLast()
        let parts = clock.split(separator: ":")
        let seconds = try #require(Double(parts[2]))
        return (Int(parts[0])! * 3600 + Int(parts[1])! * 60) * 1000 + Int((seconds * 1000).rounded())
    }

    @Test(arguments: [23, 20])
    func autoOpensAtTheServersVersionStepByStepWithoutBackOff(max: Int) throws {
        // Ten customer calls a second: the stream has call and agent events to decode.
        let simulator = try SimulatorProcess(["--max-protocol", "\(max)", "--rate", "10", "--seed", "7"])
        defer { simulator.stop() }
        let watched = try CLIRunner.run(["watch", "--lifecycle", "-o", "json", "--count", "20", "--timeout", "30"] + Self.hosts(simulator))
        #expect(watched.status == 0, "\(watched.stderr)")
        let records = try watched.stdoutLines.map(CLIRunner.json)
        let session = records.filter { $0["type"] as? String == "SESSION" }
        let stepDowns = session.filter { $0["event"] as? String == "version-step-down" }
        #expect(stepDowns.map { $0["refused"] as? Int } == (max + 1...25).reversed().map { $0 })
        #expect(stepDowns.map { $0["next"] as? Int } == (max...24).reversed().map { $0 })
        // One connection per version tried, all to side A; no open refusal, no failure.
        let connecting = session.filter { $0["event"] as? String == "connecting" }
        #expect(connecting.count == 25 - max + 1)
        #expect(connecting.allSatisfy { $0["side"] as? String == "A" })
        #expect(!session.contains { ["open-refused", "connect-failed", "session-failed"].contains($0["event"] as? String ?? "") })
        let opened = try #require(session.first { $0["event"] as? String == "opened" })
        #expect(opened["protocolVersion"] as? Int == max)
        // No back-off: each step-down is followed at once by the next connection (the very next
        // record), and the whole negotiation takes less than a back-off ladder would (1+2+4 s...).
        for stepDown in stepDowns {
            let next = session.first { ($0["seq"] as? Int) == (stepDown["seq"] as? Int).map { $0 + 1 } }
            #expect(next?["event"] as? String == "connecting", "\(session)")
        }
        let first = try Self.milliseconds(try #require(connecting.first))
        #expect(try Self.milliseconds(opened) - first < 5000, "\(session)")
        // The stream's messages decode in the opened version, with nothing marked as newer.
        let messages = records.filter { $0["type"] as? String != "SESSION" }
        #expect(messages.count == 20)
        #expect(messages.contains { ($0["type"] as? String)?.hasPrefix("AGENT_") == true }, "\(messages)")
        for message in messages {
            #expect(message["fields"] != nil, "\(message)")
            let notes = message["notes"] as? [String] ?? []
            #expect(!notes.contains { $0.contains("not in protocol") }, "\(message)")
        }
        #expect(watched.stderr.contains("protocol 25 refused (E_CTI_INVALID_VERSION): opening again with protocol 24"))
    }

    @Test(arguments: [23, 20])
    func clientControlAndPersistentCallsWorkAtTheOlderVersion(max: Int) throws {
        let simulator = try SimulatorProcess(["--max-protocol", "\(max)"])
        defer { simulator.stop() }
        let hosts = Self.hosts(simulator) + ["-q"]
        let notReady = try CLIRunner.run(["agent", "not-ready", "--instrument", "2001", "--reason", "7"] + hosts)
        #expect(notReady.status == 0, "\(notReady.stderr)")
        #expect(notReady.stdout.contains("SET_AGENT_STATE_CONF"))
        let query = try CLIRunner.run(["query", "agent", "--instrument", "2001", "-o", "json"] + hosts)
        #expect(query.status == 0, "\(query.stderr)")
        let state = try CLIRunner.json(try #require(query.stdoutLines.first))
        #expect(state["type"] as? String == "QUERY_AGENT_STATE_CONF")
        #expect((state["notes"] as? [String] ?? []).isEmpty, "\(state)")
        let made = try CLIRunner.run(["call", "make", "5551234", "--instrument", "2002"] + hosts)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("MAKE_CALL_CONF"), "\(made.stdout)")
        let persistent = try CLIRunner.run(["persistent", "make", "--device", "5001", "--calling-id", "4000", "--wait", "connected",
                                            "--timeout", "10"] + hosts)
        #expect(persistent.status == 0, "\(persistent.stderr)")
        let dropped = try CLIRunner.run(["persistent", "drop", "--device", "5001"] + hosts)
        #expect(dropped.status == 0, "\(dropped.stderr)")
        #expect(simulator.logText.contains("version \(max)"), "\(simulator.logText)")
    }

    @Test func aFixedOlderVersionAsksForTheMasksItHas() throws {
        let simulator = try SimulatorProcess(["--max-protocol", "21", "--rate", "10", "--seed", "5"])
        defer { simulator.stop() }
        // watch asks for every call event: at 21 that is without network recording's bits (23).
        let watched = try CLIRunner.run(["watch", "--protocol", "21", "--count", "5", "--timeout", "30", "-o", "json", "-q"] + Self.hosts(simulator))
        #expect(watched.status == 0, "\(watched.stderr)")
        #expect(watched.stdoutLines.count == 5)
        #expect(simulator.logText.contains("version 21"), "\(simulator.logText)")
    }

    @Test func aFixedNewerVersionIsRefusedAndNamed() throws {
        let simulator = try SimulatorProcess(["--max-protocol", "23"])
        defer { simulator.stop() }
        let result = try CLIRunner.run(["open", "--protocol", "24"] + Self.hosts(simulator))
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("E_CTI_INVALID_VERSION"), "\(result.stderr)")
        let status = try CLIRunner.run(["-c", "open --protocol 23 " + Self.hosts(simulator).joined(separator: " "), "-c", "status"])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("protocol  23"), "\(status.stdout)")
        let auto = try CLIRunner.run(["-c", "open " + Self.hosts(simulator).joined(separator: " "), "-c", "status"])
        #expect(auto.stdout.contains("protocol  23 (auto)"), "\(auto.stdout)")
    }

    @Test func aCaptureOfAnOlderSessionDecodesInItsVersionWithAuto() throws {
        let simulator = try SimulatorProcess(["--max-protocol", "22", "--rate", "10", "--seed", "3"])
        defer { simulator.stop() }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cti-pv22-\(UUID().uuidString).pcap").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let watched = try CLIRunner.run(["watch", "--count", "10", "--timeout", "30", "--record", path, "-q"] + Self.hosts(simulator))
        #expect(watched.status == 0, "\(watched.stderr)")
        // Each connection in the version its OPEN_REQ asked for: the refusals of 25, 24 and 23
        // and then the 30-byte OPEN_CONF of protocol 22.
        let auto = try CLIRunner.run(["decode", "--pcap", path, "--protocol", "auto", "-o", "json"])
        #expect(auto.status == 0, "\(auto.stderr)")
        let objects = try auto.stdoutLines.map(CLIRunner.json)
        let versions = objects.filter { $0["type"] as? String == "OPEN_REQ" }.compactMap { ($0["fields"] as? [String: Any])?["VersionNumber"] as? Int }
        #expect(versions == [25, 24, 23, 22])
        #expect(objects.filter { $0["type"] as? String == "FAILURE_CONF" }.count == 3)
        let confirmation = try #require(objects.first { $0["type"] as? String == "OPEN_CONF" })
        #expect((confirmation["fields"] as? [String: Any])?["SessionType"] == nil)
        #expect(!objects.contains { ($0["notes"] as? [String] ?? []).contains { $0.contains("not in protocol") } })
        // Read as protocol 25, the 30-byte OPEN_CONF does not decode (exit 65, named).
        let fixed = try CLIRunner.run(["decode", "--pcap", path, "-o", "json"])
        #expect(fixed.status == 65)
        #expect(fixed.stderr.contains("OPEN_CONF"), "\(fixed.stderr)")
    }
}
