import CTIProtocol
import CTISimulator
import NIOCore
import Testing

/// The flood generator: every ConnectionCallID exactly once across a hand-off, and back-pressure.
@Suite struct FloodTests {
    static let duplexed = Fixtures.allEvents | Fixtures.activeStandby

    /// The clients read on demand and the simulator's buffers are small, so the flood can run
    /// only a few thousand events ahead of what the test has taken: the hand-off, started after
    /// the 500th event, lands in the middle of the 10,000 whatever the machine's load.
    @Test func floodAcrossAMaintenanceHandOffDeliversEveryEventExactlyOnce() async throws {
        try await withSimulator({ configuration in
            configuration.sendBufferSize = 8 * 1024
            configuration.writeBufferWaterMark = .init(low: 4 * 1024, high: 8 * 1024)
        }) { simulator, _ in
            let onA = try await TestClient.connect(port: simulator.port(.a), receiveBuffer: 8 * 1024, onDemand: true)
            try await onA.open(Fixtures.open(client: "bridge", services: Self.duplexed))
            try await onA.expect("SYSTEM_EVENT")
            let onB = try await TestClient.connect(port: simulator.port(.b), receiveBuffer: 8 * 1024, onDemand: true)
            try await onB.open(Fixtures.open(client: "bridge", services: Self.duplexed))

            let total = 10_000
            let flood = Task { await simulator.flood(count: total) }
            var fromA: [UInt32] = []
            var fromB: [UInt32] = []
            var maintenance: Task<MaintenanceOutcome, Never>?
            // Side A: events, then the hand-off in the middle of them.
            reading: while true {
                let message = try await onA.next(waitingFor: "side A's events")
                switch message.name {
                case "END_CALL_EVENT":
                    fromA.append(message.fields!.number(.connectionCallID)!)
                    if fromA.count == 500 { maintenance = Task { await simulator.maintenance() } }
                case "ACTIVE_MAINTENANCE_REQ_MSG":
                    let invokeID = message.fields!.number(.invokeID)!
                    try await onA.send(SessionMessages.activeMaintenanceResponse(invokeID: invokeID, accepted: true))
                case "ACTIVE_MAINTENANCE_EVENT_MSG":
                    #expect(message.fields!.number(.maintenanceModeStatus) == 1)
                    try await onA.send(SessionMessages.stoppingRequestsToThisSide())
                    break reading
                default:
                    Issue.record("unexpected \(message.name) on side A")
                }
            }
            #expect(try await onA.drainUntilClosed().isEmpty, "nothing on A after ACTIVE_MAINTENANCE_EVENT_MSG(1)")
            #expect(await maintenance?.value == .completed(newActive: .b))
            // Side B: STANDBY_ACTIVE_EVENT_MSG, then the rest.
            try await onB.expect("STANDBY_ACTIVE_EVENT_MSG")
            while fromA.count + fromB.count < total {
                fromB.append(try await onB.expect("END_CALL_EVENT").number(.connectionCallID)!)
            }
            #expect(await flood.value == total)
            #expect(await onB.nextItem(within: .milliseconds(100)) == nil)
            #expect(!fromA.isEmpty && !fromB.isEmpty, "the hand-off happened during the flood")
            if let lastA = fromA.last, let firstB = fromB.first { #expect(lastA < firstB, "A's events all come before B's") }
            #expect((fromA + fromB) == Array(1...UInt32(total)), "every ConnectionCallID once, in order, no gap")
        }
    }

    @Test func aClientThatDoesNotReadPausesTheFlood() async throws {
        try await withSimulator({ $0.sendBufferSize = 64 * 1024 }) { simulator, _ in
            let slow = try await TestClient.connect(port: simulator.port(.a), receiveBuffer: 16 * 1024)
            try await slow.open(Fixtures.open(client: "slow"))
            try await slow.expect("SYSTEM_EVENT")
            try await slow.stopReading()

            let total = 1_000_000
            let flood = Task { await simulator.flood(count: total) }
            var paused: SimulatorStatus.Flood?
            for _ in 0..<100 where paused == nil {
                try await Task.sleep(for: .milliseconds(100))
                paused = await simulator.status().floods.first { $0.paused }
            }
            let floodStatus = try #require(paused, "the flood pauses on a full connection")
            #expect(floodStatus.published < total)
            #expect(floodStatus.published < 100_000, "held back by the buffers (SO_SNDBUF 64 KB, high-water mark 256 KB), not by memory")
            try await Task.sleep(for: .milliseconds(300))
            #expect(await simulator.status().floods.first?.published == floodStatus.published, "no progress while paused")
            // The slow client goes away: the flood has nobody to wait for and finishes.
            await slow.close()
            #expect(await flood.value == total)
        }
    }

    @Test func aRateSpacesTheEvents() async throws {
        try await withSimulator { simulator, _ in
            let bridge = try await simulator.connect(.a)
            try await bridge.open(Fixtures.open(client: "bridge"))
            try await bridge.expect("SYSTEM_EVENT")
            let started = ContinuousClock.now
            #expect(await simulator.flood(count: 21, ratePerSecond: 200) == 21)
            #expect(ContinuousClock.now - started >= .milliseconds(95), "21 events at 200/s span 100 ms")
            for callID: UInt32 in 1...21 {
                #expect(try await bridge.expect("END_CALL_EVENT").number(.connectionCallID) == callID)
            }
        }
    }

    @Test func publishGoesToEveryAllEventsSessionOfTheActiveSideOnly() async throws {
        try await withSimulator { simulator, _ in
            let bridge = try await simulator.connect(.a)
            try await bridge.open(Fixtures.open(client: "bridge"))
            try await bridge.expect("SYSTEM_EVENT")
            let control = try await simulator.connect(.a)
            try await control.open(Fixtures.open(client: "control", services: Fixtures.clientControl))
            simulator.publish(SimulatedEvents.endCall(9))
            #expect(try await bridge.expect("END_CALL_EVENT").number(.connectionCallID) == 9)
            #expect(await control.nextItem(within: .milliseconds(150)) == nil)
        }
    }
}
