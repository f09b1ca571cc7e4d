import CTIProtocol
import CTISimulator
import NIOCore
import Testing

/// A side that becomes standby lets its single-session clients go (FAILURE_EVENT
/// E_CTI_CTI_SERVER_OFFLINE, connection closed) and keeps its ACTIVE_STANDBY sessions as standby
/// sessions; a side that cannot talk when demoted does it when it can again (`session.md` §9).
@Suite struct DemotionTests {
    /// A single-session and an ACTIVE_STANDBY client, both open on the active side A.
    static func twoClientsOnA(_ simulator: CTISimulator) async throws -> (single: TestClient, duplexed: TestClient) {
        let single = try await simulator.connect(.a)
        try await single.open(Fixtures.open(client: "single"))
        try await single.expect("SYSTEM_EVENT")
        let duplexed = try await simulator.connect(.a)
        try await duplexed.open(Fixtures.open(client: "duplexed", services: ActiveStandbyTests.duplexed))
        try await duplexed.expect("SYSTEM_EVENT")
        return (single, duplexed)
    }

    @Test func aHungSideDemotedWhileHungReleasesItsSingleSessionClientsWhenUnhung() async throws {
        try await withSimulator { simulator, log in
            let (single, duplexed) = try await Self.twoClientsOnA(simulator)
            await simulator.hang(.a)
            #expect(await simulator.status().activeSide == .b)
            #expect(await single.nextItem(within: .milliseconds(150)) == nil, "a hung side says nothing")
            await simulator.unhang(.a)
            let told = try await single.drainUntilClosed()
            #expect(told.map(\.name) == ["FAILURE_EVENT"])
            #expect(told.first?.fields?.number(.status) == 15)
            // The ACTIVE_STANDBY session stays, as a standby one: heartbeats answered, no events.
            try await duplexed.send(Fixtures.heartbeat(9))
            #expect(try await duplexed.expect("HEARTBEAT_CONF").number(.invokeID) == 9)
            simulator.publish(SimulatedEvents.endCall(7))
            #expect(await duplexed.nextItem(within: .milliseconds(150)) == nil)
            #expect(log.lines(containing: "standby: FAILURE_EVENT E_CTI_CTI_SERVER_OFFLINE (15) to 1 single-session client(s)").count == 1)
        }
    }

    @Test func aSideWhoseHeartbeatsStoppedReleasesItsClientsWhenItAnswersAgain() async throws {
        try await withSimulator { simulator, _ in
            let (single, _) = try await Self.twoClientsOnA(simulator)
            await simulator.stopHeartbeats(on: .a)
            #expect(await simulator.status().activeSide == .b)
            #expect(await single.nextItem(within: .milliseconds(150)) == nil)
            await simulator.resumeHeartbeats(on: .a)
            #expect(try await single.drainUntilClosed().map(\.name) == ["FAILURE_EVENT"])
        }
    }

    @Test func aServingSideThatIsDemotedReleasesItsClientsAtOnceAndTheActiveSideIsUntouched() async throws {
        try await withSimulator { simulator, _ in
            // B is standby while A serves; B hangs and comes back: nothing to release on B, and
            // the sessions of the active side A stay open.
            let (single, _) = try await Self.twoClientsOnA(simulator)
            await simulator.hang(.b)
            await simulator.unhang(.b)
            simulator.publish(SimulatedEvents.endCall(3))
            #expect(try await single.expect("END_CALL_EVENT").number(.connectionCallID) == 3)
        }
    }
}
