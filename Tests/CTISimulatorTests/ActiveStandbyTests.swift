import CTIProtocol
import CTISimulator
import NIOCore
import Testing

/// The duplexed pair: standby rules, kill/revive, and the maintenance hand-off (`session.md` §9).
@Suite struct ActiveStandbyTests {
    static let duplexed = Fixtures.allEvents | Fixtures.activeStandby

    @Test func standbySideAcceptsOnlyActiveStandbyClientsAndOnlyHeartbeatAndClose() async throws {
        try await withSimulator { simulator, _ in
            let client = try await simulator.connect(.b)
            #expect(try await client.openRefused(Fixtures.open(services: Fixtures.allEvents).fields).status == 107)
            // Before 24 there is no active/standby: the PV25 guide sends such a client to the active side (15);
            // CTI_SERVICE_ACTIVE_STANDBY is a PV24 bit, not in protocol 23 (49).
            #expect(try await client.openRefused(Fixtures.open(services: Fixtures.allEvents, version: 23).fields).status == 15)
            #expect(try await client.openRefused(Fixtures.open(services: Self.duplexed, version: 23).fields).status == 49)
            #expect(try await client.openRefused(Fixtures.open(services: Self.duplexed, version: 19).fields).status == 1)
            let conf = try await client.open(Fixtures.open(services: Self.duplexed, version: 24))
            #expect(conf.number(.sessionType) == 2)
            #expect(await client.nextItem(within: .milliseconds(100)) == nil, "no SYSTEM_EVENT from a standby side")
            try await client.send(Fixtures.heartbeat(5))
            #expect(try await client.expect("HEARTBEAT_CONF").number(.invokeID) == 5)
            var report = try MessageFields(named: "CLIENT_EVENT_REPORT_REQ")
            try report.set(.invokeID, .number(6))
            try report.set(.text, .text("x"))
            try await client.send(report)
            let failure = try await client.expect("FAILURE_CONF")
            #expect(failure.number(.invokeID) == 6 && failure.number(.status) == 92)
            simulator.publish(SimulatedEvents.endCall(1))
            #expect(await client.nextItem(within: .milliseconds(150)) == nil, "standby sessions get no events")
            try await client.send(SessionMessages.closeRequest(invokeID: 7))
            #expect(try await client.expect("CLOSE_CONF").number(.invokeID) == 7)
        }
    }

    @Test func killingTheActiveSideMakesTheOtherActiveAndReviveComesBackAsStandby() async throws {
        try await withSimulator { simulator, log in
            let onA = try await simulator.connect(.a)
            try await onA.open(Fixtures.open(client: "bridge", services: Self.duplexed))
            try await onA.expect("SYSTEM_EVENT")
            let onB = try await simulator.connect(.b)
            try await onB.open(Fixtures.open(client: "bridge", services: Self.duplexed))

            await simulator.kill(.a)
            try await onA.drainUntilClosed()
            try await onB.expect("STANDBY_ACTIVE_EVENT_MSG")
            #expect(await simulator.status().activeSide == .b)
            simulator.publish(SimulatedEvents.endCall(42))
            #expect(try await onB.expect("END_CALL_EVENT").number(.connectionCallID) == 42)
            #expect(log.lines(containing: "side B: active (side A killed)").count == 1)

            let portA = simulator.port(.a)
            await #expect(throws: (any Error).self) { try await simulator.connect(.a) }
            try await simulator.revive(.a)
            #expect(simulator.port(.a) == portA)
            let again = try await simulator.connect(.a)
            #expect(try await again.openRefused(Fixtures.open(services: Fixtures.allEvents).fields).status == 107)
            #expect(try await again.open(Fixtures.open(services: Self.duplexed)).number(.sessionType) == 2)
        }
    }

