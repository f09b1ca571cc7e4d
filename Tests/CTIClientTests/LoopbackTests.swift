import CTIProtocol
import Foundation
import CTISimulator
import NIOCore
import Testing
@testable import CTIClient

/// CTIClient against CTISimulator over real loopback sockets (ports bound to 0).
@Suite(.timeLimit(.minutes(1)))
struct LoopbackTests {
    /// A started simulator on ephemeral ports.
    static func simulator(_ configure: (inout SimulatorConfiguration) -> Void = { _ in }) async throws -> CTISimulator {
        var configuration = SimulatorConfiguration.ephemeral()
        configure(&configuration)
        let simulator = CTISimulator(configuration: configuration)
        try await simulator.start()
        return simulator
    }

    static func configuration(_ simulator: CTISimulator, services: UInt32 = 0x10, heartbeat: Duration? = .seconds(5),
                              _ configure: (inout ClientConfiguration) -> Void = { _ in }) -> ClientConfiguration {
        var configuration = ClientConfiguration(
            sideA: Endpoint(host: "127.0.0.1", port: simulator.port(.a)!),
            sideB: Endpoint(host: "127.0.0.1", port: simulator.port(.b)!),
            open: OpenRequest(servicesRequested: services, clientID: "loopback-\(UInt32.random(in: 0...UInt32.max))"),
            heartbeatInterval: heartbeat, initialOpenDeadline: .seconds(10))
        configure(&configuration)
        return configuration
    }

    /// Reads events until `predicate` holds for one; returns all read so far.
    static func read(_ iterator: inout ClientEventStream.AsyncIterator, until predicate: (ClientEvent) -> Bool) async -> [ClientEvent] {
        var seen: [ClientEvent] = []
        while let event = await iterator.next() {
            seen.append(event)
            if predicate(event) { break }
        }
        return seen
    }

    @Test func opensReceivesTheSystemEventAndCloses() async throws {
        let simulator = try await Self.simulator()
        let client = CTIClient(configuration: Self.configuration(simulator))
        let granted = try await client.open()
        #expect(granted.servicesGranted == 0x10)
        var events = client.events.makeAsyncIterator()
        let seen = await Self.read(&events) { $0.message?.name == "SYSTEM_EVENT" }
        #expect(seen.compactMap(\.lifecycle).map(\.name) == ["connecting", "connected", "opened"])
        #expect(seen.last?.side == .a)
        #expect(seen.map(\.sequence) == Array(1...UInt64(seen.count)))
        await client.close()
        let rest = await Self.read(&events) { _ in false }
        #expect(rest.last?.lifecycle == .closed(nil, reason: "closed"))
        #expect(!(await client.isOpen))
        await simulator.stop()
    }

    @Test(arguments: [
        (UInt32(19), "E_CTI_INVALID_SERVICE_MASK"),
        (18, "E_CTI_INVALID_TIMEOUT"),
        (36, "E_CTI_INVALID_PASSWORD"),
        (6, "E_CTI_REQUIRED_DATA_MISSING"),
    ])
    func openRejectionsReachTheCallerWithTheirStatus(status: UInt32, name: String) async throws {
        let simulator = try await Self.simulator { $0.password = Array("right".utf8) }
        let configuration = Self.configuration(simulator) { configuration in
            configuration.open.clientPassword = Array("right".utf8)
            switch status {
            case 19:
                configuration.open.servicesRequested = 0x200
                configuration.allowUndefinedMaskBits = true
            case 18: configuration.heartbeatInterval = .seconds(4)  // IdleTimeout 16 < 20
            case 36: configuration.open.clientPassword = Array("wrong".utf8)
            default: configuration.open.servicesRequested = 0x1     // CLIENT_EVENTS without agent data
            }
        }
        let client = CTIClient(configuration: configuration)
        do {
            try await client.open()
            Issue.record("the OPEN was accepted")
        } catch let error as CTIClientError {
            #expect(error == .openRefused(status: StatusCode(rawValue: status)))
            #expect(error.description.contains(name))
        }
        #expect(!(await client.isOpen))
        await simulator.stop()
    }

    @Test func aDeviceInUseByAnotherClientIsRefused() async throws {
        let simulator = try await Self.simulator()
        func agent(_ id: String) -> ClientConfiguration {
            Self.configuration(simulator, services: 0x1) { configuration in
                configuration.open.peripheralID = 5000
                configuration.open.agentInstrument = "2001"
                configuration.open.clientID = id
            }
        }
        let first = CTIClient(configuration: agent("first"))
        try await first.open()
        let second = CTIClient(configuration: agent("second"))
        await #expect(throws: CTIClientError.openRefused(status: .deviceInUse)) { try await second.open() }
        await first.close()
        await simulator.stop()
    }

    @Test func requestsAreAnsweredOrRefusedByInvokeID() async throws {
        let simulator = try await Self.simulator()
        let client = CTIClient(configuration: Self.configuration(simulator))
        try await client.open()
        // Client Control is not granted to this ALL_EVENTS session: the simulator refuses.
        await #expect(throws: CTIClientError.self) { _ = try await client.queryAgentState(peripheralID: 5000, instrument: "2001") }
        await client.close()
        await simulator.stop()
    }

