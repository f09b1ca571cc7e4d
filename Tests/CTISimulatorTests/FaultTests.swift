import CTIProtocol
import CTISimulator
import NIOCore
import Testing

/// Fault injection: offline, malformed, drop, hang.
@Suite struct FaultTests {
    @Test func offlineSendsFailureEventServerOffline() async throws {
        try await withSimulator { simulator, _ in
            let client = try await simulator.connect(.a)
            try await client.open(Fixtures.open(services: Fixtures.clientControl))
            #expect(await simulator.execute("offline A") == "side A: FAILURE_EVENT E_CTI_CTI_SERVER_OFFLINE (15) sent to 1 session(s)")
            #expect(try await client.expect("FAILURE_EVENT").number(.status) == 15)
        }
    }

    @Test func malformedSendsAnUndecodableOpenConf() async throws {
        try await withSimulator { simulator, _ in
            let client = try await simulator.connect(.b)
            try await client.open(Fixtures.open(services: Fixtures.allEvents | Fixtures.activeStandby))
            await simulator.sendMalformed(.b)
            do {
                _ = try await client.next()
                Issue.record("decoded a malformed frame")
            } catch TestClient.Failure.undecodable(let error) {
                #expect(error.messageName == "OPEN_CONF")
            }
        }
    }

    @Test func dropClosesEveryConnectionAndListenersStay() async throws {
        try await withSimulator { simulator, log in
            let a = try await simulator.connect(.a)
            try await a.open(Fixtures.open(services: Fixtures.clientControl))
            let b = try await simulator.connect(.b)
            // A round trip on B: the simulator has accepted the connection before the drop.
            try await b.send(Fixtures.heartbeat(1))
            #expect(try await b.expect("FAILURE_CONF").number(.status) == 4)
            await simulator.dropConnections()
            try await a.drainUntilClosed()
            try await b.drainUntilClosed()
            let again = try await simulator.connect(.a)
            try await again.open(Fixtures.open())
            #expect(log.lines(containing: "dropped (fault injection)").count == 2)
        }
    }

    @Test func hangStopsReadingUntilUnhang() async throws {
        try await withSimulator { simulator, _ in
            // Side B down: A stays active (a demoted A lets a single-session client go at
            // unhang: DemotionTests).
            await simulator.kill(.b)
            let client = try await simulator.connect(.a)
            // IdleTimeout 40 × 50 ms = 2 s: room for a stalled test process between OPEN and hang.
            try await client.open(Fixtures.open(services: Fixtures.clientControl, idleTimeout: 40))
            await simulator.hang(.a)
            try await client.send(Fixtures.heartbeat(1))
            // Hung: no answer, and no idle-timeout reset either.
            #expect(await client.nextItem(within: .milliseconds(2300)) == nil)
            #expect(client.channel.isActive)
            await simulator.unhang(.a)
            #expect(try await client.expect("HEARTBEAT_CONF").number(.invokeID) == 1)
        }
    }
}
