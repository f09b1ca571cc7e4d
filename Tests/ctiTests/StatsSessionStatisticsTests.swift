import CTIClient
import CTIProtocol
import NIOCore
import Testing
@testable import CTIConsole

/// The statistics model (``SessionStatistics``), its table and JSON (``StatisticsReport``), and
/// the frame tap that feeds it (``StatisticsRecorder``), driven step by step.
@Suite struct StatsSessionStatisticsTests {
    @Test func eventsCountByTypeAndRequestsGetPercentilesOfTheirKnownRoundTrips() throws {
        var statistics = SessionStatistics(start: .zero)
        for _ in 0..<3 { statistics.event("AGENT_STATE_EVENT") }
        statistics.event("CALL_DELIVERED_EVENT")
        // 100 requests, answered after 10, 20, ... 1000 µs (exact in the histogram's range).
        for step in 1...100 {
            let sent = Duration.seconds(step)
            statistics.requestSent("SET_AGENT_STATE_REQ", invokeID: UInt32(step), connection: 1, at: sent)
            let matched = statistics.confirmation(invokeID: UInt32(step), connection: 1, at: sent + .microseconds(10 * step), outcome: .confirmed)
            #expect(matched)
        }
        #expect(statistics.events == ["AGENT_STATE_EVENT": 3, "CALL_DELIVERED_EVENT": 1])
        let trips = try #require(statistics.requests["SET_AGENT_STATE_REQ"])
        #expect(trips.count == 100)
        #expect(trips.microseconds(atPercentile: 50) == 500)
        #expect(trips.microseconds(atPercentile: 90) == 900)
        #expect(trips.microseconds(atPercentile: 99) == 990)
        #expect(trips.maximumMicroseconds == 1000)
        #expect(trips.refused == 0)
        #expect(statistics.heartbeats.count == 0)
        #expect(statistics.failures.isEmpty)
    }

