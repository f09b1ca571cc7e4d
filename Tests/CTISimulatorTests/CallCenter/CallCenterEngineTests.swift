import CTIProtocol
import CTISimulator
import Testing

/// The contact center inside the running simulator: commands, OPEN_CONF's AgentState, the
/// active-side rule and the real-time traffic.
@Suite(.timeLimit(.minutes(1))) struct CallCenterEngineTests {
    static func open(_ services: UInt32, client: String = "monitor", agentInstrument: String? = nil) -> OpenRequest {
        var request = agentInstrument.map { Fixtures.agentOpen(client: client, instrument: $0, services: services) }
            ?? Fixtures.open(client: client, services: services)
        request.callMessageMask = 0xFFFF_FFFF
        request.agentStateMask = 0x3FFF
        return request
    }

    @Test(arguments: [
        ("call in 2001", SimulatorCommand("call in", .device("2001"))),
        ("CALL END 16777300", .init("call end", .callID(16_777_300))),
        ("agents", .init("agents")),
        ("calls", .init("calls")),
    ])
    func parses(line: String, command: SimulatorCommand) throws {
        #expect(try SimulatorCommand.parse(line) == command)
    }

    @Test func refusesBadCallCommands() {
        for line in ["call", "call in", "call end x", "call dial 2001", "agents now"] {
            #expect(throws: SimulatorCommandError.self) { try SimulatorCommand.parse(line) }
        }
    }

    @Test func commandsListAgentsAndCallsAndPlaceAndEndCalls() async throws {
        try await withSimulator { simulator, _ in
            let help = await simulator.execute("help")
            for name in ["call in DEVICE", "call end CALLID", "agents", "calls"] { #expect(help.contains(name)) }
            let agents = await simulator.execute("agents")
            #expect(agents.split(separator: "\n").count == 4)
            #expect(agents.hasPrefix("1001  2001  AGENT_STATE_AVAILABLE"))
            #expect(await simulator.execute("calls") == "no calls")
            #expect(await simulator.execute("call in 2002") == "call 16777300 ringing at 2002")
            #expect(await simulator.execute("calls") == "16777300  type 2  9195550100 CONNECT, 2002 ALERTING")
            #expect(await simulator.execute("agents").contains("1002  2002  AGENT_STATE_RESERVED"))
            #expect(await simulator.execute("call in 42").contains("no agent phone"))
            #expect(await simulator.execute("call end 16777300") == "call 16777300 ended")
            #expect(await simulator.execute("call end 16777300") == "no call 16777300")
            #expect(await simulator.execute("calls") == "no calls")
        }
    }

    @Test func callEventsGoToTheActiveSideOnlyAndOpenConfCarriesTheAgentState() async throws {
        try await withSimulator { simulator, _ in
            let duplexed = Fixtures.allEvents | Fixtures.activeStandby
            let onA = try await simulator.connect(.a)
            try await onA.open(Self.open(duplexed))
            try await onA.expect("SYSTEM_EVENT")
            let onB = try await simulator.connect(.b)
            try await onB.open(Self.open(duplexed))
            let desk = try await simulator.connect(.a)
            let conf = try await desk.open(Self.open(Fixtures.clientEvents, client: "desk", agentInstrument: "2001"))
            #expect(conf.number(.agentState) == 3)

            let id = try await simulator.callIn(device: "2001")
            for name in ["AGENT_PRE_CALL_EVENT", "BEGIN_CALL_EVENT", "CALL_DELIVERED_EVENT", "AGENT_STATE_EVENT"] {
                #expect(try await onA.expect(name).descriptor.name == name)
                #expect(try await desk.expect(name).descriptor.name == name)
            }
            #expect(await onB.nextItem(within: .milliseconds(150)) == nil, "standby sessions get no call events")

            var answer = try MessageFields(named: "ANSWER_CALL_REQ")
            for (field, value) in [(Field.invokeID, 3), (.peripheralID, 5000), (.connectionCallID, id)] { try answer.set(field, .number(UInt32(value))) }
            try answer.set(.connectionDeviceID, .text("2001"))
            try await onB.send(answer)
            #expect(try await onB.expect("FAILURE_CONF").number(.status) == 92, "a standby side refuses Client Control")
            try await desk.send(answer)
            #expect(try await desk.expect("FAILURE_CONF").number(.status) == 12, "no CLIENT_CONTROL granted")
        }
    }

    @Test func trafficReachesTheSessionsInRealTime() async throws {
        try await withSimulator({ $0.callCenter = CallCenterConfiguration(agents: 2, callRate: 20, seed: 9, handleSeconds: 0.1...0.2,
                                                                          wrapUpSeconds: 0.1...0.2, ringSeconds: 0.05...0.1) }) { simulator, _ in
            let monitor = try await simulator.connect(.a)
            try await monitor.open(Self.open(Fixtures.allEvents))
            try await monitor.expect("SYSTEM_EVENT")
            /// The next `name` (about `callID` when given), skipping the rest.
            func skipTo(_ name: String, callID: UInt32? = nil) async throws -> MessageFields {
                while true {
                    let message = try await monitor.next(waitingFor: name)
                    if message.name == name, let fields = message.fields, callID == nil || fields.number(.connectionCallID) == callID {
                        return fields
                    }
                }
            }
            let begin = try await skipTo("BEGIN_CALL_EVENT")
            #expect(begin.number(.callType) == 2)
            let id = try #require(begin.number(.connectionCallID))
            _ = try await skipTo("CALL_ESTABLISHED_EVENT", callID: id)
            _ = try await skipTo("END_CALL_EVENT", callID: id)
        }
    }
}
