import CTIProtocol
import CTISimulator
import Testing
@testable import CTIClient

/// CTIClient's Client Control requests against CTISimulator's contact center over loopback:
/// for each request the confirmation, the exact events on the client's stream, and a failure
/// with its code (``SimulatorFailureTable``).
@Suite(.timeLimit(.minutes(1)))
struct ClientControlLoopbackTests {
    static let peripheral: UInt32 = 5000
    static let allCalls: UInt32 = 0xFFFF_FFFF
    static let allStates: UInt32 = 0x3FFF
    static let clientEvents: UInt32 = 0x01
    static let clientControl: UInt32 = 0x04
    static let allEvents: UInt32 = 0x10

    /// A started simulator whose timers stay out of the way (wrap-up 10 min, far end 0.2 s).
    static func simulator(initialState: UInt32 = 3) async throws -> CTISimulator {
        var configuration = SimulatorConfiguration.ephemeral()
        configuration.callCenter = CallCenterConfiguration(agents: 4, remoteDevices: 1, callRate: 0, seed: 1, initialAgentState: initialState,
                                                           wrapUpSeconds: 600...600, farEndAnswerSeconds: 0.2)
        let simulator = CTISimulator(configuration: configuration)
        try await simulator.start()
        return simulator
    }

    /// An open client: CLIENT_EVENTS for `agent` (ID 1001+n, phone 2001+n) or ALL_EVENTS, with masks.
    static func client(_ simulator: CTISimulator, agentPhone: String? = nil, control: Bool = true, callMask: UInt32 = allCalls,
                       stateMask: UInt32 = allStates) async throws -> CTIClient {
        var open = OpenRequest(servicesRequested: (agentPhone == nil ? allEvents : clientEvents) | (control ? clientControl : 0),
                               callMessageMask: callMask, agentStateMask: stateMask,
                               clientID: "control-\(UInt32.random(in: 0...UInt32.max))")
        if let agentPhone {
            open.peripheralID = peripheral
            open.agentInstrument = agentPhone
            open.agentExtension = agentPhone
            open.agentID = String(Int(agentPhone)! - 1000)
        }
        let client = CTIClient(configuration: ClientConfiguration(
            sideA: Endpoint(host: "127.0.0.1", port: simulator.port(.a)!), sideB: nil, open: open,
            heartbeatInterval: nil, initialOpenDeadline: .seconds(10)))
        _ = try await client.open()
        return client
    }

    /// The next `count` messages of the stream (lifecycle records and SYSTEM_EVENTs skipped).
    static func next(_ count: Int, _ events: inout ClientEventStream.AsyncIterator) async -> [CTIMessage] {
        var messages: [CTIMessage] = []
        while messages.count < count, let event = await events.next() {
            if let message = event.message, message.name != "SYSTEM_EVENT" { messages.append(message) }
        }
        return messages
    }

    static func call(_ id: UInt32, _ device: String) -> CallReference { CallReference(callID: id, deviceID: device) }

    /// The ControlFailureCode of a CONTROL_FAILURE_CONF, or the status of a FAILURE_CONF.
    static func failure(_ body: () async throws -> CTIMessage) async -> UInt32? {
        do {
            _ = try await body()
            return nil
        } catch CTIClientError.controlFailed(let code, _) {
            return code.rawValue
        } catch CTIClientError.requestFailed(let status) {
            return status.rawValue
        } catch {
            return nil
        }
    }

    static func code(_ mistake: SimulatorFailureTable.Mistake) -> UInt32 { SimulatorFailureTable.row(for: mistake).code }

