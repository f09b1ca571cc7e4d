import CTIProtocol
import CTISimulator
import Testing
@testable import CTIClient

/// Persistent calls (`persistent-calls-design.md` §6, ERRATA overrides): CTIClient sends
/// PERSISTENT_CALL_REQ with `send(_:)` to CTISimulator over loopback.
@Suite(.timeLimit(.minutes(1)))
struct PersistentCallLoopbackTests {
    static let peripheral: UInt32 = 5000

    static func simulator(remoteDevices: Int = 2, answerSeconds: Double? = 0.2, perNode: Int = 2_000) async throws -> CTISimulator {
        var configuration = SimulatorConfiguration.ephemeral()
        configuration.callCenter = CallCenterConfiguration(agents: 2, remoteDevices: remoteDevices, callRate: 0, seed: 1,
                                                           wrapUpSeconds: 600...600, farEndAnswerSeconds: 0.2)
        configuration.callCenter.persistentCalls.answerSeconds = answerSeconds
        configuration.callCenter.persistentCalls.perNode = perNode
        let simulator = CTISimulator(configuration: configuration)
        try await simulator.start()
        return simulator
    }

    /// An ALL_EVENTS + CLIENT_CONTROL client on `side`.
    static func client(_ simulator: CTISimulator, side: CTISide = .a, callMask: UInt32 = 0xFFFF_FFFF) async throws -> CTIClient {
        let open = OpenRequest(servicesRequested: 0x10 | 0x04, callMessageMask: callMask, agentStateMask: 0,
                               clientID: "persistent-\(UInt32.random(in: 0...UInt32.max))")
        let client = CTIClient(configuration: ClientConfiguration(
            sideA: Endpoint(host: "127.0.0.1", port: simulator.port(side)!), sideB: nil, open: open,
            heartbeatInterval: nil, initialOpenDeadline: .seconds(10)))
        _ = try await client.open()
        return client
    }

    static func persistentRequest(device: String, calling: String = "9195550199", name: String? = "Help desk") throws -> MessageFields {
        var fields = try MessageFields(named: "PERSISTENT_CALL_REQ")
        try fields.set(.peripheralID, .number(peripheral))
        try fields.set(.devSpecificFlags, .number(2))
        try fields.set(.callPriority, .number(0))
        try fields.set(.agentInstrument, .text(device))
        try fields.set(.callingDeviceID, .text(calling))
        if let name { try fields.set(.text, .text(name)) }
        return fields
    }

    /// The next `count` messages of the stream (lifecycle records and SYSTEM_EVENTs skipped).
    static func next(_ count: Int, _ events: inout ClientEventStream.AsyncIterator) async -> [CTIMessage] {
        var messages: [CTIMessage] = []
        while messages.count < count, let event = await events.next() {
            if let message = event.message, message.name != "SYSTEM_EVENT" { messages.append(message) }
        }
        return messages
    }

    /// FailureCode and PeripheralErrorCode of a CONTROL_FAILURE_CONF.
    static func controlFailure(_ body: () async throws -> CTIMessage) async -> (UInt32, UInt32)? {
        do {
            _ = try await body()
            return nil
        } catch CTIClientError.controlFailed(let code, let peripheralError) {
            return (code.rawValue, peripheralError.rawValue)
        } catch {
            return nil
        }
    }

    static func named(_ message: CTIMessage) -> [String: String] {
        var result: [String: String] = [:]
        for field in message.fields?.floating ?? [] {
            if case .namedVariable(let name, let value) = field.value { result[name.string] = value.string }
        }
        return result
    }

    /// Makes a persistent call on `device` and waits until it is established.
    static func establish(_ client: CTIClient, _ device: String, _ events: inout ClientEventStream.AsyncIterator) async throws -> UInt32 {
        let conf = try await client.send(persistentRequest(device: device))
        #expect(conf.name == "PERSISTENT_CALL_CONF")
        let id = try #require(conf.fields?.number(.newConnectionCallID))
        let progress = await next(3, &events)
        #expect(progress.map(\.name) == ["BEGIN_CALL_EVENT", "CALL_DELIVERED_EVENT", "CALL_ESTABLISHED_EVENT"])
        #expect(progress.allSatisfy { $0.fields?.number(.connectionCallID) == id })
        return id
    }

