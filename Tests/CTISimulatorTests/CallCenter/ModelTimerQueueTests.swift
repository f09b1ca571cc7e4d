@testable import CTISimulator
import CTIProtocol
import Testing

/// The model's timer heap: timers come out by (due, sequence) whatever the order they went in,
/// and taking some out or rewriting their actions keeps that order.
@Suite struct ModelTimerQueueTests {
    static func drain(_ queue: inout ModelTimerQueue) -> [Int] {
        var order: [Int] = []
        while let timer = queue.removeFirst() { order.append(timer.sequence) }
        return order
    }

    @Test func timersComeOutByDueTimeThenSequence() {
        var random = SplitMix64(seed: 9)
        var queue = ModelTimerQueue()
        var expected: [(Double, Int)] = []
        for sequence in 0..<500 {
            // Few distinct times, so that ties are many and the sequence decides.
            let due = Double(random.next() % 20)
            queue.insert(ModelTimer(due: due, sequence: sequence, action: .customerHangUp(callID: UInt32(sequence))))
            expected.append((due, sequence))
        }
        #expect(queue.count == 500)
        #expect(queue.first?.due == 0)
        #expect(Self.drain(&queue) == expected.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.1))
        #expect(queue.first == nil)
        #expect(queue.removeFirst() == nil)
    }

    @Test func removingAndRewritingKeepTheOrder() {
        var queue = ModelTimerQueue()
        for sequence in 0..<100 {
            let action: ModelTimer.Action = sequence % 3 == 0
                ? .wrapUpEnd(agentID: "100\(sequence % 2)", generation: sequence) : .farEndAnswer(callID: UInt32(sequence % 7), device: "2001")
            queue.insert(ModelTimer(due: Double(100 - sequence), sequence: sequence, action: action))
        }
        queue.removeAll { if case .wrapUpEnd("1000", _) = $0 { return true } else { return false } }
        queue.rewrite { action in
            if case .farEndAnswer(3, let device) = action { action = .farEndAnswer(callID: 99, device: device) }
        }
        var remaining: [ModelTimer] = []
        while let timer = queue.removeFirst() { remaining.append(timer) }
        // Wrap-ups of agent 1000 are the sequences divisible by 6.
        #expect(remaining.count == 100 - 17)
        #expect(!remaining.contains { $0.sequence % 6 == 0 })
        #expect(remaining.map(\.due) == remaining.map(\.due).sorted())
        #expect(!remaining.contains { $0.action == .farEndAnswer(callID: 3, device: "2001") })
        #expect(remaining.filter { $0.action == .farEndAnswer(callID: 99, device: "2001") }.count
                == (0..<100).filter { $0 % 3 != 0 && $0 % 7 == 3 }.count)
    }
}

/// An agent who ends its own wrap-up leaves no timer behind (`cti load`'s agents all do).
@Suite struct WrapUpTimerTests {
    @Test func settingTheStateTakesTheWrapUpTimerOut() throws {
        var model = Model.make()
        let (id, _) = try model.callIn(to: "2001").get()
        _ = model.handle(Model.request("ANSWER_CALL_REQ", Model.call(id, "2001")), from: Model.own("2001"))
        let before = model.timers.count
        let cleared = model.handle(Model.request("CLEAR_CONNECTION_REQ", Model.call(id, "2001")), from: Model.own("2001"))
        #expect(cleared.agentStates == [AgentStates.workReady])
        #expect(model.timers.count == before + 1, "the wrap-up timer")
        let ready = model.handle(Model.request("SET_AGENT_STATE_REQ", ["AgentState=3", "AgentWorkMode=0", "NumSkillGroups=0",
                                                                        "EventReasonCode=0", "ForcedFlag=0", "AgentServiceReq=0",
                                                                        "AgentInstrument=2001"]), from: Model.own("2001"))
        #expect(ready.agentStates == [AgentStates.available])
        #expect(model.timers.count == before, "no wrap-up timer left")
        // Nothing happens when its time would have come.
        #expect(model.advance(to: model.now + 10).agentStates.isEmpty)
    }
}
