import CTIProtocol
import Testing
@testable import CTISimulator

/// ``EventRouting``: service and masks.
@Suite struct EventRoutingTests {
    static func session(services: UInt32, callMask: UInt32, agentMask: UInt32) -> OpenSession {
        OpenSession(clientID: "t", versionNumber: 25, services: services, sessionType: .active, device: nil, idleTimeout: nil,
                    callMessageMask: callMask, agentStateMask: agentMask)
    }

    @Test func agentStateMaskBitsSkipUnknown() {
        #expect(AgentStates.maskBit(0) == 0x1)
        #expect(AgentStates.maskBit(8) == 0x100)
        #expect(AgentStates.maskBit(9) == 0)
        #expect(AgentStates.maskBit(10) == 0x200)
        #expect(AgentStates.maskBit(14) == 0x2000)
    }

    @Test func serviceDeviceAndMasksDecide() {
        let messages = CallEventMessages(peripheralID: 5000)
        var model = Model.make()
        let held = (try? model.callIn(to: "2001").get())!.outputs
        let delivered = held.first { $0.message.name == "CALL_DELIVERED_EVENT" }!.message
        let state = messages.agentState(model.agents[0])
        let all = Self.session(services: 0x10, callMask: 0x1, agentMask: 0x100)
        #expect(EventRouting.accepts(delivered, about: ["2001"], session: all, device: nil))
        #expect(EventRouting.accepts(state, about: ["2001"], session: all, device: nil))
        let allNoMask = Self.session(services: 0x10, callMask: 0x4, agentMask: 0x8)
        #expect(!EventRouting.accepts(delivered, about: ["2001"], session: allNoMask, device: nil))
        #expect(!EventRouting.accepts(state, about: ["2001"], session: allNoMask, device: nil))
        let client = Self.session(services: 0x01, callMask: 0xFFFF_FFFF, agentMask: 0x3FFF)
        #expect(EventRouting.accepts(delivered, about: ["2001"], session: client, device: "2001"))
        #expect(!EventRouting.accepts(delivered, about: ["2001"], session: client, device: "2002"))
        #expect(!EventRouting.accepts(delivered, about: ["2001"], session: Self.session(services: 0x04, callMask: 0xFFFF_FFFF, agentMask: 0),
                                      device: nil))
    }
}