    @Test func refusalsCountByCodeAndHeartbeatsKeepTheirOwnRoundTrips() {
        var statistics = SessionStatistics(start: .zero)
        statistics.requestSent("HEARTBEAT_REQ", invokeID: 1, connection: 1, at: .milliseconds(1))
        statistics.requestSent("ANSWER_CALL_REQ", invokeID: 2, connection: 1, at: .milliseconds(2))
        statistics.requestSent("QUERY_AGENT_STATE_REQ", invokeID: 3, connection: 1, at: .milliseconds(3))
        statistics.confirmation(invokeID: 1, connection: 1, at: .milliseconds(1) + .microseconds(250), outcome: .confirmed)
        statistics.confirmation(invokeID: 2, connection: 1, at: .milliseconds(3),
                                outcome: .refused(message: "CONTROL_FAILURE_CONF", code: "CF_INVALID_CSTA_CALL_IDENTIFIER"))
        statistics.confirmation(invokeID: 3, connection: 1, at: .milliseconds(5), outcome: .refused(message: "FAILURE_CONF", code: "E_CTI_INVALID_PERIPHERAL_ID"))
        #expect(statistics.heartbeats.count == 1)
        #expect(statistics.heartbeats.maximumMicroseconds == 250)
        #expect(statistics.requests["HEARTBEAT_REQ"] == nil)
        #expect(statistics.requests["ANSWER_CALL_REQ"]?.refused == 1)
        #expect(statistics.requests["ANSWER_CALL_REQ"]?.maximumMicroseconds == 1000)
        #expect(statistics.requests["QUERY_AGENT_STATE_REQ"]?.maximumMicroseconds == 2000)
        #expect(statistics.failures == [
            SessionStatistics.Failure(message: "CONTROL_FAILURE_CONF", code: "CF_INVALID_CSTA_CALL_IDENTIFIER"): 1,
            SessionStatistics.Failure(message: "FAILURE_CONF", code: "E_CTI_INVALID_PERIPHERAL_ID"): 1,
        ])
    }

    @Test func answersMatchOnlyTheirConnectionsPendingRequestsAndALostConnectionForgetsItsOwn() {
        var statistics = SessionStatistics(start: .zero)
        statistics.requestSent("QUERY_AGENT_STATE_REQ", invokeID: 7, connection: 1, at: .zero)
        statistics.requestSent("QUERY_AGENT_STATE_REQ", invokeID: 8, connection: 1, at: .zero)
        var matches: [Bool] = []
        matches.append(statistics.confirmation(invokeID: 7, connection: 2, at: .milliseconds(1), outcome: .confirmed))
        matches.append(statistics.confirmation(invokeID: 9, connection: 1, at: .milliseconds(1), outcome: .confirmed))
        statistics.connectionEnded(1)
        matches.append(statistics.confirmation(invokeID: 7, connection: 1, at: .milliseconds(1), outcome: .confirmed))
        #expect(statistics.requests.isEmpty)
        statistics.requestSent("QUERY_AGENT_STATE_REQ", invokeID: 7, connection: 2, at: .zero)
        matches.append(statistics.confirmation(invokeID: 7, connection: 2, at: .milliseconds(1), outcome: .confirmed))
        matches.append(statistics.confirmation(invokeID: 7, connection: 2, at: .milliseconds(2), outcome: .confirmed))
        #expect(matches == [false, false, false, true, false])
        #expect(statistics.requests["QUERY_AGENT_STATE_REQ"]?.count == 1)
    }

    /// A scripted session: the table and the JSON object, byte for byte.
    static func scripted() -> SessionStatistics {
        var statistics = SessionStatistics(start: .seconds(10))
        for _ in 0..<4 { statistics.event("AGENT_STATE_EVENT") }
        statistics.event("CALL_DELIVERED_EVENT")
        statistics.requestSent("SET_AGENT_STATE_REQ", invokeID: 1, connection: 1, at: .seconds(11))
        statistics.confirmation(invokeID: 1, connection: 1, at: .seconds(11) + .microseconds(1500), outcome: .confirmed)
        statistics.requestSent("ANSWER_CALL_REQ", invokeID: 2, connection: 1, at: .seconds(12))
        statistics.confirmation(invokeID: 2, connection: 1, at: .seconds(12) + .microseconds(800),
                                outcome: .refused(message: "CONTROL_FAILURE_CONF", code: "CF_INVALID_CSTA_CALL_IDENTIFIER"))
        statistics.requestSent("HEARTBEAT_REQ", invokeID: 3, connection: 1, at: .seconds(13))
        statistics.confirmation(invokeID: 3, connection: 1, at: .seconds(13) + .microseconds(120), outcome: .confirmed)
        return statistics
    }

    @Test func theTableShowsEachTypeRateRoundTripsAndFailures() {
        let lines = StatisticsReport(Self.scripted(), at: .seconds(12)).lines
        #expect(lines == [
            "stats: 2.0 s",
            "events                                       count     per s",
            "  AGENT_STATE_EVENT                              4       2.0",
            "  CALL_DELIVERED_EVENT                           1       0.5",
            "  total                                          5       2.5",
            "requests                                     count    p50 ms    p90 ms    p99 ms    max ms   refused",
            "  ANSWER_CALL_REQ                                1     0.800     0.800     0.800     0.800         1",
            "  SET_AGENT_STATE_REQ                            1     1.500     1.500     1.500     1.500         0",
            "heartbeat round trip                         count    p50 ms    p90 ms    p99 ms    max ms   refused",
            "  HEARTBEAT_REQ                                  1     0.120     0.120     0.120     0.120         0",
            "failures                                     count",
            "  CONTROL_FAILURE_CONF CF_INVALID_CSTA_CALL_IDENTIFIER          1",
        ])
        let empty = StatisticsReport(SessionStatistics(start: .zero), at: .zero).lines
        #expect(empty.contains("  (none yet)"))
        #expect(empty.filter { $0 == "  (none)" }.count == 2)
    }

    @Test func theJSONObjectIsOneSTATSLine() {
        let json = StatisticsReport(Self.scripted(), at: .seconds(12)).json
        #expect(json == #"{"type":"STATS","seconds":2.000,"events":{"AGENT_STATE_EVENT":{"count":4,"perSecond":2.000},"CALL_DELIVERED_EVENT":{"count":1,"perSecond":0.500}},"#
            + #""requests":{"ANSWER_CALL_REQ":{"count":1,"p50Ms":0.800,"p90Ms":0.800,"p99Ms":0.800,"maxMs":0.800,"refused":1},"#
            + #""SET_AGENT_STATE_REQ":{"count":1,"p50Ms":1.500,"p90Ms":1.500,"p99Ms":1.500,"maxMs":1.500,"refused":0}},"#
            + #""heartbeat":{"count":1,"p50Ms":0.120,"p90Ms":0.120,"p99Ms":0.120,"maxMs":0.120,"refused":0},"#
            + #""failures":[{"message":"CONTROL_FAILURE_CONF","code":"CF_INVALID_CSTA_CALL_IDENTIFIER","count":1}]}"#)
        #expect(StatisticsReport(SessionStatistics(start: .zero), at: .zero).json
            == #"{"type":"STATS","seconds":0.000,"events":{},"requests":{},"heartbeat":null,"failures":[]}"#)
    }

    /// The tap: requests going out, answers coming in split across reads and several to a read.
    @Test func theTapMatchesAnswersCutFromTheByteStreamToTheirRequests() throws {
        let recorder = StatisticsRecorder(version: .v25)
        let encoder = CTIMessageEncoder(version: .v25)
        let connection = FrameTapConnection(id: 1, side: .a, local: try SocketAddress(ipAddress: "127.0.0.1", port: 40000),
                                            remote: try SocketAddress(ipAddress: "127.0.0.1", port: 42027))
        let tap = recorder.tap(then: nil)
        func event(_ kind: FrameTapEvent.Kind) -> FrameTapEvent { FrameTapEvent(kind: kind, connection: connection, time: .zero) }
        tap(event(.connected))
        tap(event(.sent(try encoder.encode(SessionMessages.heartbeatRequest(invokeID: 1)))))
        tap(event(.sent(try encoder.encode(SessionMessages.closeRequest(invokeID: 2)))))
        var answers = try encoder.encode(SessionMessages.heartbeatConfirmation(invokeID: 1))
        answers.writeImmutableBuffer(try encoder.encode(SessionMessages.failureConfirmation(invokeID: 2, status: .invalidPeripheralID)))
        // A confirmation nothing waits for changes nothing.
        answers.writeImmutableBuffer(try encoder.encode(SessionMessages.heartbeatConfirmation(invokeID: 9)))
        let cut = 12 + 5  // HEARTBEAT_CONF (12 bytes), then inside FAILURE_CONF
        tap(event(.received(answers.getSlice(at: 0, length: cut)!)))
        #expect(recorder.snapshot().statistics.heartbeats.count == 1)
        #expect(recorder.snapshot().statistics.requests.isEmpty)
        tap(event(.received(answers.getSlice(at: cut, length: answers.readableBytes - cut)!)))
        let statistics = recorder.snapshot().statistics
        #expect(statistics.requests["CLOSE_REQ"]?.count == 1)
        #expect(statistics.requests["CLOSE_REQ"]?.refused == 1)
        #expect(statistics.failures == [SessionStatistics.Failure(message: "FAILURE_CONF", code: "E_CTI_INVALID_PERIPHERAL_ID"): 1])
        #expect(statistics.heartbeats.count == 1)
        tap(event(.disconnected))
    }
}
