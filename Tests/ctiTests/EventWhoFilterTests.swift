import CTIClient
import CTIProtocol
import Testing
@testable import CTIConsole

/// `watch --device/--agent/--call`: which events concern whom, read from every field of a
/// layout that names a device, an agent or a call.
@Suite struct EventWhoFilterTests {
    func event(_ name: String, _ assignments: [String]) throws -> MessageFields {
        try FieldAssignment().build(name, assignments: assignments)
    }

    @Test func devicesMatchAnyDeviceField() throws {
        let filter = EventWhoFilter(devices: ["2001", "5001"])
        #expect(filter.matches(try event("CALL_DELIVERED_EVENT", ["ConnectionDeviceID=2001"])))
        #expect(filter.matches(try event("CALL_DELIVERED_EVENT", ["ConnectionDeviceID=9", "AlertingDeviceID=5001"])))
        #expect(filter.matches(try event("AGENT_STATE_EVENT", ["AgentInstrument=2001"])))
        #expect(!filter.matches(try event("CALL_DELIVERED_EVENT", ["ConnectionDeviceID=2002"])))
        #expect(!filter.matches(try event("SYSTEM_EVENT", [])))
    }

    @Test func callsMatchEveryCallIDFieldAndAgentsTheAgentID() throws {
        let calls = EventWhoFilter(calls: [77])
        #expect(calls.matches(try event("CALL_TRANSFERRED_EVENT", ["PrimaryCallID=77"])))
        #expect(calls.matches(try event("CALL_DELIVERED_EVENT", ["ConnectionCallID=77"])))
        #expect(!calls.matches(try event("CALL_DELIVERED_EVENT", ["ConnectionCallID=78"])))
        let agents = EventWhoFilter(agents: ["1001"])
        #expect(agents.matches(try event("AGENT_STATE_EVENT", ["AgentID=1001"])))
        #expect(!agents.matches(try event("AGENT_STATE_EVENT", ["AgentID=1002"])))
    }

    @Test func differentKindsMustAllMatch() throws {
        let filter = EventWhoFilter(devices: ["2001"], calls: [77])
        #expect(filter.matches(try event("CALL_DELIVERED_EVENT", ["ConnectionDeviceID=2001", "ConnectionCallID=77"])))
        #expect(!filter.matches(try event("CALL_DELIVERED_EVENT", ["ConnectionDeviceID=2001", "ConnectionCallID=78"])))
    }
}
