import Foundation
import Testing

/// `cti top --once` end to end against `cti simulate` (issue 21): the agent rows match what
/// `cti query agent` reports for the same agents; `--from` a raw recording.
@Suite(.timeLimit(.minutes(5))) struct TopCommandTests {
    static func hosts(_ simulator: SimulatorProcess) -> [String] { FailoverCommandTests.hosts(simulator.portA, simulator.portB) }

    @Test func onceJSONAgentRowsMatchQueryAgent() throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        _ = try simulator.ask("call in 2002", expecting: "ringing")
        let top = try CLIRunner.run(["top", "--once", "-o", "json"] + Self.hosts(simulator), timeout: 60)
        #expect(top.status == 0, "\(top.stderr)")
        #expect(top.stdoutLines.count == 1, "\(top.stdout)")
        let model = try CLIRunner.json(try #require(top.stdoutLines.first))
        let agents = try #require(model["agents"] as? [[String: Any]])
        #expect(agents.map { $0["agentID"] as? String } == (1001...1010).map { String($0) })  // cti simulate's ten agents
        for agent in agents {
            let device = try #require(agent["extension"] as? String)
            let query = try CLIRunner.run(["query", "agent", "--instrument", device, "-o", "json", "-q"] + Self.hosts(simulator), timeout: 60)
            #expect(query.status == 0, "\(query.stderr)")
            let line = try #require(query.stdoutLines.first)
            let fields = try #require(try CLIRunner.json(line)["fields"] as? [String: Any])
            let state = try #require(fields["AgentState"] as? [String: Any])
            #expect(agent["state"] as? String == state["name"] as? String, "\(device)")
            #expect(agent["stateCode"] as? Int == state["value"] as? Int)
            #expect(agent["agentID"] as? String == fields["AgentID"] as? String)
            #expect(agent["skillGroups"] as? [Int] == [10, 11])
        }
        // The call ringing at 2002: from SNAPSHOT_DEVICE / SNAPSHOT_CALL, there from the first screen.
        let calls = try #require(model["calls"] as? [[String: Any]])
        #expect(calls.map { $0["callID"] as? Int } == [16_777_300])
        #expect(agents[1]["callID"] as? Int == 16_777_300)
        let parties = calls.first?["parties"] as? [[String: Any]]
        #expect(parties?.map { "\($0["device"] as? String ?? "") \($0["state"] as? String ?? "")" } == ["2002 ALERTING", "9195550100 CONNECT"])
        let groups = try #require(model["skillGroups"] as? [[String: Any]])
        #expect(groups.map { $0["id"] as? Int } == [5010, 5011])
        #expect((model["session"] as? [String: Any])?["side"] as? String == "A")
        #expect((model["session"] as? [String: Any])?["state"] as? String == "open")
    }

    @Test func onceTextIsAPlainTable() throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let top = try CLIRunner.run(["top", "--once", "--filter", "1003"] + Self.hosts(simulator), timeout: 60)
        #expect(top.status == 0, "\(top.stderr)")
        #expect(top.stdoutLines.prefix(2) == [
            "AGENT  EXTENSION  STATE                  REASON  TIME  SKILL GROUPS  CALL",
            "1003   2003       AGENT_STATE_AVAILABLE  0       0s    10,11",
        ], "\(top.stdout)")
        #expect(!top.stdout.contains("\u{1B}"))
    }

    @Test func fromARawRecording() throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cti-top-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("session.raw").path
        let watch = try CLIRunner.run(["watch", "--services", "ALL_EVENTS", "--count", "1", "--record", file, "-q"] + Self.hosts(simulator),
                                      timeout: 60)
        #expect(watch.status == 0, "\(watch.stderr)")
        let top = try CLIRunner.run(["top", "--once", "-o", "json", "--from", file])
        #expect(top.status == 0, "\(top.stderr)")
        let model = try CLIRunner.json(try #require(top.stdoutLines.first))
        #expect((model["session"] as? [String: Any])?["events"] as? Int ?? 0 >= 1, "\(top.stdout)")
        #expect((model["agents"] as? [[String: Any]])?.isEmpty == true, "no configuration in the recording: no agents")
        let missing = try CLIRunner.run(["top", "--once", "--from", directory.appendingPathComponent("none").path])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("cannot open"), "\(missing.stderr)")
    }

    /// A pcap of `watch --record` while a call comes in: the snapshot from it has the call and
    /// the agent it rings at (from the recorded events alone).
    @Test func fromAPcapOfACallComingIn() throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cti-top-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("session.pcap").path
        nonisolated(unsafe) var watch: CLIRunner.Result?
        let done = DispatchSemaphore(value: 0)
        let arguments = ["watch", "--services", "ALL_EVENTS", "--filter", "SYSTEM_EVENT,AGENT_STATE_EVENT",
                         "--count", "2", "--record", file, "-q"] + Self.hosts(simulator)
        DispatchQueue.global().async {
            watch = try? CLIRunner.run(arguments, timeout: 60)
            done.signal()
        }
        try simulator.waitForLog(containing: "opened")
        _ = try simulator.ask("call in 2002", expecting: "ringing")
        done.wait()
        #expect(watch?.status == 0, "\(watch?.stderr ?? "")")
        let top = try CLIRunner.run(["top", "--once", "-o", "json", "--from", file])
        #expect(top.status == 0, "\(top.stderr)")
        let model = try CLIRunner.json(try #require(top.stdoutLines.first))
        let calls = try #require(model["calls"] as? [[String: Any]])
        #expect(calls.map { $0["callID"] as? Int } == [16_777_300], "\(top.stdout)")
        #expect(calls.first?["state"] as? String == "delivered")
        let agents = try #require(model["agents"] as? [[String: Any]])
        #expect(agents.map { $0["agentID"] as? String } == ["1002"])
        #expect(agents.first?["state"] as? String == "AGENT_STATE_RESERVED")
        // CALL_DELIVERED came before the agent was known (AGENT_STATE_EVENT RESERVED): attached all the same.
        #expect(agents.first?["callID"] as? Int == 16_777_300)
    }
}
