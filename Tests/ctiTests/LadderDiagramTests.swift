@testable import CTIConsole
import CTIProtocol
import Testing

/// The ladder's model driven message by message: which messages belong to a call
/// (``LadderCallFilter``) and the steps and columns they make (``LadderDiagram``).
struct LadderDiagramTests {
    static func event(_ name: String, calls: [UInt32], devices: [Field: String] = [:], time: Double? = nil) -> LadderMessage {
        LadderMessage(name: name, fromClient: false, time: time, calls: calls, invokeID: nil, devices: devices, isConfirmation: false)
    }

    @Test func liveFilterFollowsACallLinkedByAMessageNamingBoth() {
        var filter = LadderCallFilter(callID: 7)
        let admitted = [filter.admit(Self.event("CALL_DELIVERED_EVENT", calls: [8])), filter.admit(Self.event("CALL_TRANSFERRED_EVENT", calls: [7, 8])),
                        filter.admit(Self.event("END_CALL_EVENT", calls: [8])), filter.admit(Self.event("BEGIN_CALL_EVENT", calls: [9]))]
        #expect(admitted == [false, true, true, false])
        #expect(filter.calls == [7, 8])
        #expect(!filter.ends(Self.event("END_CALL_EVENT", calls: [8])))
        #expect(filter.ends(Self.event("END_CALL_EVENT", calls: [7])))
    }

    @Test func liveFilterTakesTheConfirmationOfARequestForTheCall() {
        var filter = LadderCallFilter(callID: 7)
        let request = LadderMessage(name: "ANSWER_CALL_REQ", fromClient: true, time: nil, calls: [7], invokeID: 4, devices: [:], isConfirmation: false)
        let confirmation = LadderMessage(name: "ANSWER_CALL_CONF", fromClient: false, time: nil, calls: [], invokeID: 4, devices: [:], isConfirmation: true)
        let other = LadderMessage(name: "QUERY_AGENT_STATE_CONF", fromClient: false, time: nil, calls: [], invokeID: 5, devices: [:], isConfirmation: true)
        let admitted = [filter.admit(request), filter.admit(confirmation), filter.admit(other)]
        #expect(admitted == [true, true, false])
    }

    /// A recording: the consult call's events before the transfer that links it, and the
    /// MAKE_CALL_REQ (no call ID) of the confirmation naming the call, are kept.
    @Test func selectLooksBothWaysInTime() {
        let make = LadderMessage(name: "MAKE_CALL_REQ", fromClient: true, time: nil, calls: [], invokeID: 2, devices: [:], isConfirmation: false)
        let made = LadderMessage(name: "MAKE_CALL_CONF", fromClient: false, time: nil, calls: [7], invokeID: 2, devices: [:], isConfirmation: true)
        let messages = [make, made, Self.event("CALL_DELIVERED_EVENT", calls: [8]), Self.event("CALL_DELIVERED_EVENT", calls: [9]),
                        Self.event("CALL_TRANSFERRED_EVENT", calls: [7, 8])]
        #expect(LadderCallFilter.select(messages, callID: 7) == [make, made, messages[2], messages[4]])
        #expect(LadderCallFilter.select(messages, callID: 1).isEmpty)
    }

    @Test func diagramColumnsAndArrows() {
        var diagram = LadderDiagram()
        let request = LadderMessage(name: "MAKE_CALL_REQ", fromClient: true, time: 10, calls: [], invokeID: 2, devices: [.agentInstrument: "2001"],
                                    isConfirmation: false)
        let confirmation = LadderMessage(name: "MAKE_CALL_CONF", fromClient: false, time: 10.5, calls: [7], invokeID: 2, devices: [:],
                                         isConfirmation: true)
        let steps = [diagram.add(request), diagram.add(confirmation)]
        #expect(steps == [LadderStep(kind: .request, label: "MAKE_CALL_REQ", time: 0, from: 0, to: 1),
                          LadderStep(kind: .confirmation, label: "MAKE_CALL_CONF", time: 0.5, from: 1, to: 0)])
        let delivered = Self.event("CALL_DELIVERED_EVENT", calls: [7], devices: [.callingDeviceID: "2001", .alertingDeviceID: "2002",
                                                                               .connectionDeviceID: "2002"], time: 11)
        let deliveredStep = diagram.add(delivered)
        #expect(deliveredStep == LadderStep(kind: .event, label: "CALL_DELIVERED_EVENT", time: 1, from: 1, to: 2))
        let held = Self.event("CALL_HELD_EVENT", calls: [7], devices: [.holdingDeviceID: "2001", .connectionDeviceID: "2001"], time: 12)
        let heldStep = diagram.add(held)
        #expect(heldStep.isNote && heldStep.to == 1)
        #expect(diagram.parties == [LadderDiagram.client, "2001", "2002"])
    }

    @Test func textRowsKeepTheirColumns() {
        let arrow = LadderStep(kind: .request, label: "MAKE_CALL_REQ", time: 1.5, from: 0, to: 1)
        let back = LadderStep(kind: .confirmation, label: "MAKE_CALL_CONF", time: nil, from: 1, to: 0)
        let note = LadderStep(kind: .event, label: "CALL_HELD_EVENT", time: 2, from: 1, to: 1)
        #expect(LadderTextRenderer.header(["CTI client", "2001"]) == String(repeating: " ", count: 23) + "CTI client" + String(repeating: " ", count: 27) + "2001")
        #expect(LadderTextRenderer.row(arrow, number: 1, partyCount: 2)
            == "    1.500                   |--------- MAKE_CALL_REQ -------->|")
        #expect(LadderTextRenderer.row(back, number: 2, partyCount: 2)
            == "       #2                   |<------- MAKE_CALL_CONF ---------|")
        #expect(LadderTextRenderer.row(note, number: 3, partyCount: 2)
            == "    2.000                   |                                 * CALL_HELD_EVENT")
    }

    @Test func mermaidEscapesWhatItReadsSpecially() {
        var diagram = LadderDiagram()
        diagram.add(Self.event("CALL_HELD_EVENT", calls: [7], devices: [.connectionDeviceID: "a;b#c"]))
        #expect(LadderMermaidRenderer.render(diagram, title: "Call 7")
            == "sequenceDiagram\n    title Call 7\n    participant P0 as CTI client\n    participant P1 as a#59;b#35;c\n    Note over P1: CALL_HELD_EVENT\n")
    }
}