    @Test func inboundCallAnswerHoldRetrieveDataAndClear() async throws {
        let simulator = try await Self.simulator()
        let client = try await Self.client(simulator, agentPhone: "2001")
        var events = client.events.makeAsyncIterator()
        let id = try await simulator.callIn(device: "2001")
        let arrived = await Self.next(4, &events)
        #expect(arrived.map(\.name) == ["AGENT_PRE_CALL_EVENT", "BEGIN_CALL_EVENT", "CALL_DELIVERED_EVENT", "AGENT_STATE_EVENT"])
        #expect(arrived[2].fields?.number(.connectionCallID) == id)
        #expect(arrived[2].fields?.number(.localConnectionState) == 2)
        #expect(arrived[3].fields?.number(.agentState) == 8)
        let call = Self.call(id, "2001")

        #expect(try await client.answer(call, peripheralID: Self.peripheral).name == "ANSWER_CALL_CONF")
        #expect(await Self.next(2, &events).map(\.name) == ["CALL_ESTABLISHED_EVENT", "AGENT_STATE_EVENT"])
        #expect(await Self.failure { try await client.answer(call, peripheralID: Self.peripheral) } == Self.code(.wrongCallState))

        #expect(try await client.hold(call, peripheralID: Self.peripheral).name == "HOLD_CALL_CONF")
        #expect(await Self.next(2, &events).map(\.name) == ["CALL_HELD_EVENT", "AGENT_STATE_EVENT"])
        #expect(await Self.failure { try await client.hold(Self.call(id + 7, "2001"), peripheralID: Self.peripheral) } == Self.code(.unknownCall))

        #expect(try await client.retrieve(call, peripheralID: Self.peripheral).name == "RETRIEVE_CALL_CONF")
        #expect(await Self.next(2, &events).map(\.name) == ["CALL_RETRIEVED_EVENT", "AGENT_STATE_EVENT"])
        #expect(await Self.failure { try await client.retrieve(call, peripheralID: Self.peripheral) } == Self.code(.wrongCallState))

        #expect(try await client.setCallData(call, peripheralID: Self.peripheral, callVariables: [2: "vip"],
                                              namedVariables: [("user.Tier", "gold")]).name == "SET_CALL_DATA_CONF")
        let update = await Self.next(1, &events)
        #expect(update.map(\.name) == ["CALL_DATA_UPDATE_EVENT"])
        #expect(update.first?.fields?.string(.callVariable2) == "vip")
        #expect(await Self.failure { try await client.setCallData(Self.call(1, "2001"), peripheralID: Self.peripheral) } == Self.code(.unknownCall))

        #expect(try await client.sendDTMF(call, peripheralID: Self.peripheral, digits: "12#").name == "SEND_DTMF_SIGNAL_CONF")
        #expect(await Self.failure { try await client.sendDTMF(Self.call(id, "2002"), peripheralID: Self.peripheral, digits: "1") }
            == Self.code(.notOwnDevice))

        let snapshot = try await client.snapshotCall(call, peripheralID: Self.peripheral)
        #expect(snapshot.fields?.number(.numCallDevices) == 2)
        #expect(await Self.failure { try await client.snapshotCall(Self.call(3, "2001"), peripheralID: Self.peripheral) } == Self.code(.unknownCall))
        let device = try await client.snapshotDevice(peripheralID: Self.peripheral, instrument: "2001")
        #expect(device.fields?.number(.numCalls) == 1)
        #expect(await Self.failure { try await client.snapshotDevice(peripheralID: Self.peripheral, instrument: "2003") } == Self.code(.notOwnDevice))

        #expect(try await client.release(call, peripheralID: Self.peripheral).name == "RELEASE_CALL_CONF")
        #expect(await Self.failure { try await client.release(Self.call(5, "2001"), peripheralID: Self.peripheral) } == Self.code(.unknownCall))

        #expect(try await client.clearConnection(call, peripheralID: Self.peripheral).name == "CLEAR_CONNECTION_CONF")
        let cleared = await Self.next(4, &events)
        #expect(cleared.map(\.name) == ["CALL_CONNECTION_CLEARED_EVENT", "CALL_CLEARED_EVENT", "END_CALL_EVENT", "AGENT_STATE_EVENT"])
        #expect(cleared.last?.fields?.number(.agentState) == 6)
        #expect(await Self.failure { try await client.clearConnection(call, peripheralID: Self.peripheral) } == Self.code(.unknownCall))
        await client.close()
        await simulator.stop()
    }

    @Test func makeCallIsAnsweredByTheFarEndAndCleared() async throws {
        let simulator = try await Self.simulator()
        let client = try await Self.client(simulator, agentPhone: "2002")
        var events = client.events.makeAsyncIterator()
        let made = try await client.makeCall(peripheralID: Self.peripheral, instrument: "2002", dialedNumber: "9195551234",
                                             callVariables: [1: "out"])
        #expect(made.name == "MAKE_CALL_CONF")
        let id = try #require(made.fields?.number(.newConnectionCallID))
        let flow = await Self.next(4, &events)
        #expect(flow.map(\.name) == ["BEGIN_CALL_EVENT", "CALL_ORIGINATED_EVENT", "AGENT_STATE_EVENT", "CALL_ESTABLISHED_EVENT"])
        #expect(flow[0].fields?.string(.callVariable1) == "out")
        #expect(flow[3].fields?.string(.answeringDeviceID) == "9195551234")
        #expect(await Self.failure { try await client.makeCall(peripheralID: Self.peripheral, instrument: "2003", dialedNumber: "1") }
            == Self.code(.notOwnDevice))
        #expect(await Self.failure { try await client.makeCall(peripheralID: Self.peripheral, instrument: "2002", dialedNumber: "") }
            == Self.code(.missingField))

        #expect(try await client.clearCall(Self.call(id, "2002"), peripheralID: Self.peripheral).name == "CLEAR_CALL_CONF")
        #expect(await Self.next(3, &events).map(\.name) == ["CALL_CLEARED_EVENT", "END_CALL_EVENT", "AGENT_STATE_EVENT"])
        #expect(await Self.failure { try await client.clearCall(Self.call(id, "2002"), peripheralID: Self.peripheral) } == Self.code(.unknownCall))
        await client.close()
        await simulator.stop()
    }

    @Test func consultAlternateTransferAndConference() async throws {
        let simulator = try await Self.simulator()
        let client = try await Self.client(simulator, stateMask: 0)
        var events = client.events.makeAsyncIterator()
        let id = try await simulator.callIn(device: "2001")
        #expect(await Self.next(3, &events).map(\.name) == ["AGENT_PRE_CALL_EVENT", "BEGIN_CALL_EVENT", "CALL_DELIVERED_EVENT"])
        let customer = Self.call(id, "2001")
        _ = try await client.answer(customer, peripheralID: Self.peripheral)
        #expect(await Self.next(1, &events).map(\.name) == ["CALL_ESTABLISHED_EVENT"])

        let consult = try await client.consult(customer, peripheralID: Self.peripheral, dialedNumber: "2002")
        #expect(consult.name == "CONSULTATION_CALL_CONF")
        let consultID = try #require(consult.fields?.number(.newConnectionCallID))
        #expect(await Self.next(5, &events).map(\.name)
            == ["CALL_HELD_EVENT", "BEGIN_CALL_EVENT", "CALL_ORIGINATED_EVENT", "BEGIN_CALL_EVENT", "CALL_DELIVERED_EVENT"])
        #expect(await Self.failure { try await client.consult(Self.call(consultID, "2001"), peripheralID: Self.peripheral, dialedNumber: "2003") }
            == Self.code(.wrongCallState))
        _ = try await client.answer(Self.call(consultID, "2002"), peripheralID: Self.peripheral)
        #expect(await Self.next(1, &events).map(\.name) == ["CALL_ESTABLISHED_EVENT"])

        let consultLeg = Self.call(consultID, "2001")
        #expect(try await client.alternate(active: consultLeg, other: customer, peripheralID: Self.peripheral).name == "ALTERNATE_CALL_CONF")
        #expect(await Self.next(2, &events).map(\.name) == ["CALL_HELD_EVENT", "CALL_RETRIEVED_EVENT"])
        #expect(await Self.failure { try await client.alternate(active: consultLeg, other: customer, peripheralID: Self.peripheral) }
            == Self.code(.wrongCallState))
        _ = try await client.alternate(active: customer, other: consultLeg, peripheralID: Self.peripheral)
        #expect(await Self.next(2, &events).map(\.name) == ["CALL_HELD_EVENT", "CALL_RETRIEVED_EVENT"])

        #expect(await Self.failure { try await client.transfer(active: customer, held: consultLeg, peripheralID: Self.peripheral) }
            == Self.code(.wrongCallState))
        #expect(await Self.failure { try await client.conference(active: consultLeg, held: Self.call(9, "2001"), peripheralID: Self.peripheral) }
            == Self.code(.unknownCall))
        let conferenced = try await client.conference(active: consultLeg, held: customer, peripheralID: Self.peripheral)
        #expect(conferenced.name == "CONFERENCE_CALL_CONF")
        #expect(conferenced.fields?.number(.numParties) == 3)
        // 2002 is new on the customer call: its BEGIN_CALL_EVENT first.
        let joined = await Self.next(3, &events)
        #expect(joined.map(\.name) == ["BEGIN_CALL_EVENT", "CALL_CONFERENCED_EVENT", "END_CALL_EVENT"])
        #expect(joined[1].fields?.number(.primaryCallID) == id)
        #expect(joined[1].fields?.number(.secondaryCallID) == consultID)
        #expect(joined[2].fields?.number(.connectionCallID) == consultID)

        // A second consult from the conference, then a transfer hands the call to 2003.
        let second = try await client.consult(customer, peripheralID: Self.peripheral, dialedNumber: "2003")
        let secondID = try #require(second.fields?.number(.newConnectionCallID))
        #expect(await Self.next(5, &events).map(\.name)
            == ["CALL_HELD_EVENT", "BEGIN_CALL_EVENT", "CALL_ORIGINATED_EVENT", "BEGIN_CALL_EVENT", "CALL_DELIVERED_EVENT"])
        let transferred = try await client.transfer(active: Self.call(secondID, "2001"), held: customer, peripheralID: Self.peripheral)
        #expect(transferred.name == "TRANSFER_CALL_CONF")
        let moved = await Self.next(4, &events)
        #expect(moved.map(\.name) == ["BEGIN_CALL_EVENT", "CALL_TRANSFERRED_EVENT", "END_CALL_EVENT", "END_CALL_EVENT"])
        #expect(moved[1].fields?.string(.transferredDeviceID) == "2003")
        let legs = await simulator.calls()
        #expect(legs.map(\.callID) == [id])
        #expect(legs.first?.devices.sorted() == ["2002", "2003", "9195550100"])
        await client.close()
        await simulator.stop()
    }

    @Test func agentStateLoginReadyNotReadyLogoutAndQueries() async throws {
        let simulator = try await Self.simulator(initialState: 1)
        let client = try await Self.client(simulator, agentPhone: "2003")
        var events = client.events.makeAsyncIterator()
        #expect(await Self.failure { try await client.setAgentState(peripheralID: Self.peripheral, instrument: "2003", state: .available) }
            == Self.code(.agentNotLoggedIn))
        #expect(await Self.failure { try await client.setAgentState(peripheralID: Self.peripheral, instrument: "2003", state: .login) }
            == Self.code(.missingField))
        _ = try await client.setAgentState(peripheralID: Self.peripheral, instrument: "2003", state: .login, agentID: "1003", password: "x")
        let login = await Self.next(2, &events)
        #expect(login.compactMap { $0.fields?.number(.agentState) } == [0, 2])
        #expect(login.first?.fields?.string(.agentID) == "1003")
        _ = try await client.setAgentState(peripheralID: Self.peripheral, instrument: "2003", state: .available)
        #expect(await Self.next(1, &events).compactMap { $0.fields?.number(.agentState) } == [3])
        #expect(await Self.failure { try await client.setAgentState(peripheralID: Self.peripheral, instrument: "2003", state: .logout) }
            == Self.code(.invalidStateTransition))
        _ = try await client.setAgentState(peripheralID: Self.peripheral, instrument: "2003", state: .notReady, reasonCode: 7)
        let notReady = await Self.next(1, &events)
        #expect(notReady.first?.fields?.number(.agentState) == 2)
        #expect(notReady.first?.fields?.number(.eventReasonCode) == 7)

        let query = try await client.queryAgentState(peripheralID: Self.peripheral, instrument: "2003")
        #expect(query.name == "QUERY_AGENT_STATE_CONF")
        #expect(query.fields?.number(.agentState) == 2)
        #expect(await Self.failure { try await client.queryAgentState(peripheralID: Self.peripheral, instrument: "2004") } == Self.code(.notOwnDevice))
        let info = try await client.queryDeviceInfo(peripheralID: Self.peripheral, instrument: "2003")
        #expect(info.name == "QUERY_DEVICE_INFO_CONF")
        #expect(await Self.failure { try await client.queryDeviceInfo(peripheralID: 1, instrument: "2003") } == Self.code(.unknownPeripheral))

        _ = try await client.setAgentState(peripheralID: Self.peripheral, instrument: "2003", state: .logout, agentID: "1003", reasonCode: 3)
        #expect(await Self.next(1, &events).compactMap { $0.fields?.number(.agentState) } == [1])
        await client.close()
        await simulator.stop()
    }

    @Test func mobileAgentNailedLoginHoldsThePersistentLeg() async throws {
        let simulator = try await Self.simulator(initialState: 1)
        let client = try await Self.client(simulator, agentPhone: "2004")
        var events = client.events.makeAsyncIterator()
        #expect(await Self.failure {
            try await client.setAgentState(peripheralID: Self.peripheral, instrument: "2004", state: .login, agentID: "1004", workMode: .raNailedConnection)
        } == Self.code(.invalidWorkMode))
        _ = try await client.setAgentState(peripheralID: Self.peripheral, instrument: "2004;9195550199", state: .login, agentID: "1004", workMode: .raNailedConnection)
        #expect(await Self.next(6, &events).map(\.name) == ["AGENT_STATE_EVENT", "AGENT_STATE_EVENT", "BEGIN_CALL_EVENT", "CALL_ORIGINATED_EVENT",
                                                             "CALL_ESTABLISHED_EVENT", "CALL_HELD_EVENT"])
        #expect(await simulator.agents().first { $0.agentID == "1004" }?.remotePhone == "9195550199")
        await client.close()
        await simulator.stop()
    }

    @Test func requestsWithoutClientControlFail() async throws {
        let simulator = try await Self.simulator()
        let client = try await Self.client(simulator, control: false)
        #expect(await Self.failure { try await client.queryAgentState(peripheralID: Self.peripheral, instrument: "2001") }
            == Self.code(.noClientControl))
        await client.close()
        await simulator.stop()
    }

    /// An ALL_EVENTS session that asks only for CALL_DELIVERED and AVAILABLE, and a CLIENT_EVENTS
    /// session for 2002 with every bit, each see exactly their events.
    @Test func masksAndServicesRouteEvents() async throws {
        let simulator = try await Self.simulator()
        let monitor = try await Self.client(simulator, control: false, callMask: 0x1, stateMask: 0x8)
        let agent = try await Self.client(simulator, agentPhone: "2002", control: false)
        var monitorEvents = monitor.events.makeAsyncIterator()
        var agentEvents = agent.events.makeAsyncIterator()
        let first = try await simulator.callIn(device: "2001")
        let second = try await simulator.callIn(device: "2002")
        let seenByMonitor = await Self.next(2, &monitorEvents)
        #expect(seenByMonitor.map(\.name) == ["CALL_DELIVERED_EVENT", "CALL_DELIVERED_EVENT"])
        #expect(seenByMonitor.compactMap { $0.fields?.number(.connectionCallID) } == [first, second])
        let seenByAgent = await Self.next(4, &agentEvents)
        #expect(seenByAgent.map(\.name) == ["AGENT_PRE_CALL_EVENT", "BEGIN_CALL_EVENT", "CALL_DELIVERED_EVENT", "AGENT_STATE_EVENT"])
        #expect(seenByAgent[1].fields?.number(.connectionCallID) == second)
        // The customer of 2002 hangs up: the agent's session sees the end, the monitor nothing
        // until an AVAILABLE (masked in) comes; the 2001 call's end is never seen by the agent.
        try await simulator.endCall(first)
        try await simulator.endCall(second)
        #expect(await Self.next(4, &agentEvents).map(\.name)
            == ["CALL_CONNECTION_CLEARED_EVENT", "CALL_CLEARED_EVENT", "END_CALL_EVENT", "AGENT_STATE_EVENT"])
        _ = try await simulator.callIn(device: "2003")
        #expect(await Self.next(1, &monitorEvents).compactMap { $0.fields?.number(.connectionCallID) } == [second + 1])
        await monitor.close()
        await agent.close()
        await simulator.stop()
    }
}
