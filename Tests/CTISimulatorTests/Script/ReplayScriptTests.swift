import CTIProtocol
@testable import CTISimulator
import NIOCore
import Testing

/// A recorded session compiled into replay steps: what is skipped, what is sent when, and
/// which confirmations wait for the client's request.
@Suite struct ReplayScriptTests {
    static let version = ProtocolVersion.v25

    static func frame(_ name: String, _ assignments: [String] = []) throws -> CTIFrame {
        CTIFrame(encoded: try CTIMessageEncoder(version: version).encode(.fields(try FieldAssignment().build(name, assignments: assignments))))
    }

    static func recorded(_ name: String, _ assignments: [String] = [], client: Bool = false, ms: Int64?) throws -> RecordedFrame {
        RecordedFrame(frame: try frame(name, assignments), fromClient: client, time: ms.map { .milliseconds($0) })
    }

    static func session(withTimes: Bool) throws -> [RecordedFrame] {
        func time(_ ms: Int64) -> Int64? { withTimes ? ms : nil }
        return [
            try recorded("OPEN_REQ", ["InvokeID=1", "VersionNumber=25", "ClientID=x", "ClientPassword="], client: true, ms: time(0)),
            try recorded("OPEN_CONF", ["InvokeID=1"], ms: time(200)),
            try recorded("SYSTEM_EVENT", ms: time(300)),
            try recorded("HEARTBEAT_REQ", ["InvokeID=2"], client: true, ms: time(400)),
            try recorded("HEARTBEAT_CONF", ["InvokeID=2"], ms: time(401)),
            try recorded("CLEAR_CALL_REQ", ["InvokeID=3", "ConnectionDeviceID=2001"], client: true, ms: time(500)),
            try recorded("CLEAR_CALL_CONF", ["InvokeID=3"], ms: time(510)),
            try recorded("END_CALL_EVENT", ["ConnectionDeviceID=2001"], ms: time(1_200)),
        ]
    }

    @Test func serverMessagesAfterOpenConfAreSentAtTheirOffsetDividedByTheSpeed() throws {
        let frames = try Self.session(withTimes: true)
        let script = ReplayScript.compile(frames, version: Self.version, speed: .factor(2))
        #expect(script.mode == .replay && script.scope == .everySession)
        #expect(script.steps == [
            .send(.frame(frames[2].frame, version: Self.version), at: .milliseconds(50)),
            .expect(try ExpectedRequest(name: "CLEAR_CALL_REQ"), timeout: ReplayScript.requestWait),
            .reply(.frame(frames[6].frame, version: Self.version)),
            .send(.frame(frames[7].frame, version: Self.version), at: .milliseconds(500)),
        ])
    }

    @Test func atMaxSpeedOrWithoutTimesNothingWaits() throws {
        for (frames, speed) in [(try Self.session(withTimes: true), ReplaySpeed.max), (try Self.session(withTimes: false), .factor(1))] {
            let sends = ReplayScript.compile(frames, version: Self.version, speed: speed).steps.compactMap { step -> TimeAmount?? in
                if case .send(_, let at) = step { return at }
                return nil
            }
            #expect(sends.count == 2 && sends.allSatisfy { $0 == nil })
        }
    }

    @Test func aRawRecordingWithoutOpenConfIsPlayedFromItsFirstFrame() throws {
        let events = [try Self.recorded("SYSTEM_EVENT", ms: nil), try Self.recorded("END_CALL_EVENT", ["ConnectionDeviceID=2001"], ms: nil)]
        #expect(ReplayScript.compile(events, version: Self.version, speed: .max).steps == events.map { .send(.frame($0.frame, version: Self.version), at: nil) })
    }

    @Test func aConfirmationWithoutItsRecordedRequestWaitsForTheRequestItsNameGives() throws {
        let conf = try Self.recorded("MAKE_CALL_CONF", ["InvokeID=8", "NewConnectionDeviceID=2001"], ms: nil)
        let failure = try Self.recorded("FAILURE_CONF", ["InvokeID=9"], ms: nil)
        #expect(ReplayScript.compile([conf, failure], version: Self.version, speed: .max).steps == [
            .expect(try ExpectedRequest(name: "MAKE_CALL_REQ"), timeout: ReplayScript.requestWait),
            .reply(.frame(conf.frame, version: Self.version)),
            .send(.frame(failure.frame, version: Self.version), at: nil),
        ])
    }

    @Test func directionByTheCatalogue() {
        let catalog = MessageCatalog.standard
        #expect(RecordedFrame.isFromClient(catalog.descriptor(named: "MAKE_CALL_REQ")))
        #expect(!RecordedFrame.isFromClient(catalog.descriptor(named: "MAKE_CALL_CONF")))
        #expect(!RecordedFrame.isFromClient(catalog.descriptor(named: "AGENT_STATE_EVENT")))
        #expect(!RecordedFrame.isFromClient(nil), "an unknown type is the server's")
    }
}
