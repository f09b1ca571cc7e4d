import CTIProtocol
import Testing
@testable import CTIConsole

/// ``TopModel`` driven step by step with scripted messages (issue 21): the configuration
/// upload, agent state changes, a call delivered → established → cleared, the JSON and text.
@Suite struct TopModelTests {
    static func message(_ name: String, _ assignments: [String]) throws -> CTIMessage {
        .fields(try FieldAssignment().build(name, assignments: assignments))
    }

    /// CONFIG_AGENT_EVENT with one record per (AgentID, extension), in skill groups 10 and 11.
    static func agentRecords(_ agents: [(String, String)]) throws -> CTIMessage {
        var fields = try MessageFields(named: "CONFIG_AGENT_EVENT")
        try fields.set(.numRecords, .number(UInt32(agents.count)))
        for (id, device) in agents {
            try fields.append(.recordType, .number(0))
            try fields.append(.loginID, .text(id))
            try fields.append(.extension, .text(device))
            try fields.append(.numSkills, .number(2))
            try fields.append(.fltSkillGroupNumber, .numbers([10, 11]))
        }
        return .fields(fields)
    }

    static func skillGroupRecords() throws -> CTIMessage {
        var fields = try MessageFields(named: "CONFIG_SKILL_GROUP_EVENT")
        try fields.set(.numRecords, .number(2))
        for (number, id) in [(10, 5010), (11, 5011)] {
            try fields.append(.recordType, .number(0))
            try fields.append(.peripheralNumber, .number(UInt32(number)))
            try fields.append(.skillGroupSkillTargetID, .number(UInt32(id)))
        }
        return .fields(fields)
    }

    static func agentState(_ id: String, _ device: String, state: UInt32, reason: UInt32 = 0, duration: UInt32 = 0) throws -> CTIMessage {
        try message("AGENT_STATE_EVENT", ["PeripheralID=5000", "AgentState=\(state)", "EventReasonCode=\(reason)", "StateDuration=\(duration)",
                                          "SkillGroupNumber=10", "AgentID=\(id)", "AgentExtension=\(device)", "AgentInstrument=\(device)"])
    }

    /// The model after the configuration upload: agents 1001 (2001) and 1002 (2002).
    static func configured() throws -> TopModel {
        var model = TopModel()
        model.apply(try skillGroupRecords(), at: 1_000)
        model.apply(try agentRecords([("1001", "2001"), ("1002", "2002")]), at: 1_000)
        return model
    }

    @Test func theConfigurationUploadGivesTheAgentAndSkillGroupLists() throws {
        let model = try Self.configured()
        #expect(model.agentRows().map(\.agentID) == ["1001", "1002"])
        #expect(model.agentRows().map(\.agentExtension) == ["2001", "2002"])
        #expect(model.agentRows().allSatisfy { $0.skillGroups == [10, 11] && $0.state == nil })
        #expect(model.skillGroupRows().map(\.id) == [5010, 5011])
        // A Delete record removes the agent.
        var deleted = model
        var fields = try MessageFields(named: "CONFIG_AGENT_EVENT")
        try fields.set(.numRecords, .number(1))
        try fields.append(.recordType, .number(ConfigRecords.delete))
        try fields.append(.loginID, .text("1002"))
        deleted.apply(.fields(fields), at: 2_000)
        #expect(deleted.agentRows().map(\.agentID) == ["1001"])
    }

    @Test func agentStateChangesSetStateReasonAndTimeInState() throws {
        var model = try Self.configured()
        model.apply(try Self.agentState("1001", "2001", state: AgentState.available.rawValue, duration: 5), at: 10_000)
        #expect(model.agents["1001"]?.state == AgentState.available.rawValue)
        #expect(model.agents["1001"]?.secondsInState(at: 12_000) == 7)
        model.apply(try Self.agentState("1001", "2001", state: AgentState.notReady.rawValue, reason: 42), at: 20_000)
        model.apply(try Self.message("HEARTBEAT_CONF", ["InvokeID=1"]), at: 23_000)
        let agent = try #require(model.agents["1001"])
        #expect(agent.stateName == "AGENT_STATE_NOT_READY")
        #expect(agent.reasonCode == 42)
        #expect(agent.secondsInState(at: model.now) == 3)
        #expect(model.agentsByState(in: 10).map(\.state) == ["AGENT_STATE_NOT_READY", "UNKNOWN"])
        // A query answer naming only the instrument (a logged-out agent) finds the agent by its extension.
        model.apply(try Self.message("QUERY_AGENT_STATE_CONF", ["InvokeID=2", "AgentState=\(AgentState.logout.rawValue)", "AgentInstrument=2002"]),
                    at: 24_000)
        #expect(model.agents["1002"]?.stateName == "AGENT_STATE_LOGOUT")
        #expect(model.agents.count == 2)
    }

