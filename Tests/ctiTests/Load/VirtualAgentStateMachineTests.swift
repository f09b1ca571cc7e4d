@testable import CTIConsole
import CTIProtocol
import Testing

/// The virtual agent of `cti load` driven step by step: each input's exact actions.
@Suite struct VirtualAgentStateMachineTests {
    typealias Machine = VirtualAgentStateMachine

    /// Fixed times, no not-ready periods: every draw is known.
    static let model = WorkModel(answerAfter: .fixed(.seconds(1)), talk: .fixed(.seconds(30)), wrapUp: .fixed(.seconds(5)),
                                 notReadyChance: 0, notReadyTime: .fixed(.seconds(20)), reasonCodes: [7], dialedNumber: "9195550123")

    /// A machine logged in and available (tokens used: none).
    static func available(model: WorkModel = model, nailedPhone: String? = nil) -> Machine {
        var machine = Machine(model: model, seed: 1, nailedPhone: nailedPhone)
        _ = machine.handle(.opened)
        _ = machine.handle(.confirmed(.queryState, .agentState(.available)))
        return machine
    }

    @Test func aLoggedOutAgentLogsInThenGetsReady() {
        var machine = Machine(model: Self.model, seed: 1)
        #expect(machine.phase == .connecting)
        #expect(machine.handle(.opened) == [.send(.queryState)])
        #expect(machine.phase == .learning)
        #expect(machine.handle(.confirmed(.queryState, .agentState(.logout))) == [.send(.login)])
        #expect(machine.phase == .working)
        #expect(machine.handle(.confirmed(.login, .done)) == [])
        #expect(machine.handle(.agentState(.login)) == [])
        #expect(machine.handle(.agentState(.notReady)) == [.send(.ready)])
        #expect(machine.handle(.confirmed(.ready, .done)) == [])
        #expect(machine.handle(.agentState(.available)) == [])
        #expect(machine.isIdleAndAvailable)
    }

    @Test func anOfferedCallIsAnsweredTalkedHungUpAndWrappedUp() {
        var machine = Self.available()
        #expect(machine.handle(.delivered(callID: 7)) == [.arm(.answer, after: .seconds(1), token: 1)])
        #expect(machine.handle(.agentState(.reserved)) == [])
        #expect(machine.handle(.timer(.answer, token: 1)) == [.send(.answer(callID: 7))])
        #expect(machine.handle(.confirmed(.answer(callID: 7), .done)) == [])
        #expect(machine.handle(.established(callID: 7)) == [.arm(.talk, after: .seconds(30), token: 2)])
        #expect(machine.handle(.agentState(.talking)) == [])
        #expect(machine.handle(.timer(.talk, token: 2)) == [.send(.hangUp(callID: 7))])
        #expect(machine.handle(.confirmed(.hangUp(callID: 7), .done)) == [])
        #expect(machine.call == nil)
        #expect(machine.handle(.ended(callID: 7)) == [])
        #expect(machine.handle(.agentState(.workReady)) == [.arm(.wrapUp, after: .seconds(5), token: 3)])
        #expect(machine.handle(.timer(.wrapUp, token: 3)) == [.send(.ready)])
        #expect(machine.handle(.agentState(.available)) == [])
    }

    @Test func aStaleTimerIsIgnored() {
        var machine = Self.available()
        _ = machine.handle(.delivered(callID: 7))
        // The caller hangs up before the answer: the answer timer fires for nothing.
        #expect(machine.handle(.ended(callID: 7)) == [])
        #expect(machine.handle(.timer(.answer, token: 1)) == [])
        #expect(machine.handle(.timer(.talk, token: 99)) == [])
    }

    @Test func afterAWrapUpTheAgentMayGoNotReadyWithAReasonCode() {
        var model = Self.model
        model.notReadyChance = 1
        model.reasonCodes = [42]
        var machine = Self.available(model: model)
        #expect(machine.handle(.agentState(.workNotReady)) == [.arm(.wrapUp, after: .seconds(5), token: 1)])
        #expect(machine.handle(.timer(.wrapUp, token: 1)) == [.send(.notReady(reason: 42)), .arm(.notReady, after: .seconds(20), token: 2)])
        // Its own not-ready period: not undone by the state event.
        #expect(machine.handle(.agentState(.notReady)) == [])
        #expect(machine.handle(.timer(.notReady, token: 2)) == [.send(.ready)])
    }

