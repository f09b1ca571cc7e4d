@testable import CTIConsole
import CTIProtocol
import Foundation
import Testing

/// The summary of a run from statistics built by hand: its figures, its JSON and its exit status.
@Suite struct LoadReportTests {
    static let plan = LoadPlan(agents: LoadAgent.numbered(2, firstAgentID: 1001, firstInstrument: 2001), model: .standard,
                               duration: .seconds(10), ramp: .zero, makeRate: 0, persistent: false, failure: nil, failAt: .seconds(5), seed: 1)

    static func outcome(_ statistics: LoadStatistics, end: LoadRun.End = .duration, failedAt: Duration? = nil) -> LoadRun.Outcome {
        LoadRun.Outcome(statistics: statistics, elapsed: .seconds(10), stopTime: .milliseconds(200), end: end, failedAt: failedAt, aborted: 0)
    }

    /// Two agents that worked: 2 answers of 1 and 3 ms, a refusal, events.
    static var worked: LoadStatistics {
        var statistics = LoadStatistics(agents: 2)
        for index in 0..<2 {
            statistics.sessionOpened(again: false)
            statistics.move(index, to: .closed)
            statistics.sessionClosed()
        }
        statistics.request("ANSWER_CALL_REQ", latency: .milliseconds(1), refusal: nil)
        statistics.request("ANSWER_CALL_REQ", latency: .milliseconds(3), refusal: nil)
        statistics.request("SET_AGENT_STATE_REQ", latency: .milliseconds(2), refusal: nil, stopping: true)
        statistics.event(0, "AGENT_STATE_EVENT")
        statistics.event(0, "AGENT_STATE_EVENT")
        statistics.event(1, "CALL_DELIVERED_EVENT")
        statistics.spoke(25)
        statistics.spoke(23)
        statistics.spoke(25)
        statistics.calls.offered = 2
        statistics.calls.answered = 2
        return statistics
    }

    @Test func aCleanRunExitsZeroAndItsJSONHasEveryFigure() throws {
        let report = LoadReport(outcome: Self.outcome(Self.worked), plan: Self.plan, target: "the embedded simulator")
        #expect(report.exitCode == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
        #expect(object["type"] as? String == "LOAD_SUMMARY")
        #expect(object["agents"] as? Int == 2)
        #expect(object["protocolVersions"] as? [Int] == [23, 25])
        #expect(report.lines.first?.hasPrefix("cti load: 2 agents (a session each, protocol 23, 25) for 10.0 s against the embedded simulator") == true)
        let answer = try #require((object["requests"] as? [String: [String: Any]])?["ANSWER_CALL_REQ"])
        #expect(answer["count"] as? Int == 2)
        #expect(answer["p50Ms"] as? Double == 1.0)
        // HdrHistogram with three significant digits: the top of the bucket 3 ms falls in.
        #expect((answer["maxMs"] as? Double).map { abs($0 - 3) < 0.005 } == true)
        let stop = try #require((object["stopRequests"] as? [String: [String: Any]])?["SET_AGENT_STATE_REQ"])
        #expect(stop["count"] as? Int == 1)
        let events = try #require(object["events"] as? [String: Any])
        #expect(events["total"] as? Int == 3)
        #expect((events["perAgent"] as? [String: Any])?["min"] as? Int == 1)
        #expect((events["perAgent"] as? [String: Any])?["max"] as? Int == 2)
        #expect(object["failover"] is NSNull)
        #expect((object["agentsAtEnd"] as? [String: Any])?["closed"] as? Int == 2)
        let text = report.lines.joined(separator: "\n")
        #expect(text.contains("  ANSWER_CALL_REQ                                2         0     1.000"), "\(text)")
        #expect(text.contains("events: 3 received; per agent min 1, median 2, max 2, mean 1.5"), "\(text)")
    }

    @Test func theExitStatusSaysWhatWentWrong() {
        var refused = Self.worked
        refused.request("SET_AGENT_STATE_REQ", latency: .milliseconds(1),
                        refusal: SessionStatistics.Failure(message: "SET_AGENT_STATE_REQ", code: "CF_INVALID_AGENT_ID_SPECIFIED"))
        #expect(LoadReport(outcome: Self.outcome(refused), plan: Self.plan, target: "x").exitCode == 1)
        var timedOut = Self.worked
        timedOut.unanswered("ANSWER_CALL_REQ", timedOut: true, reason: "no confirmation in time")
        #expect(LoadReport(outcome: Self.outcome(timedOut), plan: Self.plan, target: "x").exitCode == 1)
        var lostConnection = Self.worked
        lostConnection.unanswered("ANSWER_CALL_REQ", timedOut: false, reason: "connection lost")
        #expect(LoadReport(outcome: Self.outcome(lostConnection), plan: Self.plan, target: "x").exitCode == 0)
        var neverOpened = Self.worked
        neverOpened.openFailed("OPEN_REQ refused: E_CTI_INVALID_PASSWORD")
        #expect(LoadReport(outcome: Self.outcome(neverOpened), plan: Self.plan, target: "x").exitCode == 2)
        var notBack = Self.worked
        notBack.agentLost()
        notBack.agentLost()
        notBack.recovered(after: .seconds(1))
        let report = LoadReport(outcome: Self.outcome(notBack), plan: Self.plan, target: "x")
        #expect(report.exitCode == 2)
        #expect(report.lines.last?.contains("2 agents lost their session, 1 back with their state learned, 1 not back") == true)
        #expect(LoadReport(outcome: Self.outcome(refused, end: .signal(2)), plan: Self.plan, target: "x").exitCode == 130)
    }

    @Test func theFailoverIsMeasuredFromTheInjectedFailure() throws {
        var statistics = Self.worked
        for seconds in [1, 2] {
            statistics.agentLost()
            statistics.recovered(after: .seconds(seconds))
        }
        var plan = Self.plan
        plan.failure = SideFailure(side: .a, mode: .kill)
        let report = LoadReport(outcome: Self.outcome(statistics, failedAt: .seconds(5)), plan: plan, target: "x")
        #expect(report.exitCode == 0)
        let line = try #require(report.lines.last)
        #expect(line.hasPrefix("failover: side A killed at 5.0 s; 2 agents lost their session, 2 back with their state learned"), "\(line)")
        #expect(line.contains("p50 1.000 s"), "\(line)")
        #expect(line.contains("max 2.001 s"), "\(line)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
        let failover = try #require(object["failover"] as? [String: Any])
        #expect(failover["side"] as? String == "A")
        #expect(failover["mode"] as? String == "kill")
        #expect(failover["recovered"] as? Int == 2)
        #expect((failover["maxMs"] as? Double).map { abs($0 - 2000) < 2 } == true)
    }

    @Test func theProgressLineCountsAgentsCallsAndTheRate() {
        var statistics = LoadStatistics(agents: 3)
        statistics.move(0, to: .available)
        statistics.move(1, to: .onCall)
        statistics.move(2, to: .available)
        statistics.calls.offered = 4
        statistics.calls.answered = 3
        var progress = LoadProgressLine()
        for _ in 0..<10 { statistics.request("ANSWER_CALL_REQ", latency: .milliseconds(2), refusal: nil) }
        #expect(progress.line(statistics, at: .seconds(2))
                == "2 s | agents: 2 available, 1 on-call | calls 4 offered, 3 answered | 5.0 req/s | refused 0 | p99 2.000 ms")
        for _ in 0..<4 { statistics.request("ANSWER_CALL_REQ", latency: .milliseconds(2), refusal: nil) }
        #expect(progress.line(statistics, at: .seconds(4)).contains("| 2.0 req/s |"))
    }
}
