import CTIProtocol
import CTISimulator
import Testing
@testable import CTIClient

/// The simulator's faults against a client over loopback: each case injects one fault, checks
/// what the client did, and prints its measured recovery time (`fault-injection | ...` lines in
/// the test output; the README's fault-injection table comes from them).
@Suite(.timeLimit(.minutes(1)))
struct FaultInjectionTests {
    static func report(_ name: String, _ recovery: Duration, _ detail: String) {
        let milliseconds = Double(recovery.components.seconds) * 1000 + Double(recovery.components.attoseconds) / 1e15
        print("fault-injection | \(name) | recovered in \(Int(milliseconds.rounded())) ms | \(detail)")
    }

    /// A simulator and a client with an ALL_EVENTS session open on side A.
    static func openSession(heartbeat: Duration = .seconds(5)) async throws -> (CTISimulator, CTIClient) {
        let simulator = try await LoopbackTests.simulator()
        let client = CTIClient(configuration: LoopbackTests.configuration(simulator, heartbeat: heartbeat))
        try await client.open()
        return (simulator, client)
    }

    static func isOpened(_ event: ClientEvent, on side: CTISide? = nil) -> Bool {
        guard case .opened(let opened, _, _)? = event.lifecycle else { return false }
        return side == nil || opened == side
    }

    static func callID(_ event: ClientEvent) -> UInt32? {
        guard let fields = event.message?.fields, fields.descriptor.name == "END_CALL_EVENT" else { return nil }
        return fields.number(.connectionCallID)
    }

    @Test func sideAKilledMidStreamTheStreamGoesOnFromBWithoutDuplicates() async throws {
        let (simulator, client) = try await Self.openSession()
        var events = client.events.makeAsyncIterator()
        let total = 4000
        let flood = Task { await simulator.flood(count: total, ratePerSecond: 2000) }
        var callIDs: [UInt32] = []
        while callIDs.count < 1000, let event = await events.next() {
            if let id = Self.callID(event) { callIDs.append(id) }
        }
        // Timed by the events' own timestamps: the stream is read after the flood ends.
        let killed = WallClock.milliseconds()
        await simulator.kill(.a)
        var recovered: Int64?
        var lifecycle: [LifecycleEvent] = []
        var afterRecovery = 0
        let published = await flood.value
        // Every event published to the session on B: the flood's last call ID ends the stream.
        let lastCallID = UInt32(published)
        while callIDs.last != lastCallID, let event = await events.next() {
            if let record = event.lifecycle {
                lifecycle.append(record)
                if Self.isOpened(event, on: .b) { recovered = event.timestamp }
            }
            if let id = Self.callID(event) {
                callIDs.append(id)
                if recovered != nil { afterRecovery += 1 }
            }
        }
        let recovery = Duration.milliseconds(try #require(recovered) - killed)
        #expect(lifecycle.contains(.failedOver(from: .a, to: .b)))
        #expect(afterRecovery > 0, "the stream goes on from side B")
        #expect(Set(callIDs).count == callIDs.count, "no event twice")
        #expect(callIDs == callIDs.sorted(), "in order")
        #expect(recovery < .seconds(5))
        Self.report("side A killed mid-stream", recovery,
                    "\(callIDs.count) of \(published) events received, \(published - callIDs.count) published while no session was open, 0 duplicated")
        await client.close()
        await simulator.stop()
    }

    @Test func aHalfOpenConnectionIsDetectedByHeartbeats() async throws {
        let interval = Duration.seconds(5)
        let (simulator, client) = try await Self.openSession(heartbeat: interval)
        var events = client.events.makeAsyncIterator()
        _ = await LoopbackTests.read(&events) { $0.message?.name == "SYSTEM_EVENT" }
        let hung = ContinuousClock.now
        await simulator.hang(.a)  // side A neither reads nor answers; its TCP connection stays up
        let seen = await LoopbackTests.read(&events) { Self.isOpened($0, on: .b) }
        let recovery = ContinuousClock.now - hung
        let lifecycle = seen.compactMap(\.lifecycle)
        #expect(lifecycle.contains(.heartbeatMissed(.a, count: 3)))
        #expect(lifecycle.contains(.sessionFailed(.a, reason: "3 heartbeats unconfirmed")))
        #expect(recovery <= interval * 4 + .seconds(5), "detected within 3 unconfirmed heartbeats: \(recovery)")
        Self.report("half-open side A (hang)", recovery, "heartbeat 5 s: 3 unconfirmed, then side B")
        await client.close()
        await simulator.stop()
    }

    @Test func aMalformedMessageIsReportedAndTheSessionGoesOn() async throws {
        let (simulator, client) = try await Self.openSession()
        var events = client.events.makeAsyncIterator()
        _ = await LoopbackTests.read(&events) { $0.message?.name == "SYSTEM_EVENT" }
        let sent = ContinuousClock.now
        await simulator.sendMalformed(.a)
        let seen = await LoopbackTests.read(&events) { event in
            if case .undecodable = event.kind { return true }
            return false
        }
        guard case .undecodable(let error, _)? = seen.last?.kind else {
            Issue.record("no undecodable event: \(seen)")
            return
        }
        #expect("\(error)".contains("OPEN_CONF"), "\(error)")
        // The same session carries on: the next events arrive on it, nothing was reset.
        _ = await simulator.flood(count: 10)
        let next = await LoopbackTests.read(&events) { Self.callID($0) != nil }
        #expect(next.compactMap(\.lifecycle).isEmpty)
        #expect(await client.isOpen)
        Self.report("malformed message (OPEN_CONF cut short)", ContinuousClock.now - sent, "reported as undecodable with its bytes; session kept")
        await client.close()
        await simulator.stop()
    }

    @Test func bytesThatAreNoFrameResetTheConnectionAndTheClientReconnects() async throws {
        let (simulator, client) = try await Self.openSession()
        var events = client.events.makeAsyncIterator()
        _ = await LoopbackTests.read(&events) { $0.message?.name == "SYSTEM_EVENT" }
        let sent = ContinuousClock.now
        await simulator.sendGarbage(.a)
        let seen = await LoopbackTests.read(&events) { Self.isOpened($0) }
        let recovery = ContinuousClock.now - sent
        let failure = seen.compactMap(\.lifecycle).first { if case .sessionFailed = $0 { true } else { false } }
        guard case .sessionFailed(.a, let reason)? = failure else {
            Issue.record("no session failure on A: \(seen.compactMap(\.lifecycle))")
            return
        }
        #expect(reason.contains("MessageLength 4294967295"), "\(reason)")
        #expect(await client.isOpen)
        #expect(recovery < .seconds(5))
        Self.report("bytes that are no frame (MessageLength 0xFFFFFFFF)", recovery, "reset with \"\(reason)\"; reopened")
        await client.close()
        await simulator.stop()
    }
}
