import CTIProtocol
import Testing
@testable import CTISimulator

/// The seeded traffic generator, driven by simulated time.
@Suite struct TrafficTests {
    struct Step: Hashable {
        var name: String
        var callID: UInt32?
        var device: String?
        var agentState: UInt32?
    }

    static func run(seed: UInt64, seconds: Int = 60) -> [Step] {
        var model = Model.make(agents: 3, rate: 0.5, seed: seed)
        var steps: [Step] = []
        for tenth in 1...(seconds * 10) {
            for output in model.advance(to: Double(tenth) / 10) {
                let fields = output.message.fields
                steps.append(Step(name: output.message.name, callID: fields?.number(.connectionCallID),
                                  device: fields?.string(.connectionDeviceID) ?? fields?.string(.agentInstrument),
                                  agentState: fields?.number(.agentState)))
            }
        }
        return steps
    }

    @Test func theSameSeedGivesTheSameSequence() {
        let first = Self.run(seed: 42)
        #expect(first.count > 50)
        #expect(first == Self.run(seed: 42))
        #expect(first != Self.run(seed: 43))
    }

    @Test func agentsCycleThroughReservedTalkingWorkAndAvailable() {
        let steps = Self.run(seed: 5, seconds: 40)
        let states = steps.compactMap { $0.name == "AGENT_STATE_EVENT" && $0.device == "2001" ? $0.agentState : nil }
        let cycle = [AgentStates.reserved, AgentStates.talking, AgentStates.workReady, AgentStates.available]
        #expect(Array(states.prefix(4)) == cycle)
        let begun = Set(steps.filter { $0.name == "BEGIN_CALL_EVENT" }.compactMap(\.callID))
        let ended = Set(steps.filter { $0.name == "END_CALL_EVENT" }.compactMap(\.callID))
        #expect(begun.count >= 5)
        #expect(ended.count >= 3 && ended.isSubset(of: begun))
    }

    @Test func attendedPhonesDoNotAutoAnswer() {
        var model = Model.make(agents: 1, rate: 1, seed: 3)
        model.attendedDevices = ["2001"]
        let outputs = model.advance(to: 30)
        #expect(outputs.names.contains("CALL_DELIVERED_EVENT"))
        #expect(!outputs.names.contains("CALL_ESTABLISHED_EVENT"))
        #expect(model.droppedCalls > 0)
    }
}