    @Test func makeIsDeliveredThenEstablished() async throws {
        let simulator = try await Self.simulator()
        let client = try await Self.client(simulator)
        var events = client.events.makeAsyncIterator()
        let conf = try await client.send(Self.persistentRequest(device: "5001"))
        #expect(conf.name == "PERSISTENT_CALL_CONF")
        #expect(conf.fields?.string(.newConnectionDeviceID) == "5001")
        let id = try #require(conf.fields?.number(.newConnectionCallID))
        let progress = await Self.next(3, &events)
        #expect(progress.map(\.name) == ["BEGIN_CALL_EVENT", "CALL_DELIVERED_EVENT", "CALL_ESTABLISHED_EVENT"])
        #expect(progress[0].fields?.number(.callType) == 9)
        #expect(Self.named(progress[0]) == ["user.PersistentCall": "1", "user.PersistCgpn": "9195550199", "user.PersistCgpnName": "Help desk"])
        #expect(progress[1].fields?.number(.localConnectionState) == 2)
        #expect(progress[1].fields?.string(.callingDeviceID) == "9195550199")
        #expect(progress[1].fields?.string(.alertingDeviceID) == "91955500011")
        #expect(Self.named(progress[1]) == ["user.PersistentCall": "1"])
        #expect(progress[2].fields?.number(.localConnectionState) == 3)
        #expect(progress.allSatisfy { $0.fields?.number(.connectionCallID) == id })
        #expect(await simulator.execute("persistent").hasPrefix("5001  \(id)  91955500011  CONNECTED"))
        // A second one on the same device: PERSISTENT_CALL_ALREADY_EXISTS.
        #expect(await Self.controlFailure { try await client.send(Self.persistentRequest(device: "5001")) }! == (22, 0x7E00_0102))
        await client.close()
        await simulator.stop()
    }

    @Test func customerCallComesAndGoesThePersistentCallStays() async throws {
        let simulator = try await Self.simulator()
        let client = try await Self.client(simulator)
        var events = client.events.makeAsyncIterator()
        let id = try await Self.establish(client, "5001", &events)
        let customer = try await simulator.callIn(device: "5001")
        #expect(await Self.next(2, &events).map(\.name) == ["BEGIN_CALL_EVENT", "CALL_DELIVERED_EVENT"])
        try await simulator.endCall(customer)
        let ended = await Self.next(3, &events)
        #expect(ended.map(\.name) == ["CALL_CONNECTION_CLEARED_EVENT", "CALL_CLEARED_EVENT", "END_CALL_EVENT"])
        #expect(ended.allSatisfy { $0.fields?.number(.connectionCallID) == customer })
        let persistent = await simulator.persistentCalls()
        #expect(persistent.map(\.callID) == [id])
        #expect(persistent.first?.state == "CONNECTED")
        await client.close()
        await simulator.stop()
    }

