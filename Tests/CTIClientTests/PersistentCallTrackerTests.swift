import CTIProtocol
import NIOCore
import Testing
@testable import CTIClient

@Suite struct PersistentCallTrackerTests {
    func event(_ name: String, callID: UInt32, flagged: Bool = false) throws -> ClientEvent {
        var fields = try MessageFields(named: name)
        try fields.set(.connectionCallID, .number(callID))
        try fields.set(.connectionDeviceID, .text("5001"))
        if flagged { try fields.append(.namedVariable, .namedVariable(name: "user.PersistentCall", value: "1")) }
        return ClientEvent(timestamp: 1000, sequence: 1, side: .a, kind: .message(.fields(fields), CTIFrame(type: 0, body: ByteBuffer())))
    }

    @Test func flaggedCallsAreLearnedMarkedAndForgottenWhenTheyEnd() throws {
        let tracker = PersistentCallTracker()
        #expect(tracker.observe(try event("CALL_DELIVERED_EVENT", callID: 7)) == nil, "unknown and not flagged")
        #expect(tracker.observe(try event("BEGIN_CALL_EVENT", callID: 7, flagged: true)) == .init(tapiState: "NEWCALL 0x00004000"))
        #expect(tracker.observe(try event("CALL_DELIVERED_EVENT", callID: 7)) == .init(tapiState: "OFFERING|PERSISTENT 0x20000002"))
        #expect(tracker.observe(try event("CALL_ESTABLISHED_EVENT", callID: 7)) == .init(tapiState: "CONNECTED|PERSISTENT 0x20000100"))
        #expect(tracker.known.map(\.callID) == [7])
        #expect(tracker.observe(try event("CALL_ESTABLISHED_EVENT", callID: 8)) == nil, "another call is not marked")
        #expect(tracker.observe(try event("END_CALL_EVENT", callID: 7)) == .init(tapiState: "IDLE|PERSISTENT 0x20000001"))
        #expect(tracker.known.isEmpty)
    }

    @Test func callsMadeByThisConsoleAreKnownFromTheirConfirmation() throws {
        let tracker = PersistentCallTracker()
        tracker.add(callID: 9, device: "5001", at: 5)
        #expect(tracker.observe(try event("CALL_DELIVERED_EVENT", callID: 9)) == .init(tapiState: "OFFERING|PERSISTENT 0x20000002"))
    }

    @Test(arguments: [
        (CTIClientError.controlFailed(failureCode: .invalidCalledDevice, peripheralErrorCode: .noActiveRDSet),
         "no active remote destination on 5001 (LINEERR_OPERATION_FAIL_NO_ACTIVE_RD_SET)"),
        (.controlFailed(failureCode: .invalidCallingDevice, peripheralErrorCode: .persistentCallCreateFailed), "5001 is not a CTI Remote Device"),
        (.controlFailed(failureCode: .resourceLimitationRejection, peripheralErrorCode: .persistentCallCreateFailed), "capacity is reached"),
        (.requestFailed(status: .invalidMessageLength), "this server does not support persistent calls; use `agent login --nailed`"),
        (.requestFailed(status: .invalidMsgTypeForVersion), "this server does not support persistent calls"),
    ])
    func refusalsSayTheRuleAndCiscosName(error: CTIClientError, text: String) {
        #expect(PersistentRefusal.explain(error, device: "5001").contains(text))
    }

    @Test func aDropRefusedForAnActiveCustomerCallIsDeferred() {
        let error = CTIClientError.controlFailed(failureCode: .genericStateIncompatibility, peripheralErrorCode: .persistentCallDropFailedCallActive)
        #expect(PersistentRefusal.isDeferredDrop(error))
        #expect(PersistentRefusal.explain(error, device: "5001").contains("will be dropped when that call ends"))
        #expect(!PersistentRefusal.isDeferredDrop(.controlFailed(failureCode: .genericStateIncompatibility, peripheralErrorCode: .operationNotAvailableInCurrentState)))
    }

    @Test func aReconnectRebuildsTheViewFromTheServersSnapshot() throws {
        let tracker = PersistentCallTracker()
        tracker.add(callID: 1, device: "5001", at: 0)
        tracker.add(callID: 2, device: "5002", at: 0)
        tracker.rebuild(device: "5001", callIDs: [3], at: 10)
        #expect(Set(tracker.known.map(\.callID)) == [2, 3], "1 ended meanwhile, 3 was made meanwhile, 5002 untouched")
        #expect(tracker.observe(try event("CALL_ESTABLISHED_EVENT", callID: 3)) == .init(tapiState: "CONNECTED|PERSISTENT 0x20000100"))
    }
}
