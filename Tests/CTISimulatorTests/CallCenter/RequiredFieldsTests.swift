import CTIProtocol
import Testing
@testable import CTISimulator

/// Every message the model sends carries every floating field its layout marks required, and
/// survives an encode/decode round trip.
@Suite struct RequiredFieldsTests {
    static func check(_ outputs: [CallCenterOutput], sourceLocation: SourceLocation = #_sourceLocation) throws -> Set<String> {
        var names: Set<String> = []
        for output in outputs {
            let message = output.message
            names.insert(message.name)
            let descriptor = MessageCatalog.standard.descriptor(named: message.name)!
            let frame = CTIFrame(encoded: try CTIMessageEncoder(version: .v25).encode(message))
            let decoded = try CTIMessageDecoder(version: .v25).decode(frame)
            let tags = Set(decoded.fields?.floating.map { descriptor.canonicalTag($0.tag) } ?? [])
            for tag in descriptor.requiredTags {
                #expect(tags.contains(descriptor.canonicalTag(tag)), "\(message.name) lacks required tag \(tag)", sourceLocation: sourceLocation)
            }
            #expect(decoded.fields?.notes.isEmpty ?? false, "\(message.name): \(decoded.fields?.notes ?? [])", sourceLocation: sourceLocation)
        }
        return names
    }

    @Test func everyMessageKindCarriesItsRequiredFields() throws {
        var model = Model.make(agents: 4, initial: AgentStates.logout)
        var outputs: [CallCenterOutput] = []
        func send(_ name: String, _ assignments: [String]) -> [CallCenterOutput] {
            let result = model.handle(Model.request(name, assignments), from: Model.allControl)
            outputs += result
            return result
        }
        _ = send("SET_AGENT_STATE_REQ", ["AgentInstrument=2001", "AgentState=0", "AgentID=1001"])
        _ = send("SET_AGENT_STATE_REQ", ["AgentInstrument=2001", "AgentState=3"])
        _ = send("SET_AGENT_STATE_REQ", ["AgentInstrument=2003;9195550123", "AgentState=0", "AgentID=1003", "AgentWorkMode=4"])
        outputs += model.advance(to: 2)
        let (id, routed) = try model.callIn(to: "2001").get()
        outputs += routed
        _ = send("ANSWER_CALL_REQ", Model.call(id, "2001"))
        _ = send("SET_CALL_DATA_REQ", Model.call(id, "2001") + ["CallVariable1=x"])
        _ = send("SNAPSHOT_CALL_REQ", Model.call(id, "2001"))
        _ = send("SNAPSHOT_DEVICE_REQ", ["AgentInstrument=2001"])
        _ = send("QUERY_DEVICE_INFO_REQ", ["AgentInstrument=2001"])
        _ = send("QUERY_AGENT_STATE_REQ", ["AgentInstrument=2001"])
        _ = send("SEND_DTMF_SIGNAL_REQ", Model.call(id, "2001") + ["DTMFString=1"])
        let consult = send("CONSULTATION_CALL_REQ", Model.call(id, "2001", prefix: "Active") + ["DialedNumber=2002"])
        let consultID = consult.reply?.fields?.number(.newConnectionCallID) ?? 0
        _ = send("ANSWER_CALL_REQ", Model.call(consultID, "2002"))
        _ = send("TRANSFER_CALL_REQ", Model.call(consultID, "2001", prefix: "Active") + Model.call(id, "2001", prefix: "Held"))
        let consult2 = send("CONSULTATION_CALL_REQ", Model.call(id, "2002", prefix: "Active") + ["DialedNumber=9195550000"])
        let consult2ID = consult2.reply?.fields?.number(.newConnectionCallID) ?? 0
        outputs += model.advance(to: 4)
        _ = send("CONFERENCE_CALL_REQ", Model.call(consult2ID, "2002", prefix: "Active") + Model.call(id, "2002", prefix: "Held"))
        _ = send("MAKE_CALL_REQ", ["AgentInstrument=2004", "DialedNumber=2002"])
        _ = send("CLEAR_CONNECTION_REQ", Model.call(id, "2002"))
        _ = send("CLEAR_CALL_REQ", Model.call(id, "9195550100"))
        _ = send("HOLD_CALL_REQ", Model.call(id, "2002"))
        outputs += model.advance(to: 30)
        let names = try Self.check(outputs)
        let expected: Set<String> = [
            "BEGIN_CALL_EVENT", "CALL_ORIGINATED_EVENT", "CALL_DELIVERED_EVENT", "CALL_ESTABLISHED_EVENT", "CALL_HELD_EVENT",
            "CALL_CONNECTION_CLEARED_EVENT", "CALL_CLEARED_EVENT", "CALL_FAILED_EVENT", "CALL_TRANSFERRED_EVENT", "CALL_CONFERENCED_EVENT",
            "CALL_DATA_UPDATE_EVENT", "END_CALL_EVENT", "AGENT_STATE_EVENT", "AGENT_PRE_CALL_EVENT", "SET_AGENT_STATE_CONF",
            "ANSWER_CALL_CONF", "SET_CALL_DATA_CONF", "SNAPSHOT_CALL_CONF", "SNAPSHOT_DEVICE_CONF", "QUERY_DEVICE_INFO_CONF",
            "QUERY_AGENT_STATE_CONF", "SEND_DTMF_SIGNAL_CONF", "CONSULTATION_CALL_CONF", "TRANSFER_CALL_CONF", "CONFERENCE_CALL_CONF",
            "MAKE_CALL_CONF", "CLEAR_CONNECTION_CONF", "CONTROL_FAILURE_CONF",
        ]
        #expect(expected.subtracting(names).isEmpty, "never sent: \(expected.subtracting(names).sorted())")
    }

    @Test func retrievedAndAlternateAndFailureMessagesToo() throws {
        var model = Model.make()
        let (id, routed) = try model.callIn(to: "2001").get()
        var outputs = routed
        outputs += model.handle(Model.request("ANSWER_CALL_REQ", Model.call(id, "2001")), from: Model.allControl)
        outputs += model.handle(Model.request("HOLD_CALL_REQ", Model.call(id, "2001")), from: Model.allControl)
        outputs += model.handle(Model.request("RETRIEVE_CALL_REQ", Model.call(id, "2001", prefix: "Held")), from: Model.allControl)
        outputs += model.handle(Model.request("RELEASE_CALL_REQ", Model.call(id, "2001")), from: Model.allControl)
        outputs += model.handle(Model.request("ANSWER_CALL_REQ", Model.call(id, "2001")), from: ControlRequester(services: 0x10))
        let names = try Self.check(outputs)
        #expect(names.isSuperset(of: ["CALL_RETRIEVED_EVENT", "RETRIEVE_CALL_CONF", "HOLD_CALL_CONF", "RELEASE_CALL_CONF", "FAILURE_CONF"]))
    }
}