    @Test(.timeLimit(.minutes(1)))
    func heartbeatsUnansweredOnAFailOverToBWithinThreeIntervalsPlusFive() async throws {
        let simulator = try await Self.simulator()
        let interval = Duration.seconds(5)
        let client = CTIClient(configuration: Self.configuration(simulator, heartbeat: interval))
        try await client.open()
        var events = client.events.makeAsyncIterator()
        await simulator.stopHeartbeats(on: .a)
        let stopped = try await simulator.firstIgnoredHeartbeat(on: .a)
        let seen = await Self.read(&events) { event in
            if case .opened(.b, _, _)? = event.lifecycle { return true }
            return false
        }
        let elapsed = ContinuousClock.now - stopped
        #expect(elapsed <= interval * 3 + .seconds(5), "open on B after \(elapsed)")
        let lifecycle = seen.compactMap(\.lifecycle)
        #expect(lifecycle.contains(.heartbeatMissed(.a, count: 3)))
        #expect(lifecycle.contains(.sessionFailed(.a, reason: "3 heartbeats unconfirmed")))
        #expect(lifecycle.contains(.failedOver(from: .a, to: .b)))
        await client.close()
        await simulator.stop()
    }

    @Test func failureEventOfflineMakesTheClientReconnect() async throws {
        let simulator = try await Self.simulator()
        let client = CTIClient(configuration: Self.configuration(simulator))
        try await client.open()
        var events = client.events.makeAsyncIterator()
        _ = await Self.read(&events) { $0.message?.name == "SYSTEM_EVENT" }
        await simulator.sendOffline(.a)
        let seen = await Self.read(&events) { event in
            if case .opened = event.lifecycle { return true }
            return false
        }
        #expect(seen.contains { $0.message?.name == "FAILURE_EVENT" })
        #expect(seen.compactMap(\.lifecycle).contains(.sessionFailed(.a, reason: "FAILURE_EVENT E_CTI_CTI_SERVER_OFFLINE")))
        #expect(await client.isOpen)
        await client.close()
        await simulator.stop()
    }

    @Test func maintenanceHandOffLosesAndDuplicatesNothing() async throws {
        let simulator = try await Self.simulator()
        let client = CTIClient(configuration: Self.configuration(simulator, services: 0x10 | ServiceMaskBits.activeStandby))
        try await client.open()
        var events = client.events.makeAsyncIterator()
        // Both sessions open (A active, B standby) before the flood starts.
        _ = await Self.read(&events) { event in
            if case .opened(.b, _, _)? = event.lifecycle { return true }
            return false
        }
        let total = 3000
        let flood = Task { await simulator.flood(count: total, ratePerSecond: 3000) }
        try await Task.sleep(for: .milliseconds(300))
        let outcome = await simulator.maintenance()
        _ = await flood.value
        var callIDs: [UInt32] = []
        var lifecycle: [LifecycleEvent] = []
        // Every event, and the hand-off's records (on a loaded machine the flood may end first).
        while callIDs.count < total || !lifecycle.contains(.maintenance(.a, proceed: true)) || !lifecycle.contains(.failedOver(from: .a, to: .b)),
              let event = await events.next() {
            if let fields = event.message?.fields, fields.descriptor.name == "END_CALL_EVENT" {
                callIDs.append(fields.number(.connectionCallID)!)
            }
            if let record = event.lifecycle { lifecycle.append(record) }
        }
        #expect(callIDs == Array(1...UInt32(total)), "in order, no gap, no duplicate")
        #expect(lifecycle.contains(.failedOver(from: .a, to: .b)), "\(outcome)")
        #expect(lifecycle.contains(.maintenance(.a, proceed: true)))
        await client.close()
        await simulator.stop()
    }

    /// Resident memory of this process in kB (`/proc/self/status` VmRSS).
    static func residentKilobytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    @Test func aSlowConsumerLosesNothingAndCausesNoFailover() async throws {
        let simulator = try await Self.simulator()
        var configuration = Self.configuration(simulator, heartbeat: .seconds(5))
        configuration.bufferCapacity = 200
        let client = CTIClient(configuration: configuration)
        try await client.open()
        var events = client.events.makeAsyncIterator()
        let total = 4000
        let flood = Task { await simulator.flood(count: total) }
        var callIDs: [UInt32] = []
        var lifecycle: [LifecycleEvent] = []
        let started = ContinuousClock.now
        let memoryBefore = Self.residentKilobytes()
        var memoryPeak = memoryBefore
        while callIDs.count < total, let event = await events.next() {
            if let fields = event.message?.fields, fields.descriptor.name == "END_CALL_EVENT" {
                callIDs.append(fields.number(.connectionCallID)!)
                // Slow: about 12 s for the whole flood, more than two heartbeat intervals.
                if callIDs.count % 100 == 0 {
                    try await Task.sleep(for: .milliseconds(300))
                    memoryPeak = max(memoryPeak, Self.residentKilobytes())
                }
            }
            if let record = event.lifecycle { lifecycle.append(record) }
        }
        _ = await flood.value
        #expect(callIDs == Array(1...UInt32(total)))
        #expect(ContinuousClock.now - started > .seconds(10))
        // The client buffers at most bufferCapacity events and the simulator pauses the flood
        // while the socket is full: the process grows by far less than the flood's size.
        #expect(memoryPeak - memoryBefore < 32 * 1024, "grew \(memoryPeak - memoryBefore) kB")
        #expect(!lifecycle.contains { if case .sessionFailed = $0 { true } else { false } }, "\(lifecycle)")
        #expect(!lifecycle.contains { if case .heartbeatMissed = $0 { true } else { false } }, "\(lifecycle)")
        await client.close()
        await simulator.stop()
    }
}
