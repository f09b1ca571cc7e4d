import Foundation
import Testing

/// `cti watch --stats [SECONDS]` and the REPL's / script's `stats`, run as a user runs them:
/// the built `cti` against `cti simulate` in another process.
@Suite(.timeLimit(.minutes(5)))
struct StatsCommandTests {
    static func hosts(_ simulator: SimulatorProcess) -> [String] {
        ["--no-config", "--host", "127.0.0.1:\(simulator.portA)", "--host-b", "127.0.0.1:\(simulator.portB)"]
    }

    /// The `  NAME   COUNT ...` rows of one section of the table.
    static func rows(_ section: String, in text: String) -> [String: [String]] {
        var rows: [String: [String]] = [:]
        var inside = false
        for line in text.split(separator: "\n").map(String.init) {
            if !line.hasPrefix(" ") {
                inside = line.hasPrefix(section)
                continue
            }
            guard inside else { continue }
            let cells = line.split(separator: " ").map(String.init)
            if let name = cells.first { rows[name] = Array(cells.dropFirst()) }
        }
        return rows
    }

    @Test func watchStatsCountsTheEventsItPrintedByType() throws {
        let simulator = try SimulatorProcess(["--rate", "10"])
        defer { simulator.stop() }
        let watch = try CLIRunner.run(["watch", "--stats", "--count", "30", "-o", "json", "-q"] + Self.hosts(simulator), timeout: 60)
        #expect(watch.status == 0, "\(watch.stderr)")
        let lines = watch.stdoutLines
        #expect(lines.count == 31, "\(watch.stdout)")
        var printed: [String: Int] = [:]
        for line in lines.dropLast() {
            let type = try #require(try CLIRunner.json(line)["type"] as? String)
            printed[type, default: 0] += 1
        }
        // stdout: the events, then one STATS object with the same counts.
        let stats = try CLIRunner.json(try #require(lines.last))
        #expect(stats["type"] as? String == "STATS")
        let events = try #require(stats["events"] as? [String: [String: Any]])
        #expect(events.mapValues { $0["count"] as? Int } == printed.mapValues { Optional($0) })
        #expect(stats["requests"] is [String: Any])
        #expect(stats["failures"] is [Any])
        // stderr: the table, a row per type seen with its count, and the total.
        let table = Self.rows("events", in: watch.stderr)
        #expect(table.filter { $0.key != "total" }.mapValues { $0.first } == printed.mapValues { Optional(String($0)) }, "\(watch.stderr)")
        #expect(table["total"]?.first == "30")
        #expect(watch.stderr.contains("heartbeat round trip"))
    }

    @Test func watchStatsWithSecondsAlsoPrintsTheTableAsItGoesOnStderrOnly() throws {
        let simulator = try SimulatorProcess(["--rate", "10"])
        defer { simulator.stop() }
        let watch = try CLIRunner.run(["watch", "--stats", "0.2", "--timeout", "2", "-q"] + Self.hosts(simulator), timeout: 60)
        #expect(watch.status == 0, "\(watch.stderr)")
        #expect(watch.stderr.components(separatedBy: "\nevents ").count - 1 >= 2, "\(watch.stderr)")
        #expect(!watch.stdout.contains("stats:"))
        #expect(!watch.stdout.contains("STATS"))
    }

    @Test func scriptStatsShowsTheRequestTypeSentAndItsRefusals() throws {
        // The embedded simulator (no server configured); the refused line does not stop the script.
        let result = try CLIRunner.run(["--continue-on-error", "-c", "open -q --services ALL_EVENTS,CLIENT_CONTROL", "-c", "watch --off",
                                        "-c", "agent ready --instrument 2002 --agent-id 1002",
                                        "-c", "call answer 99999 --instrument 2001", "-c", "stats"],
                                       environment: SessionCommandTests.isolated, timeout: 60)
        let requests = Self.rows("requests", in: result.stdout)
        #expect(requests["SET_AGENT_STATE_REQ"]?.first == "1", "\(result.stdout)\n\(result.stderr)")
        #expect(requests["SET_AGENT_STATE_REQ"]?.last == "0")
        #expect(requests["ANSWER_CALL_REQ"]?.first == "1")
        #expect(requests["ANSWER_CALL_REQ"]?.last == "1")
        let failures = Self.rows("failures", in: result.stdout)
        #expect(failures["CONTROL_FAILURE_CONF"] == ["CF_INVALID_CSTA_CALL_IDENTIFIER", "1"], "\(result.stdout)")
    }

    @Test func oneShotStatsIsAUsageErrorAndBadSecondsAreToo() throws {
        let environment = SessionCommandTests.isolated
        let oneShot = try CLIRunner.run(["stats"], environment: environment)
        #expect(oneShot.status == 64)
        #expect(oneShot.stderr.contains("only in the REPL or a script"), "\(oneShot.stderr)")
        let negative = try CLIRunner.run(["watch", "--stats", "-1", "--count", "1"], environment: environment)
        #expect(negative.status == 64, "\(negative.stderr)")
        let word = try CLIRunner.run(["watch", "--stats", "often", "--count", "1"], environment: environment)
        #expect(word.status == 64, "\(word.stderr)")
    }
}
