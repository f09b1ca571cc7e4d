import Foundation
import Testing

/// The built `cti load` against the simulator (issue 22's acceptance): a clean run's summary, a
/// refused login counted by its code, Ctrl-C closing every session, a failover measured, and
/// the usage errors.
@Suite(.timeLimit(.minutes(3)))
struct LoadCommandTests {
    /// Fast work so that a 10-second run sees whole calls.
    static let quickWork = ["--answer-after", "0.2-0.5", "--talk", "1-2", "--wrap-up", "0.5-1", "--not-ready", "0.2",
                            "--not-ready-time", "1", "--no-config", "--no-progress"]

    static func summary(_ result: CLIRunner.Result) throws -> [String: Any] {
        try CLIRunner.json(try #require(result.stdoutLines.last, "no summary: \(result.stderr)"))
    }

    static func number(_ object: [String: Any], _ path: String...) -> Int? {
        var current: Any? = object
        for key in path { current = (current as? [String: Any])?[key] }
        return current as? Int
    }

    @Test func fiftyAgentsForTenSecondsAnswerCallsWithNoFailureAndCloseEverySession() throws {
        let result = try CLIRunner.run(["load", "--embedded", "--agents", "50", "--duration", "10s", "--call-rate", "5", "-o", "json"]
                                       + Self.quickWork, timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try Self.summary(result)
        #expect(summary["type"] as? String == "LOAD_SUMMARY")
        #expect(summary["end"] as? String == "duration")
        #expect(summary["bridge"] as? Bool == false)
        #expect(summary["protocolVersions"] as? [Int] == [25])
        #expect(Self.number(summary, "calls", "answered").map { $0 > 0 } == true, "\(summary)")
        #expect((summary["failures"] as? [Any])?.isEmpty == true, "\(summary)")
        #expect(Self.number(summary, "sessions", "opened") == 50)
        #expect(Self.number(summary, "sessions", "closed") == 50)
        #expect(Self.number(summary, "sessions", "lost") == 0)
        #expect(Self.number(summary, "agentsAtEnd", "closed") == 50)
        // Every agent logged in, got ready, answered and hung up: the request types are there,
        // each with its percentiles.
        let requests = try #require(summary["requests"] as? [String: [String: Any]])
        for name in ["QUERY_AGENT_STATE_REQ", "SET_AGENT_STATE_REQ", "ANSWER_CALL_REQ", "CLEAR_CONNECTION_REQ"] {
            let figures = try #require(requests[name], "\(name) missing: \(requests.keys)")
            #expect((figures["count"] as? Int).map { $0 > 0 } == true)
            for key in ["p50Ms", "p90Ms", "p99Ms", "p999Ms", "maxMs"] { #expect(figures[key] is Double || figures[key] is Int, "\(name) \(key)") }
        }
        // A login and a ready per agent at least; the logouts are the stop's, counted apart.
        #expect((requests["SET_AGENT_STATE_REQ"]?["count"] as? Int).map { $0 >= 100 } == true)
        let stop = try #require(summary["stopRequests"] as? [String: [String: Any]])
        #expect((stop["SET_AGENT_STATE_REQ"]?["count"] as? Int).map { $0 >= 50 } == true, "\(stop)")
        #expect(Self.number(summary, "events", "perAgent", "min").map { $0 > 0 } == true)
    }

    @Test func theTextSummaryHasTheTable() throws {
        let result = try CLIRunner.run(["load", "--embedded", "--agents", "5", "--duration", "3s", "--call-rate", "2"] + Self.quickWork, timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        let text = result.stdout
        #expect(text.contains("cti load: 5 agents (a session each, protocol 25) for 3.0 s against the embedded simulator"), "\(text)")
        #expect(text.contains("sessions: 5 opened, 0 never opened, 0 lost, 0 reopened, 5 closed; stop took"), "\(text)")
        #expect(text.contains("p99.9 ms"), "\(text)")
        #expect(text.contains("failures by code"), "\(text)")
        #expect(text.contains("failover: no session lost"), "\(text)")
    }

    @Test func aRefusedLoginIsCountedByItsCode() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cti-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("agents.csv").path
        // 9999 is not the agent of instrument 2002 in the simulator (1002 is).
        try "agent_id,instrument\n1001,2001\n9999,2002\n1003,2003\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["load", "--embedded", "--agents-file", file, "--duration", "3s", "--call-rate", "0", "-o", "json"]
                                       + Self.quickWork, timeout: 60)
        #expect(result.status == 1, "\(result.stderr)")
        let summary = try Self.summary(result)
        let failures = try #require(summary["failures"] as? [[String: Any]])
        #expect(failures.count == 1, "\(failures)")
        #expect(failures.first?["request"] as? String == "SET_AGENT_STATE_REQ")
        #expect(failures.first?["code"] as? String == "CF_INVALID_AGENT_ID_SPECIFIED")
        #expect(failures.first?["count"] as? Int == 1)
        #expect(Self.number(summary, "requests", "SET_AGENT_STATE_REQ", "refused") == 1)
        // The two others worked and every session closed.
        #expect(Self.number(summary, "sessions", "closed") == 3)
        let text = try CLIRunner.run(["load", "--embedded", "--agents-file", file, "--duration", "2s", "--call-rate", "0"] + Self.quickWork, timeout: 60)
        #expect(text.status == 1)
        #expect(text.stdout.contains("SET_AGENT_STATE_REQ CF_INVALID_AGENT_ID_SPECIFIED"), "\(text.stdout)")
    }

    @Test func controlCMidRunLogsEveryAgentOutAndClosesEverySession() throws {
        let simulator = try SimulatorProcess(["--agents", "50", "--logged-out", "--rate", "5"])
        defer { simulator.stop() }
        let load = Process()
        load.executableURL = CLIRunner.executable
        load.arguments = ["load", "--host", "127.0.0.1:\(simulator.portA)", "--host-b", "127.0.0.1:\(simulator.portB)",
                          "--agents", "50", "--duration", "120s", "--ramp", "1s", "-o", "json"] + Self.quickWork
        let output = Pipe()
        load.standardOutput = output
        load.standardError = FileHandle.nullDevice
        try load.run()
        // Wait until the 50 sessions are open on the simulator.
        var sessions = 0
        let deadline = Date().addingTimeInterval(30)
        while sessions < 50 && Date() < deadline {
            usleep(200_000)
            sessions = try Self.openSessions(simulator)
        }
        #expect(sessions == 50)
        usleep(1_000_000)
        kill(load.processIdentifier, SIGINT)
        load.waitUntilExit()
        #expect(load.terminationStatus == 130)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let summary = try CLIRunner.json(String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? "")
        #expect(summary["end"] as? String == "signal")
        #expect(Self.number(summary, "sessions", "closed") == 50, "\(summary)")
        // The simulator's count of open sessions is back to zero, and every agent is logged out.
        var left = -1
        let closeDeadline = Date().addingTimeInterval(10)
        while left != 0 && Date() < closeDeadline {
            left = try Self.openSessions(simulator)
            if left != 0 { usleep(100_000) }
        }
        #expect(left == 0)
        let agents = try simulator.reply(to: "agents", through: "1050")
        #expect(agents.count == 50, "\(agents)")
        #expect(agents.allSatisfy { $0.contains("LOGOUT") }, "\(agents)")
    }

    @Test func aSignalDuringTheStopClosesTheSessionsAtOnce() throws {
        // Side A hangs: the agents' logout requests get no answer, and the stop would wait for
        // its deadline (10 s, then up to 5 s for CLOSE_CONF); a signal during it closes the
        // sessions at once (each within the 5 s CLOSE_CONF wait).
        let load = Process()
        load.executableURL = CLIRunner.executable
        load.arguments = ["load", "--embedded", "--agents", "5", "--duration", "3s", "--ramp", "0", "--call-rate", "0",
                          "--fail-side", "A:hang", "--at", "1s", "-o", "json"] + Self.quickWork
        let output = Pipe()
        load.standardOutput = output
        load.standardError = FileHandle.nullDevice
        try load.run()
        usleep(4_500_000)
        let signalled = Date()
        kill(load.processIdentifier, SIGINT)
        load.waitUntilExit()
        #expect(Date().timeIntervalSince(signalled) < 8, "the stop did not end at once")
        #expect(load.terminationStatus == 130)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let summary = try CLIRunner.json(String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? "")
        #expect(Self.number(summary, "sessions", "closedWithoutLogout") == 5, "\(summary)")
        #expect(summary["end"] as? String == "signal")
    }

    @Test func persistentAgentsKeepTheirNailedConnectionAndTheMakeRateMakesCalls() throws {
        let result = try CLIRunner.run(["load", "--embedded", "--agents", "5", "--duration", "6s", "--call-rate", "0", "--persistent",
                                        "--make-rate", "2", "-o", "json"] + Self.quickWork, timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try Self.summary(result)
        #expect(Self.number(summary, "calls", "persistentUp") == 5, "\(summary)")
        #expect(Self.number(summary, "calls", "persistentLost") == 0)
        #expect(Self.number(summary, "calls", "made").map { $0 > 0 } == true, "\(summary)")
        #expect(Self.number(summary, "requests", "MAKE_CALL_REQ", "count").map { $0 > 0 } == true)
        #expect((summary["failures"] as? [Any])?.isEmpty == true, "\(summary)")
    }

    @Test func agentsAgainstAnOlderServerStepDownAndWork() throws {
        let simulator = try SimulatorProcess(["--agents", "3", "--logged-out", "--rate", "2", "--max-protocol", "22"])
        defer { simulator.stop() }
        let result = try CLIRunner.run(["load", "--host", "127.0.0.1:\(simulator.portA)", "--host-b", "127.0.0.1:\(simulator.portB)",
                                        "--agents", "3", "--duration", "3s", "-o", "json"] + Self.quickWork, timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try Self.summary(result)
        #expect(summary["protocolVersions"] as? [Int] == [22], "\(summary)")
        #expect((summary["failures"] as? [Any])?.isEmpty == true, "\(summary)")
        #expect(Self.number(summary, "sessions", "closed") == 3)
    }

    @Test func theSimulatorsAgentsStartLoggedOutWhenAsked() throws {
        let simulator = try SimulatorProcess(["--agents", "3", "--logged-out"])
        defer { simulator.stop() }
        let agents = try simulator.reply(to: "agents", through: "1003")
        #expect(agents.count == 3)
        #expect(agents.allSatisfy { $0.contains("AGENT_STATE_LOGOUT") }, "\(agents)")
    }

    /// The `session N on SIDE: ...` lines of the simulator's `status`.
    static func openSessions(_ simulator: SimulatorProcess) throws -> Int {
        try simulator.reply(to: "status", through: "protocol versions").filter { $0.hasPrefix("session ") }.count
    }

    @Test func aKilledSideIsMeasuredUntilEveryAgentIsBack() throws {
        let result = try CLIRunner.run(["load", "--embedded", "--agents", "20", "--duration", "8s", "--call-rate", "2", "--fail-side", "A",
                                        "--at", "4s", "-o", "json"] + Self.quickWork, timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try Self.summary(result)
        let failover = try #require(summary["failover"] as? [String: Any])
        #expect(failover["side"] as? String == "A")
        #expect(failover["mode"] as? String == "kill")
        #expect(failover["lost"] as? Int == 20)
        #expect(failover["recovered"] as? Int == 20)
        #expect(failover["notBack"] as? Int == 0)
        let p99 = try #require(failover["p99Ms"] as? Double)
        #expect(p99 > 0 && p99 < 8_000)
        #expect(Self.number(summary, "sessions", "closed") == 20)
    }

    @Test func aBridgeSessionCarriesEveryAgentsWork() throws {
        let result = try CLIRunner.run(["load", "--embedded", "--agents", "20", "--duration", "6s", "--call-rate", "4", "--bridge",
                                        "--fail-side", "A", "--at", "3s", "-o", "json"] + Self.quickWork, timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try Self.summary(result)
        #expect(summary["bridge"] as? Bool == true)
        // One session, lost once with the side, reopened on B, closed at the end.
        #expect(Self.number(summary, "sessions", "opened") == 1)
        #expect(Self.number(summary, "sessions", "lost") == 1)
        #expect(Self.number(summary, "sessions", "reopened") == 1)
        #expect(Self.number(summary, "sessions", "closed") == 1)
        #expect(Self.number(summary, "calls", "answered").map { $0 > 0 } == true, "\(summary)")
        #expect((summary["failures"] as? [Any])?.isEmpty == true, "\(summary)")
        #expect(Self.number(summary, "agentsAtEnd", "closed") == 20)
        // Every agent had its events routed to it, and each was back after the failover.
        #expect(Self.number(summary, "events", "perAgent", "min").map { $0 > 0 } == true)
        // SYSTEM_EVENTs (one per peripheral, each time the session opens) are about no agent.
        #expect(Self.number(summary, "events", "forNoAgent").map { $0 >= 2 } == true, "\(summary)")
        #expect(Self.number(summary, "failover", "lost") == 20)
        #expect(Self.number(summary, "failover", "recovered") == 20)
    }

    @Test func usageErrorsAreNamed() throws {
        let cases: [([String], Int32, String)] = [
            (["load", "--embedded"], 64, "give --agents N or --agents-file FILE"),
            (["load", "--embedded", "--agents", "0"], 64, "--agents 0"),
            (["load", "--embedded", "--agents", "2", "--talk", "40-20"], 64, "the range's low end is above its high end"),
            (["load", "--embedded", "--agents", "2", "--fail-side", "C"], 64, "--fail-side 'C'"),
            (["load", "--embedded", "--agents", "2", "--at", "3s"], 64, "--at goes with --fail-side"),
            (["load", "--embedded", "--agents", "2", "--instrument", "2001"], 64, "cti load opens each agent's session itself"),
            (["load", "--embedded", "--agents", "3000"], 64, "the embedded simulator has at most 2999 agents"),
            (["load", "--embedded", "--agents-file", "/nonexistent/agents.csv"], 64, "cannot read it"),
            // A server that is not on this machine: the plan is stated, nothing connects.
            (["load", "--host", "192.0.2.1", "--agents", "2"], 64, "add --yes to run it"),
        ]
        for (arguments, status, message) in cases {
            let result = try CLIRunner.run(arguments + ["--no-config"])
            #expect(result.status == status, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(arguments)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cti-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("agents.csv").path
        try "1001,2001\n1002\n".write(toFile: file, atomically: true, encoding: .utf8)
        let malformed = try CLIRunner.run(["load", "--embedded", "--agents-file", file, "--no-config"])
        #expect(malformed.status == 65)
        #expect(malformed.stderr.contains("agents.csv:2: expected 2 to 5 fields"), "\(malformed.stderr)")
    }
}
