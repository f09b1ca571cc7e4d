@testable import CTISimulator
import Testing

/// The hand-off state machine alone (`session.md` §9), without sockets.
@Suite struct MaintenanceProcedureTests {
    let one = ConnectionID(value: 1), two = ConnectionID(value: 2)

    @Test func everyAcceptanceHandsOffThenEachStoppingClosesItsSession() {
        var (procedure, actions) = MaintenanceProcedure.start(asking: [one, two], firstInvokeID: 7)
        #expect(actions == [.sendRequest(one, invokeID: 7), .sendRequest(two, invokeID: 8), .startResponseTimer])
        #expect(procedure.responseReceived(from: one, accepted: true) == [])
        #expect(procedure.responseReceived(from: one, accepted: true) == [], "a second answer counts once")
        #expect(procedure.responseReceived(from: two, accepted: true) == [.handOff(notify: [one, two])])
        #expect(procedure.phase == .draining)
        #expect(procedure.stoppingReceived(from: one) == [.closeSession(one)])
        #expect(procedure.stoppingReceived(from: two) == [.closeSession(two), .finishDrain])
        #expect(procedure.phase == .finished)
    }

    @Test func aRejectionCancelsAtOnce() {
        var (procedure, _) = MaintenanceProcedure.start(asking: [one, two], firstInvokeID: 1)
        #expect(procedure.responseReceived(from: two, accepted: false) == [.cancel(notify: [one, two], rejectedBy: [two])])
        #expect(procedure.responseDeadlinePassed() == [])
    }

    @Test func silenceAtTheDeadlineIsARejection() {
        var (procedure, _) = MaintenanceProcedure.start(asking: [one, two], firstInvokeID: 1)
        _ = procedure.responseReceived(from: one, accepted: true)
        #expect(procedure.responseDeadlinePassed() == [.cancel(notify: [one, two], rejectedBy: [two])])
    }

    @Test func nobodyToAskHandsOffAndDrainsAtOnce() {
        let (procedure, actions) = MaintenanceProcedure.start(asking: [], firstInvokeID: 1)
        #expect(actions == [.handOff(notify: []), .finishDrain])
        #expect(procedure.phase == .finished)
    }

    @Test func aSessionThatLeavesIsNoLongerAwaited() {
        var (procedure, _) = MaintenanceProcedure.start(asking: [one, two], firstInvokeID: 1)
        _ = procedure.responseReceived(from: one, accepted: true)
        #expect(procedure.sessionGone(two) == [.handOff(notify: [one])])
        #expect(procedure.sessionGone(one) == [.finishDrain])
    }

    @Test func theDrainDeadlineClosesWhatIsLeft() {
        var (procedure, _) = MaintenanceProcedure.start(asking: [one], firstInvokeID: 1)
        _ = procedure.responseReceived(from: one, accepted: true)
        #expect(procedure.drainDeadlinePassed() == [.finishDrain])
        #expect(procedure.stoppingReceived(from: one) == [])
    }
}
