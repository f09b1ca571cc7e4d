import CTIProtocol
import CTISimulator
import Testing
@testable import CTIClient

/// ``CTIClient/reconnectNow(to:)`` and ``CTIClient/status()`` over loopback sockets.
@Suite(.timeLimit(.minutes(1)))
struct ReconnectStatusLoopbackTests {
    @Test func reconnectNowReopensOnTheSameSideOrTheNamedOne() async throws {
        let simulator = try await LoopbackTests.simulator()
        let client = CTIClient(configuration: LoopbackTests.configuration(simulator))
        try await client.open()
        var events = client.events.makeAsyncIterator()
        _ = await LoopbackTests.read(&events) { $0.lifecycle?.name == "opened" }
        // The same side again: reset and reopened at once, not counted as a failure.
        #expect(await client.reconnectNow(to: .a))
        let again = await LoopbackTests.read(&events) { $0.lifecycle?.name == "opened" }
        #expect(again.compactMap(\.lifecycle).map(\.name) == ["closed", "connecting", "connected", "opened"], "\(again.compactMap(\.lifecycle))")
        #expect(await client.activeSide == .a)
        // The other side is standby: it refuses a single-session client, which goes back to A.
        #expect(await client.reconnectNow())
        let other = await LoopbackTests.read(&events) { $0.lifecycle?.name == "opened" }
        #expect(other.compactMap(\.lifecycle).map { "\($0.side.map(\.rawValue) ?? "-") \($0.name)" }
                == ["A closed", "B connecting", "B connected", "B open-refused", "B connect-failed", "A connecting", "A connected", "A opened"])
        let status = try #require(await client.status())
        #expect(status.sessionsOpened == 3)
        #expect(status.states == [.a: .open, .b: .idle])
        await client.close()
        #expect(await client.reconnectNow() == false, "nothing to reconnect once closed")
        await simulator.stop()
    }

    @Test func statusCountsMessagesTimesTheHeartbeatAndTheFailover() async throws {
        let simulator = try await LoopbackTests.simulator()
        let client = CTIClient(configuration: LoopbackTests.configuration(simulator, heartbeat: .seconds(5)))
        let before = try #require(await client.status())
        #expect(before.sessionsOpened == 0 && before.sessionUptime == nil && before.peripheralOnline == nil)
        try await client.open()
        var events = client.events.makeAsyncIterator()
        _ = await LoopbackTests.read(&events) { $0.message?.name == "SYSTEM_EVENT" }
        #expect(await simulator.flood(count: 25) == 25)
        _ = await LoopbackTests.read(&events) { $0.message?.fields?.number(.connectionCallID) == 25 }
        var status = try #require(await client.status())
        #expect(status.messagesReceived == 26, "SYSTEM_EVENT and 25 END_CALL_EVENTs")
        #expect(status.side == .a && status.endpoint?.port == simulator.port(.a))
        #expect(status.peripheralOnline == true)
        #expect(status.sessionUptime != nil && status.sinceLastFailover == nil)
        #expect(status.heartbeatInterval == .seconds(5) && status.lastHeartbeatRoundTrip == nil)
        // The first heartbeat goes out after 5 s.
        try await Task.sleep(for: .milliseconds(5500))
        status = try #require(await client.status())
        let roundTrip = try #require(status.lastHeartbeatRoundTrip)
        #expect(roundTrip > .zero && roundTrip < .seconds(1))
        #expect(status.sessionUptime! >= .seconds(5))
        // A failover is timed from its lifecycle record.
        await simulator.kill(.a)
        _ = await LoopbackTests.read(&events) { $0.lifecycle?.name == "failed-over" }
        status = try #require(await client.status())
        #expect(status.side == .b)
        #expect(try #require(status.sinceLastFailover) < .seconds(1))
        #expect(status.sessionsOpened == 2)
        await client.close()
        await simulator.stop()
    }
}
