import CTIClient
import CTIProtocol
import Testing
@testable import CTIConsole

/// What `wait EVENT Field=value ...` waits for.
@Suite struct EventMatchTests {
    func event(_ name: String, _ assignments: [String]) throws -> ClientEvent {
        let fields = try FieldAssignment().build(name, assignments: assignments)
        return ClientEvent(timestamp: 0, sequence: 1, side: .a, kind: .message(.fields(fields), CTIFrame(type: fields.descriptor.typeID, body: .init())))
    }

    @Test func typeAndEveryConditionMustHold() throws {
        let match = try EventMatch(message: "AGENT_STATE_EVENT", conditions: ["AgentID=1001", "AgentState=AGENT_STATE_AVAILABLE"])
        #expect(match.matches(try event("AGENT_STATE_EVENT", ["AgentID=1001", "AgentState=3"])))
        #expect(!match.matches(try event("AGENT_STATE_EVENT", ["AgentID=1001", "AgentState=AGENT_STATE_TALKING"])))
        #expect(!match.matches(try event("AGENT_STATE_EVENT", ["AgentID=1002", "AgentState=3"])))
        #expect(!match.matches(try event("AGENT_PRE_CALL_EVENT", ["AgentID=1001"])))
    }

    @Test func namedVariablesAndCaseInsensitiveNames() throws {
        let match = try EventMatch(message: "call_data_update_event", conditions: ["namedvariable=user.x=1", "ConnectionCallID=5"])
        #expect(match.matches(try event("CALL_DATA_UPDATE_EVENT", ["ConnectionCallID=5", "NamedVariable=user.y=2", "NamedVariable=user.x=1"])))
        #expect(!match.matches(try event("CALL_DATA_UPDATE_EVENT", ["ConnectionCallID=5", "NamedVariable=user.x=2"])))
    }

    @Test func mistakesNameTheProblem() {
        #expect(throws: (any Error).self) { try EventMatch(message: "NOPE_EVENT", conditions: []) }
        #expect(throws: (any Error).self) { try EventMatch(message: "AGENT_STATE_EVENT", conditions: ["Bogus=1"]) }
        #expect(throws: (any Error).self) { try EventMatch(message: "AGENT_STATE_EVENT", conditions: ["AgentState"]) }
    }
}
