import CTIProtocol
import Foundation
import NIOCore
import Testing
@testable import CTIClient

@Suite struct ClientEventRenderingTests {
    func event(_ kind: ClientEvent.Kind, side: CTISide? = .a) -> ClientEvent {
        ClientEvent(timestamp: 1_795_441_546_123, sequence: 42, side: side, kind: kind)
    }

    func messageEvent() throws -> ClientEvent {
        var fields = try MessageFields(named: "CALL_ESTABLISHED_EVENT")
        try fields.set("ConnectionCallID", .number(77))
        try fields.set("ConnectionDeviceID", .text("2001"))
        try fields.set("LocalConnectionState", .number(3))
        try fields.set("EventCause", .number(22))
        let message = CTIMessage.fields(fields)
        var bytes = try CTIMessageEncoder().encode(message)
        var decoder = CTIFrameDecoder()
        return event(.message(message, try #require(try decoder.decode(buffer: &bytes))))
    }

    @Test func jsonLinesCarryTimestampSequenceSideAndTheMessage() throws {
        let line = String(decoding: try messageEvent().jsonLine(), as: UTF8.self)
        #expect(line.hasPrefix(#"{"ts":"2026-11-23T13:45:46.123Z","seq":42,"side":"A","type":"CALL_ESTABLISHED_EVENT","typeId":10,"fields":{"#))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect((object["fields"] as? [String: Any])?["ConnectionCallID"] as? Int == 77)
    }

    @Test func lifecycleRecordsAreSessionObjects() throws {
        let opened = event(.lifecycle(.opened(.b, OpenConfirmation(invokeID: 1, servicesGranted: 0x11, sessionType: .active))), side: .b)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(opened.jsonLine())) as? [String: Any])
        #expect(object["type"] as? String == "SESSION")
        #expect(object["event"] as? String == "opened")
        #expect(object["side"] as? String == "B")
        #expect((object["servicesGranted"] as? [String: Any])?["names"] as? [String] == ["CTI_SERVICE_CLIENT_EVENTS", "CTI_SERVICE_ALL_EVENTS"])
        #expect(object["sessionType"] as? String == "ACTIVE")
        let refused = event(.lifecycle(.openRefused(.a, status: 36)))
        let refusedObject = try #require(try JSONSerialization.jsonObject(with: Data(refused.jsonLine())) as? [String: Any])
        #expect((refusedObject["status"] as? [String: Any])?["name"] as? String == "E_CTI_INVALID_PASSWORD")
    }

    @Test func textLinesShowTheKeyFieldsAligned() throws {
        let line = try messageEvent().textLine()
        #expect(line == "13:45:46.123 A CALL_ESTABLISHED_EVENT         call=77 device=2001 state=LCS_CONNECT cause=CEC_NEW_CALL")
        let colored = try messageEvent().textLine(style: TextStyle(colored: true))
        #expect(colored.contains("\u{1B}[36mCALL_ESTABLISHED_EVENT"))
        let lifecycle = event(.lifecycle(.failedOver(from: .a, to: .b)), side: .b).textLine()
        #expect(lifecycle == "13:45:46.123 B SESSION                        failed over from side A to side B")
    }

    @Test func textLinesInColourPadTheNameInsideItsColour() throws {
        let line = try messageEvent().textLine(style: TextStyle(colored: true))
        #expect(line == "\u{1B}[2m13:45:46.123\u{1B}[0m A \u{1B}[36mCALL_ESTABLISHED_EVENT        \u{1B}[0m call=77 device=2001 state=LCS_CONNECT cause=CEC_NEW_CALL")
        let lifecycle = event(.lifecycle(.failedOver(from: .a, to: .b)), side: nil).textLine(style: TextStyle(colored: true))
        #expect(lifecycle == "\u{1B}[2m13:45:46.123\u{1B}[0m - \u{1B}[33mSESSION                       \u{1B}[0m failed over from side A to side B")
    }

    @Test func aLineWithoutKeyFieldsEndsAtTheName() throws {
        // SYSTEM_EVENT carries none of the key fields: no padding left at the end of the line.
        let message = CTIMessage.fields(try MessageFields(named: "SYSTEM_EVENT"))
        var bytes = try CTIMessageEncoder().encode(message)
        var decoder = CTIFrameDecoder()
        let systemEvent = event(.message(message, try #require(try decoder.decode(buffer: &bytes))))
        #expect(systemEvent.textLine() == "13:45:46.123 A SYSTEM_EVENT")
        let colored = systemEvent.textLine(style: TextStyle(colored: true))
        #expect(colored.hasSuffix("SYSTEM_EVENT                  \u{1B}[0m"))
    }

    @Test func verboseLinesShowEveryField() throws {
        let line = try messageEvent().textLine(verbose: true)
        #expect(line.hasPrefix("13:45:46.123 A CALL_ESTABLISHED_EVENT         MonitorID=0 "))
        #expect(line.contains("ConnectionCallID=77"))
        #expect(line.contains("ConnectionDeviceID=2001"))
        #expect(!line.hasSuffix(" "))
    }

    @Test func endpointsParseWithDefaultPortsPerSide() {
        #expect(Endpoint(parsing: "cti.example.com", side: .a) == Endpoint(host: "cti.example.com", port: 42027))
        #expect(Endpoint(parsing: "cti.example.com", side: .b) == Endpoint(host: "cti.example.com", port: 43027))
        #expect(Endpoint(parsing: "10.0.0.5:5000", side: .a) == Endpoint(host: "10.0.0.5", port: 5000))
        #expect(Endpoint(parsing: "[::1]:42028", side: .a) == Endpoint(host: "::1", port: 42028))
        #expect(Endpoint(parsing: "host:notaport", side: .a) == nil)
        #expect(Endpoint(parsing: "", side: .a) == nil)
    }

    @Test func backoffGrowsAndCaps() {
        let backoff = Backoff()
        #expect((1...8).map(backoff.delay(afterFailures:)) == [.zero, .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(30), .seconds(30)])
    }
}
