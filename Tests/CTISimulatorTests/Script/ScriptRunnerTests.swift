import CTIProtocol
@testable import CTISimulator
import NIOCore
import Testing

/// The script state machine alone, stepped with messages and instants (no sockets, no timers).
@Suite struct ScriptRunnerTests {
    let origin = NIODeadline.uptimeNanoseconds(1_000_000_000)

    func at(_ milliseconds: Int64) -> NIODeadline { origin + .milliseconds(milliseconds) }

    static func request(_ name: String, _ assignments: [String]) throws -> CTIMessage {
        .fields(try FieldAssignment().build(name, assignments: assignments))
    }

    static func message(_ name: String, _ assignments: [String] = []) throws -> ScriptMessage {
        .message(try request(name, assignments))
    }

    static func expect(_ name: String, _ assignments: [String] = [], timeout: TimeAmount = .seconds(10)) throws -> ScriptStep {
        .expect(try ExpectedRequest(name: name, assignments: assignments), timeout: timeout)
    }

    func runner(_ steps: [ScriptStep], mode: ServerScript.Mode = .strict) -> ScriptRunner {
        ScriptRunner(script: ServerScript(steps: steps, mode: mode, scope: .firstSession), origin: origin)
    }

    @Test func anExpectMatchedByTypeAndFieldsIsRepliedWithTheRequestsInvokeID() throws {
        var run = runner([try Self.expect("MAKE_CALL_REQ", ["DialedNumber=5551234"]),
                          .reply(try Self.message("MAKE_CALL_CONF", ["NewConnectionCallID=77"]))])
        #expect(run.next(now: at(0)) == .sleep(until: at(10_000)), "waits for the request until its timeout")
        #expect(run.received(try Self.request("MAKE_CALL_REQ", ["InvokeID=42", "DialedNumber=5551234", "AgentInstrument=2001"])))
        let reply = try Self.message("MAKE_CALL_CONF", ["InvokeID=42", "NewConnectionCallID=77"])
        #expect(run.next(now: at(5)) == .send(reply))
        #expect(run.next(now: at(5)) == .finished)
        #expect(run.isOver)
    }

    @Test func aFieldThatDiffersFailsTheStepNamingItAndTheField() throws {
        var run = runner([try Self.expect("MAKE_CALL_REQ", ["DialedNumber=5551234"])])
        _ = run.received(try Self.request("MAKE_CALL_REQ", ["DialedNumber=5550000"]))
        let failure = ScriptFailure(step: 1, stepDescription: "expect MAKE_CALL_REQ DialedNumber=5551234",
                                    reason: "DialedNumber is \"5550000\", expected \"5551234\"")
        #expect(run.next(now: at(1)) == .failed(failure))
        #expect(failure.description == "step 1 (expect MAKE_CALL_REQ DialedNumber=5551234): DialedNumber is \"5550000\", expected \"5551234\"")
        #expect(run.received(try Self.request("MAKE_CALL_REQ", ["DialedNumber=5551234"])) == false, "a failed run takes nothing")
    }

    @Test func anotherRequestFailsAStrictExpect() throws {
        var run = runner([.wait(.milliseconds(100)), try Self.expect("MAKE_CALL_REQ")])
        _ = run.received(try Self.request("CLEAR_CALL_REQ", []))
        #expect(run.next(now: at(0)) == .sleep(until: at(100)))
        #expect(run.next(now: at(100)) == .failed(ScriptFailure(step: 2, stepDescription: "expect MAKE_CALL_REQ", reason: "got CLEAR_CALL_REQ")))
    }

    @Test func anExpectTimesOutAtItsDeadlineNotBefore() throws {
        var run = runner([try Self.expect("MAKE_CALL_REQ", timeout: .seconds(2))])
        #expect(run.next(now: at(1_999)) == .sleep(until: at(2_000)))
        #expect(run.next(now: at(2_000)) == .failed(ScriptFailure(step: 1, stepDescription: "expect MAKE_CALL_REQ", reason: "not received within 2 s")))
    }

