import CTIProtocol
import CTISimulator
import NIOCore
import Testing

/// Heartbeats, idle timeout, close and the request table on an open session (`session.md` §7-8).
@Suite struct SessionTests {
    @Test func heartbeatIsAnsweredWithItsInvokeID() async throws {
        try await withSimulator { simulator, _ in
            let client = try await simulator.connect(.a)
            try await client.open(Fixtures.open(services: Fixtures.clientControl))
            try await client.send(Fixtures.heartbeat(1234))
            #expect(try await client.expect("HEARTBEAT_CONF").number(.invokeID) == 1234)
        }
    }

    @Test func stoppedHeartbeatsAreIgnoredAndTheFirstIgnoredOneIsObservable() async throws {
        try await withSimulator { simulator, log in
            let events = simulator.events()
            // Side B down: A stays active (a demoted A lets a single-session client go when it
            // answers again: DemotionTests).
            await simulator.kill(.b)
            let client = try await simulator.connect(.a)
            try await client.open(Fixtures.open(services: Fixtures.clientControl))
            await simulator.stopHeartbeats(on: .a)
            let sent = ContinuousClock.now
            try await client.send(Fixtures.heartbeat(1))
            let ignoredAt = try await simulator.firstIgnoredHeartbeat(on: .a)
            #expect(ignoredAt >= sent)
            try await client.send(Fixtures.heartbeat(2))
            #expect(await client.nextItem(within: .milliseconds(300)) == nil, "no HEARTBEAT_CONF while stopped")
            #expect(log.lines(containing: "side A: ignoring heartbeats").count == 1, "logged once, for the first one")
            for await event in events {
                if event == .heartbeatIgnored(side: .a) { break }
            }
            await simulator.resumeHeartbeats(on: .a)
            try await client.send(Fixtures.heartbeat(3))
            #expect(try await client.expect("HEARTBEAT_CONF").number(.invokeID) == 3)
        }
    }

    @Test func closeRequestIsConfirmedThenTheServerCloses() async throws {
        try await withSimulator { simulator, log in
            let client = try await simulator.connect(.a)
            try await client.open(Fixtures.open(services: Fixtures.clientControl))
            try await client.send(SessionMessages.closeRequest(invokeID: 77))
            #expect(try await client.expect("CLOSE_CONF").number(.invokeID) == 77)
            #expect(try await client.drainUntilClosed().isEmpty)
            try await Task.sleep(for: .milliseconds(50))
            #expect(log.lines(containing: "session 1 closed (client \"tester\"): CLOSE_REQ").count == 1)
        }
    }

    /// IdleTimeout 40 with the test unit of 50 ms: the silent session is reset after ~2 s, the
    /// one that sends heartbeats every 250 ms (8 per IdleTimeout, room for a loaded machine) stays.
    @Test func idleTimeoutResetsASilentSessionOnly() async throws {
        try await withSimulator { simulator, log in
            let silent = try await simulator.connect(.a)
            // Timed from before OPEN_REQ is sent: the watchdog is armed when the server receives
            // it, so no stall of this process can make the reset look early.
            let opened = ContinuousClock.now
            try await silent.open(Fixtures.open(client: "silent", services: Fixtures.clientControl, idleTimeout: 40))
            let talker = try await simulator.connect(.a)
            try await talker.open(Fixtures.open(client: "talker", services: Fixtures.clientControl, idleTimeout: 40))

            let heartbeats = Task {
                for invokeID: UInt32 in 1...12 {
                    try await Task.sleep(for: .milliseconds(250))
                    try await talker.send(Fixtures.heartbeat(invokeID))
                    _ = try await talker.expect("HEARTBEAT_CONF")
                }
            }
            try await silent.drainUntilClosed(timeout: .seconds(15))
            let elapsed = ContinuousClock.now - opened
            #expect(elapsed >= .milliseconds(1950), "reset after \(elapsed), IdleTimeout is 40 × 50 ms; log: \(log.lines)")
            try await heartbeats.value
            #expect(talker.channel.isActive)
            #expect(log.lines(containing: "(client \"silent\"): nothing received for IdleTimeout 40 s").count == 1)
            #expect(log.lines(containing: "(client \"talker\"): nothing received").isEmpty)
        }
    }

    @Test func otherRequestsAreFunctionNotAvailableOnTheActiveSide() async throws {
        try await withSimulator { simulator, _ in
            let client = try await simulator.connect(.a)
            try await client.open(Fixtures.open(services: Fixtures.clientControl))
            var report = try MessageFields(named: "CLIENT_EVENT_REPORT_REQ")
            try report.set(.invokeID, .number(12))
            try report.set(.text, .text("hello"))
            try await client.send(report)
            var failure = try await client.expect("FAILURE_CONF")
            #expect(failure.number(.invokeID) == 12 && failure.number(.status) == 12)
            var body = ByteBuffer()
            body.writeInteger(UInt32(13))
            try await client.sendFrame(type: 60_000, body: body)
            failure = try await client.expect("FAILURE_CONF")
            #expect(failure.number(.invokeID) == 13 && failure.number(.status) == 12)
        }
    }

    @Test func anUndecodableFrameIsBadMessageFormatAndTheSessionGoesOn() async throws {
        try await withSimulator { simulator, log in
            let client = try await simulator.connect(.a)
            var body = ByteBuffer()
            body.writeInteger(UInt32(21))
            body.writeInteger(UInt32(25))
            try await client.sendFrame(type: 3, body: body)  // OPEN_REQ cut after 8 of 44 bytes
            let failure = try await client.expect("FAILURE_CONF")
            #expect(failure.number(.invokeID) == 21 && failure.number(.status) == 25)
            #expect(log.lines(containing: "malformed OPEN_REQ").count == 1)
            try await client.open(Fixtures.open())
        }
    }

    @Test func aBrokenFrameStreamResetsTheConnection() async throws {
        try await withSimulator { simulator, log in
            let client = try await simulator.connect(.a)
            var header = ByteBuffer()
            header.writeInteger(UInt32(1_000_000))  // MessageLength beyond the 65,535 accepted
            header.writeInteger(UInt32(5))
            try await client.sendBytes(header)
            try await client.drainUntilClosed()
            try await Task.sleep(for: .milliseconds(50))
            #expect(log.lines(containing: "broken frame stream").count == 1)
            #expect(await simulator.status().sessions.isEmpty)
        }
    }
}