    @Test func aNotReadyTheAgentDidNotAskForIsMadeReady() {
        var machine = Self.available()
        #expect(machine.handle(.agentState(.notReady)) == [.send(.ready)])
    }

    @Test func aLostSessionIsRecoveredWhenTheStateIsLearnedAgain() {
        var machine = Self.available()
        #expect(machine.handle(.lost) == [])
        #expect(machine.phase == .connecting)
        #expect(machine.handle(.opened) == [.send(.queryState)])
        #expect(machine.handle(.confirmed(.queryState, .agentState(.available))) == [.recovered])
        #expect(machine.phase == .working)
        // The first learning (no loss before it) is no recovery.
        var fresh = Machine(model: Self.model, seed: 1)
        _ = fresh.handle(.opened)
        #expect(fresh.handle(.confirmed(.queryState, .agentState(.available))) == [])
    }

    @Test func aCallInProgressGoesOnAfterTheRecovery() {
        var machine = Self.available()
        _ = machine.handle(.delivered(callID: 7))
        _ = machine.handle(.timer(.answer, token: 1))
        _ = machine.handle(.confirmed(.answer(callID: 7), .done))
        _ = machine.handle(.established(callID: 7))
        #expect(machine.handle(.lost) == [])
        // The talk timer armed before the loss is forgotten; a new one is armed once learned.
        #expect(machine.handle(.timer(.talk, token: 2)) == [])
        _ = machine.handle(.opened)
        #expect(machine.handle(.confirmed(.queryState, .agentState(.talking))) == [.recovered, .arm(.talk, after: .seconds(30), token: 3)])
    }

    @Test func aCallTheAgentDidNotKnowOfIsFoundWithASnapshot() {
        var machine = Machine(model: Self.model, seed: 1)
        _ = machine.handle(.opened)
        #expect(machine.handle(.confirmed(.queryState, .agentState(.reserved))) == [.send(.snapshotDevice)])
        let calls = [Machine.DeviceCall(callID: 9, alerting: true)]
        #expect(machine.handle(.confirmed(.snapshotDevice, .calls(calls))) == [.arm(.answer, after: .seconds(1), token: 1)])
        #expect(machine.call == Machine.Call(callID: 9, connected: false))
    }

    @Test func anOutboundCallWaitsForTheFarEndThenTalks() {
        var machine = Self.available()
        #expect(machine.handle(.makeCall(dialed: "9195550123")) == [.send(.makeCall(dialed: "9195550123"))])
        #expect(machine.handle(.confirmed(.makeCall(dialed: "9195550123"), .newCall(5))) == [])
        // Dialing shows as TALKING: no answer timer for a call the agent made.
        #expect(machine.handle(.agentState(.talking)) == [])
        #expect(machine.handle(.established(callID: 5)) == [.arm(.talk, after: .seconds(30), token: 1)])
        #expect(!machine.isIdleAndAvailable)
        #expect(machine.handle(.makeCall(dialed: "1")) == [])
    }

    @Test func stopFromAvailableGoesNotReadyLogsOutAndCloses() {
        var machine = Self.available()
        #expect(machine.handle(.stop) == [.send(.notReady(reason: 0))])
        #expect(machine.phase == .stopping)
        #expect(machine.handle(.confirmed(.notReady(reason: 0), .done)) == [])
        #expect(machine.handle(.agentState(.notReady)) == [.send(.logout)])
        #expect(machine.handle(.confirmed(.logout, .done)) == [.close])
        #expect(machine.phase == .closed)
        #expect(machine.handle(.agentState(.logout)) == [])
    }