    @Test func aCallDeliveredEstablishedAndCleared() throws {
        var model = try Self.configured()
        let call = ["PeripheralID=5000", "ConnectionCallID=77", "ConnectionDeviceIDType=0"]
        model.apply(try Self.message("BEGIN_CALL_EVENT", call + ["CallType=2", "ConnectionDeviceID=9195550100", "NamedVariable=user.a=hello"]), at: 1_000)
        #expect(model.calls[77]?.namedVariableBytes == 4 + 7 + 6)
        model.apply(try Self.message("CALL_QUEUED_EVENT", call + ["ConnectionDeviceID=9195550100", "SkillGroupNumber=10"]), at: 1_500)
        #expect(model.callsQueued(in: 10) == 1)
        model.apply(try Self.message("CALL_DELIVERED_EVENT", call + ["ConnectionDeviceID=2001", "AlertingDeviceID=2001", "CallingDeviceID=9195550100",
                                                                   "LocalConnectionState=2"]), at: 2_000)
        var row = try #require(model.calls[77])
        #expect(row.state == "delivered")
        #expect(row.parties.map { "\($0.device) \($0.stateName)" } == ["9195550100 CONNECT", "2001 ALERTING"])
        #expect(model.agents["1001"]?.callID == 77)
        #expect(model.callsQueued(in: 10) == 0)
        model.apply(try Self.message("CALL_ESTABLISHED_EVENT", call + ["ConnectionDeviceID=2001", "AnsweringDeviceID=2001", "CallingDeviceID=9195550100",
                                                                     "LocalConnectionState=3"]), at: 3_000)
        row = try #require(model.calls[77])
        #expect(row.state == "established")
        #expect(row.parties.map { "\($0.device) \($0.stateName)" } == ["9195550100 CONNECT", "2001 CONNECT"])
        model.apply(try Self.message("CALL_CONNECTION_CLEARED_EVENT", call + ["ConnectionDeviceID=9195550100", "ReleasingDeviceID=9195550100"]), at: 9_000)
        #expect(model.calls[77]?.parties.map(\.device) == ["2001"])
        model.apply(try Self.message("CALL_CLEARED_EVENT", call + ["ConnectionDeviceID=2001"]), at: 9_500)
        #expect(model.calls[77]?.state == "cleared")
        #expect(model.agents["1001"]?.callID == nil)
        model.apply(try Self.message("END_CALL_EVENT", call + ["ConnectionDeviceID=2001"]), at: 10_000)
        #expect(model.calls.isEmpty)
        // Seven call events after the two configuration record events.
        #expect(model.session.events == 9)
    }

    @Test func theJSONAndTextOfAModel() throws {
        var model = try Self.configured()
        model.apply(try Self.agentState("1001", "2001", state: AgentState.available.rawValue), at: 10_000)
        model.apply(try Self.message("BEGIN_CALL_EVENT", ["PeripheralID=5000", "ConnectionCallID=77", "CallType=2", "ConnectionDeviceID=2001"]), at: 11_000)
        model.apply(try Self.message("CALL_DELIVERED_EVENT", ["PeripheralID=5000", "ConnectionCallID=77", "ConnectionDeviceID=2001",
                                                              "AlertingDeviceID=2001", "CallingDeviceID=9195550100", "LocalConnectionState=2"]), at: 12_000)
        model.session.side = "A"
        model.now = 15_000
        #expect(model.json() == """
            {"agents":[{"agentID":"1001","extension":"2001","state":"AGENT_STATE_AVAILABLE","stateCode":3,"reasonCode":0,"secondsInState":5,\
            "skillGroups":[10,11],"callID":77},{"agentID":"1002","extension":"2002","state":null,"stateCode":null,"reasonCode":0,\
            "secondsInState":null,"skillGroups":[10,11],"callID":null}],"calls":[{"callID":77,"callType":2,"state":"delivered",\
            "parties":[{"device":"9195550100","state":"CONNECT"},{"device":"2001","state":"ALERTING"}],"seconds":4,"namedVariableBytes":0}],\
            "skillGroups":[{"number":10,"id":5010,"agents":{"AGENT_STATE_AVAILABLE":1,"UNKNOWN":1},"callsQueued":0},{"number":11,"id":5011,\
            "agents":{"AGENT_STATE_AVAILABLE":1,"UNKNOWN":1},"callsQueued":0}],"session":{"side":"A","state":null,"events":5,"eventsPerSecond":0,\
            "heartbeatRoundTripMs":null}}
            """)
        #expect(model.text(filter: "1002").hasPrefix("""
            AGENT  EXTENSION  STATE  REASON  TIME  SKILL GROUPS  CALL
            1002   2002              0             10,11

            CALL  TYPE  STATE  DURATION  VARIABLES  PARTIES
            """))
        #expect(model.callRows(filter: "9195550100").map(\.callID) == [77])
        #expect(model.callRows(filter: "nothing").isEmpty)
    }
}