    @Test func stepsRunInOrderSendWaitFail() throws {
        let event = try Self.message("AGENT_STATE_EVENT", ["AgentState=TALKING"])
        var run = runner([.send(event, at: nil), .wait(.milliseconds(1_500)), .fail(try FailStep("B:offline")), .send(event, at: nil)])
        #expect(run.next(now: at(0)) == .send(event))
        #expect(run.next(now: at(0)) == .sleep(until: at(1_500)))
        #expect(run.next(now: at(1_000)) == .sleep(until: at(1_500)), "woken early: sleeps on")
        #expect(run.next(now: at(1_500)) == .runCommand("offline B"))
        #expect(run.next(now: at(1_500)) == .send(event))
        #expect(run.next(now: at(1_500)) == .finished)
    }

    @Test func aRequestBeforeItsExpectWaitsForIt() throws {
        var run = runner([.wait(.seconds(1)), try Self.expect("MAKE_CALL_REQ")])
        #expect(run.received(try Self.request("MAKE_CALL_REQ", ["InvokeID=3"])))
        #expect(run.next(now: at(0)) == .sleep(until: at(1_000)))
        #expect(run.next(now: at(1_000)) == .finished)
    }

    @Test func theSessionClosingWithAnExpectLeftFailsTheCurrentStep() throws {
        var run = runner([try Self.expect("MAKE_CALL_REQ"), .wait(.seconds(1))])
        _ = run.next(now: at(0))
        #expect(run.sessionClosed() == ScriptFailure(step: 1, stepDescription: "expect MAKE_CALL_REQ", reason: "the session closed first"))
        var done = runner([])
        #expect(done.next(now: at(0)) == .finished)
        #expect(done.sessionClosed() == nil)
        var serverStepsLeft = runner([.wait(.seconds(1)), .fail(try FailStep("A"))])
        _ = serverStepsLeft.next(now: at(0))
        #expect(serverStepsLeft.sessionClosed() == nil, "no expect left: the client did all it had to")
        #expect(serverStepsLeft.next(now: at(0)) == .finished)
        var replay = runner([.wait(.seconds(1))], mode: .replay)
        _ = replay.next(now: at(0))
        #expect(replay.sessionClosed() == ScriptFailure(step: 1, stepDescription: "wait 1 s", reason: "the session closed first"),
                "a replay not wholly sent")
    }

    @Test func aReplayTakesOnlyTheRequestsItExpectsAndSkipsAnExpectThatTimesOut() throws {
        let confirmation = try Self.message("CLEAR_CALL_CONF")
        let later = try Self.message("END_CALL_EVENT")
        var run = runner([try Self.expect("CLEAR_CALL_REQ", timeout: .seconds(5)), .reply(confirmation), .send(later, at: .seconds(6))],
                         mode: .replay)
        #expect(run.received(try Self.request("MAKE_CALL_REQ", [])) == false, "not in the recording: the simulator answers it")
        #expect(run.next(now: at(0)) == .sleep(until: at(5_000)))
        #expect(run.next(now: at(5_000)) == .note("step 1 (expect CLEAR_CALL_REQ): not received within 5 s: skipped with its reply"))
        #expect(run.next(now: at(5_000)) == .sleep(until: at(6_000)), "a send waits for its recorded offset from the start")
        #expect(run.next(now: at(6_000)) == .send(later))
        #expect(run.next(now: at(6_000)) == .finished)
    }

    @Test func aRecordedFrameGetsTheClientsInvokeIDPatchedInPlace() throws {
        let version = ProtocolVersion.v25
        let encoded = try CTIMessageEncoder(version: version).encode(try Self.request("CLEAR_CALL_CONF", ["InvokeID=9"]))
        let frame = CTIFrame(encoded: encoded)
        var run = runner([try Self.expect("CLEAR_CALL_REQ"), .reply(.frame(frame, version: version))], mode: .replay)
        #expect(run.received(try Self.request("CLEAR_CALL_REQ", ["InvokeID=1234"])))
        var patched = frame
        patched.body.setInteger(UInt32(1234), at: patched.body.readerIndex)
        #expect(run.next(now: at(0)) == .send(.frame(patched, version: version)))
        #expect(Array(patched.bytes.readableBytesView.dropFirst(12)) == Array(frame.bytes.readableBytesView.dropFirst(12)), "the rest byte for byte")
    }
}