    @Test func stopOnACallHangsUpFirst() {
        var machine = Self.available()
        _ = machine.handle(.delivered(callID: 7))
        _ = machine.handle(.timer(.answer, token: 1))
        _ = machine.handle(.established(callID: 7))
        _ = machine.handle(.agentState(.talking))
        #expect(machine.handle(.stop) == [.send(.hangUp(callID: 7))])
        // Timers armed before the stop do nothing.
        #expect(machine.handle(.timer(.talk, token: 2)) == [])
        #expect(machine.handle(.ended(callID: 7)) == [.send(.notReady(reason: 0))])
        #expect(machine.handle(.agentState(.workReady)) == [])
        #expect(machine.handle(.agentState(.notReady)) == [.send(.logout)])
        #expect(machine.handle(.confirmed(.logout, .done)) == [.close])
    }

    @Test func aCallHungUpJustBeforeTheStopIsNotHungUpAgain() {
        var machine = Self.available()
        _ = machine.handle(.delivered(callID: 7))
        _ = machine.handle(.timer(.answer, token: 1))
        _ = machine.handle(.established(callID: 7))
        _ = machine.handle(.agentState(.talking))
        _ = machine.handle(.timer(.talk, token: 2))
        // The hang-up is confirmed; its events are still on their way when the stop comes.
        _ = machine.handle(.confirmed(.hangUp(callID: 7), .done))
        #expect(machine.handle(.stop) == [.send(.notReady(reason: 0))])
        #expect(machine.handle(.ended(callID: 7)) == [])
    }

    @Test func aCallOfferedWhileStoppingIsRefused() {
        var machine = Self.available()
        _ = machine.handle(.stop)
        #expect(machine.handle(.delivered(callID: 8)) == [.send(.hangUp(callID: 8))])
        #expect(machine.handle(.delivered(callID: 8)) == [])
    }

    @Test func stopBeforeTheSessionOpenedOrWhileLoggedOutCloses() {
        var connecting = Machine(model: Self.model, seed: 1)
        #expect(connecting.handle(.stop) == [.close])
        var loggedOut = Machine(model: Self.model, seed: 1)
        _ = loggedOut.handle(.opened)
        _ = loggedOut.handle(.confirmed(.queryState, .agentState(.logout)))
        _ = loggedOut.handle(.refused(.login))
        #expect(loggedOut.agentState == .logout)
        #expect(loggedOut.handle(.stop) == [.close])
    }

    @Test func aRefusalWhileStoppingClosesAndALostSessionToo() {
        var refused = Self.available()
        _ = refused.handle(.stop)
        #expect(refused.handle(.refused(.notReady(reason: 0))) == [.close])
        var lost = Self.available()
        _ = lost.handle(.stop)
        #expect(lost.handle(.lost) == [.close])
    }

    @Test func theNailedConnectionIsNotAWorkCall() {
        var machine = Self.available(nailedPhone: "9195552001")
        #expect(machine.handle(.persistentCall(callID: 100)) == [])
        #expect(machine.handle(.established(callID: 100)) == [])
        #expect(machine.call == nil)
        #expect(machine.handle(.ended(callID: 100)) == [.persistentLost])
        // Ended by the logout: not a loss.
        var stopping = Self.available(nailedPhone: "9195552001")
        _ = stopping.handle(.persistentCall(callID: 100))
        _ = stopping.handle(.stop)
        #expect(stopping.handle(.ended(callID: 100)) == [])
    }

    @Test func theSameSeedDrawsTheSameTimes() {
        var model = Self.model
        model.talk = .uniform(.seconds(20), .seconds(40))
        func talkTime(seed: UInt64) -> [Machine.Action] {
            var machine = Machine(model: model, seed: seed)
            _ = machine.handle(.opened)
            _ = machine.handle(.confirmed(.queryState, .agentState(.available)))
            _ = machine.handle(.delivered(callID: 1))
            return machine.handle(.established(callID: 1))
        }
        #expect(talkTime(seed: 5) == talkTime(seed: 5))
        guard case .arm(.talk, let after, _)? = talkTime(seed: 5).first else {
            Issue.record("no talk timer")
            return
        }
        #expect(after >= .seconds(20) && after <= .seconds(40))
    }
}