    @Test func dropRefusedWhileACustomerCallIsActiveThenDroppedWhenItEnds() async throws {
        let simulator = try await Self.simulator()
        let client = try await Self.client(simulator)
        var events = client.events.makeAsyncIterator()
        let id = try await Self.establish(client, "5001", &events)
        let customer = try await simulator.callIn(device: "5001")
        _ = await Self.next(2, &events)
        let refused = await Self.controlFailure {
            try await client.clearConnection(CallReference(callID: id, deviceID: "5001"), peripheralID: Self.peripheral)
        }
        #expect(refused! == (21, 0x7E00_0104))
        #expect(await simulator.persistentCalls().first?.dropPending == true)
        try await simulator.endCall(customer)
        let ended = await Self.next(6, &events)
        #expect(ended.map(\.name) == ["CALL_CONNECTION_CLEARED_EVENT", "CALL_CLEARED_EVENT", "END_CALL_EVENT",
                                      "CALL_CONNECTION_CLEARED_EVENT", "CALL_CLEARED_EVENT", "END_CALL_EVENT"])
        #expect(ended.prefix(3).allSatisfy { $0.fields?.number(.connectionCallID) == customer })
        #expect(ended.suffix(3).allSatisfy { $0.fields?.number(.connectionCallID) == id })
        #expect(ended[3].fields?.number(.eventCause) == 0xFFFF)
        #expect(ended[4].fields?.number(.eventCause) == 0xFFFF)
        #expect(await simulator.persistentCalls().isEmpty)
        await client.close()
        await simulator.stop()
    }

    @Test func theCallSurvivesTheClientAndANewClientFindsAndDropsIt() async throws {
        let simulator = try await Self.simulator()
        let first = try await Self.client(simulator)
        var events = first.events.makeAsyncIterator()
        let id = try await Self.establish(first, "5002", &events)
        await first.close()
        #expect(await simulator.persistentCalls().map(\.callID) == [id], "the device owns the call, not the session")

        let second = try await Self.client(simulator)
        var later = second.events.makeAsyncIterator()
        let snapshot = try await second.snapshotDevice(peripheralID: Self.peripheral, instrument: "5002")
        #expect(snapshot.name == "SNAPSHOT_DEVICE_CONF")
        #expect(snapshot.fields?.number(.numCalls) == 1)
        #expect(snapshot.fields?.values(of: .callConnectionCallID).first?.number == id)
        #expect(Self.named(snapshot) == ["user.PersistentCall": "1"])
        let found = try #require(snapshot.fields?.values(of: .callConnectionCallID).first?.number)
        let cleared = try await second.clearConnection(CallReference(callID: found, deviceID: "5002"), peripheralID: Self.peripheral)
        #expect(cleared.name == "CLEAR_CONNECTION_CONF")
        #expect(await Self.next(3, &later).map(\.name) == ["CALL_CONNECTION_CLEARED_EVENT", "CALL_CLEARED_EVENT", "END_CALL_EVENT"])
        #expect(await simulator.persistentCalls().isEmpty)
        await second.close()
        await simulator.stop()
    }

    @Test func theCallSurvivesFailoverToSideB() async throws {
        let simulator = try await Self.simulator()
        let client = try await Self.client(simulator)
        var events = client.events.makeAsyncIterator()
        let id = try await Self.establish(client, "5001", &events)
        await simulator.kill(.a)
        let onB = try await Self.client(simulator, side: .b)
        let snapshot = try await onB.snapshotDevice(peripheralID: Self.peripheral, instrument: "5001")
        #expect(snapshot.fields?.values(of: .callConnectionCallID).first?.number == id)
        #expect(Self.named(snapshot) == ["user.PersistentCall": "1"])
        await onB.close()
        await client.close()
        await simulator.stop()
    }

    /// R5 over loopback: 2,000 persistent calls on one node succeed, the 2,001st gets
    /// CF_RESOURCE_LIMITATION_REJECTION (75); prints the resident-set growth of the process.
    @Test func twoThousandPersistentCallsThenResourceLimitation() async throws {
        let before = Self.residentBytes()
        let simulator = try await Self.simulator(remoteDevices: 2_001, answerSeconds: 0.05)
        let client = try await Self.client(simulator, callMask: 0)
        for index in 0..<2_000 {
            let conf = try await client.send(Self.persistentRequest(device: String(5001 + index)))
            if conf.name != "PERSISTENT_CALL_CONF" { Issue.record("create \(index): \(conf.name)") }
        }
        #expect(await Self.controlFailure { try await client.send(Self.persistentRequest(device: "7001")) }! == (75, 0x7E00_0101))
        try await Task.sleep(for: .milliseconds(200))
        let calls = await simulator.persistentCalls()
        #expect(calls.count == 2_000)
        #expect(calls.allSatisfy { $0.state == "CONNECTED" })
        let after = Self.residentBytes()
        print("persistent calls over loopback: 2000, resident set \(before / 1024) KiB -> \(after / 1024) KiB (+\((after - before) / 1024) KiB)")
        await client.close()
        await simulator.stop()
    }

    /// Resident memory in bytes (the one reader of `/proc/self/status` in this target).
    static func residentBytes() -> Int { LoopbackTests.residentKilobytes() * 1024 }
}