    @Test func maintenanceHandOffRunsRequestResponseEventStandbyActiveStoppingClose() async throws {
        try await withSimulator { simulator, log in
            let onA = try await simulator.connect(.a)
            try await onA.open(Fixtures.open(client: "bridge", services: Self.duplexed))
            try await onA.expect("SYSTEM_EVENT")
            let onB = try await simulator.connect(.b)
            try await onB.open(Fixtures.open(client: "bridge", services: Self.duplexed))
            let plain = try await simulator.connect(.a)
            try await plain.open(Fixtures.open(client: "legacy", services: Fixtures.allEvents))
            try await plain.expect("SYSTEM_EVENT")

            let outcome = Task { await simulator.maintenance() }
            let request = try await onA.expect("ACTIVE_MAINTENANCE_REQ_MSG")
            // During the hand-off, a new OPEN_REQ on the old side gets 110.
            let late = try await simulator.connect(.a)
            #expect(try await late.openRefused(Fixtures.open(client: "late", services: Self.duplexed).fields).status == 110)

            try await onA.send(SessionMessages.activeMaintenanceResponse(invokeID: request.number(.invokeID)!, accepted: true))
            #expect(try await onA.expect("ACTIVE_MAINTENANCE_EVENT_MSG").number(.maintenanceModeStatus) == 1)
            try await onB.expect("STANDBY_ACTIVE_EVENT_MSG")
            #expect(await outcome.value == .completed(newActive: .b))
            #expect(await simulator.status().activeSide == .b)
            #expect(await plain.nextItem(within: .milliseconds(100)) == nil, "a client without ACTIVE_STANDBY is not asked")

            try await onA.send(SessionMessages.stoppingRequestsToThisSide())
            #expect(try await onA.drainUntilClosed().isEmpty)
            // The legacy session is closed with 110 once every ACTIVE_STANDBY client has stopped.
            #expect(try await plain.drainUntilClosed().map(\.fields?.fixed) == [[110]])
            try await Task.sleep(for: .milliseconds(50))
            #expect(log.lines(containing: "closed (client \"bridge\"): STOPPING_REQUESTS_TO_THIS_SIDE_IND").count == 1)
            #expect(log.lines(containing: "side A: maintenance finished").count == 1)
            let back = try await simulator.connect(.a)
            #expect(try await back.open(Fixtures.open(client: "next", services: Self.duplexed)).number(.sessionType) == 2)
        }
    }

    @Test func aRejectionCancelsTheHandOff() async throws {
        try await withSimulator { simulator, _ in
            let yes = try await simulator.connect(.a)
            try await yes.open(Fixtures.open(client: "yes", services: Self.duplexed))
            try await yes.expect("SYSTEM_EVENT")
            let no = try await simulator.connect(.a)
            try await no.open(Fixtures.open(client: "no", services: Self.duplexed))
            try await no.expect("SYSTEM_EVENT")
            let outcome = Task { await simulator.maintenance() }
            let first = try await yes.expect("ACTIVE_MAINTENANCE_REQ_MSG")
            let second = try await no.expect("ACTIVE_MAINTENANCE_REQ_MSG")
            #expect(first.number(.invokeID) != second.number(.invokeID))
            try await yes.send(SessionMessages.activeMaintenanceResponse(invokeID: first.number(.invokeID)!, accepted: true))
            try await no.send(SessionMessages.activeMaintenanceResponse(invokeID: second.number(.invokeID)!, accepted: false))
            #expect(try await yes.expect("ACTIVE_MAINTENANCE_EVENT_MSG").number(.maintenanceModeStatus) == 0)
            #expect(try await no.expect("ACTIVE_MAINTENANCE_EVENT_MSG").number(.maintenanceModeStatus) == 0)
            #expect(await outcome.value == .cancelled(rejectedBy: ["no"]))
            #expect(await simulator.status().activeSide == .a)
            let fresh = try await simulator.connect(.a)
            try await fresh.open(Fixtures.open(client: "fresh", services: Self.duplexed))
        }
    }

    @Test func silenceIsARejection() async throws {
        try await withSimulator({ $0.maintenanceResponseTimeout = .milliseconds(300) }) { simulator, log in
            let quiet = try await simulator.connect(.a)
            try await quiet.open(Fixtures.open(client: "quiet", services: Self.duplexed))
            try await quiet.expect("SYSTEM_EVENT")
            let started = ContinuousClock.now
            #expect(await simulator.maintenance() == .cancelled(rejectedBy: ["quiet"]))
            #expect(ContinuousClock.now - started >= .milliseconds(250))
            try await quiet.expect("ACTIVE_MAINTENANCE_REQ_MSG")
            #expect(try await quiet.expect("ACTIVE_MAINTENANCE_EVENT_MSG").number(.maintenanceModeStatus) == 0)
            #expect(log.lines(containing: "maintenance cancelled (rejected or unanswered by \"quiet\")").count == 1)
        }
    }

    @Test func maintenanceNeedsTheOtherSide() async throws {
        try await withSimulator { simulator, _ in
            await simulator.kill(.b)
            #expect(await simulator.maintenance() == .refused("side B is down: no side to hand over to"))
        }
    }
}

/// Events the tests publish.
enum SimulatedEvents {
    static func endCall(_ callID: UInt32) -> CTIMessage {
        var fields = try! MessageFields(named: "END_CALL_EVENT")
        try! fields.set(.peripheralID, .number(5000))
        try! fields.set(.connectionCallID, .number(callID))
        try! fields.set(.connectionDeviceID, .text("2001"))
        return .fields(fields)
    }
}
