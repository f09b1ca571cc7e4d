import Foundation
import NIOCore
import Testing
@testable import CTIProtocol

/// The JSON and text forms, driven by the same descriptions as the codec.
@Suite struct RenderingTests {
    func object(_ message: CTIMessage) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(message.jsonString().utf8)) as? [String: Any])
    }

    func callEvent() throws -> MessageFields {
        var fields = try MessageFields(named: "CALL_ESTABLISHED_EVENT")
        try fields.set(.peripheralID, .number(5000))
        try fields.set(.connectionCallID, .number(0x1234))
        try fields.set(.eventCause, .number(22))
        try fields.set(.localConnectionState, .number(0xFFFF))
        try fields.set(.lineType, .number(999))
        try fields.set(.connectionDeviceID, .text("2001"))
        return fields
    }

    @Test func enumsRenderWithNameAndValueNONEAndNullForUnknown() throws {
        let fields = try object(.fields(callEvent()))["fields"] as? [String: Any]
        let cause = try #require(fields?["EventCause"] as? [String: Any])
        #expect(cause["name"] as? String == "CEC_NEW_CALL")
        #expect(cause["value"] as? Int == 22)
        let state = try #require(fields?["LocalConnectionState"] as? [String: Any])
        #expect(state["name"] as? String == "LCS_NONE")
        let lineType = try #require(fields?["LineType"] as? [String: Any])
        #expect(lineType["name"] is NSNull)
        #expect(lineType["value"] as? Int == 999)
        #expect(fields?["ConnectionCallID"] as? Int == 0x1234)
        #expect(fields?["ConnectionDeviceID"] as? String == "2001")
    }

    @Test func noneRendersForAllOnesWithoutASymbol() throws {
        var fields = try MessageFields(named: "SYSTEM_EVENT")
        try fields.set(.eventDeviceType, .number(0xFFFF))
        try fields.set(.systemEventID, .number(0xFFFF_FFFF))
        let json = try object(.fields(fields))["fields"] as? [String: Any]
        #expect((json?["EventDeviceType"] as? [String: Any])?["name"] as? String == "DEVID_NONE")
        #expect((json?["SystemEventID"] as? [String: Any])?["name"] as? String == "NONE")
    }

    @Test func masksRenderNamesAndValue() throws {
        var fields = try MessageFields(named: "OPEN_CONF")
        try fields.set(.servicesGranted, .number(0x2005))
        let granted = try #require((try object(.fields(fields))["fields"] as? [String: Any])?["ServicesGranted"] as? [String: Any])
        #expect(granted["names"] as? [String] == ["CTI_SERVICE_CLIENT_EVENTS", "CTI_SERVICE_CLIENT_CONTROL", "CTI_AGENT_STATE_CONTROL_ONLY"])
        #expect(granted["value"] as? Int == 0x2005)
        #expect(CTIMessage.fields(fields).textLine().contains("ServicesGranted=CTI_SERVICE_CLIENT_EVENTS|CTI_SERVICE_CLIENT_CONTROL|CTI_AGENT_STATE_CONTROL_ONLY"))
        try fields.set(.servicesGranted, .number(0x201))
        #expect(CTIMessage.fields(fields).textLine().contains("ServicesGranted=CTI_SERVICE_CLIENT_EVENTS|0x200"))
    }

    @Test func namedVariablesArraysRepeatedFieldsAndUNSPEC() throws {
        var fields = try MessageFields(named: "BEGIN_CALL_EVENT")
        try fields.set(.connectionDeviceID, .text("2001"))
        try fields.append(.namedVariable, .namedVariable(name: "user.a", value: "1"))
        try fields.append(.namedVariable, .namedVariable(name: "user.b", value: "two words"))
        try fields.append(.namedArray, .namedArray(index: 2, name: "user.arr", value: "v"))
        try fields.append(.ctiClientSignature, .text("one"))
        try fields.append(.ctiClientSignature, .text("two"))
        try fields.set(.userToUserInfo, .bytes(ByteBuffer(bytes: [0xDE, 0xAD])))
        let message = CTIMessage.fields(fields)
        let json = try #require(try object(message)["fields"] as? [String: Any])
        #expect(json["NamedVariable"] as? [String: String] == ["user.a": "1", "user.b": "two words"])
        #expect(json["NamedArray"] as? [String: String] == ["user.arr[2]": "v"])
        #expect(json["CTIClientSignature"] as? [String] == ["one", "two"])
        #expect(json["UserToUserInfo"] as? String == "dead")
        // Wire order of the named variables is kept in the JSON text.
        #expect(message.jsonString().contains(#""NamedVariable":{"user.a":"1","user.b":"two words"}"#))
        let text = message.textLine()
        #expect(text.contains(#"NamedVariable={user.a=1 user.b="two words"}"#))
        #expect(text.contains("CTIClientSignature=[one,two]"))
        #expect(text.contains("UserToUserInfo=0xdead"))
    }

    @Test func valuesInTheirTextForm() {
        let forms: [(RenderedValue, String)] = [
            (.unsigned(0), "0"), (.unsigned(UInt32.max), "4294967295"), (.unsigned(1_000_000), "1000000"),
            (.signed(-5), "-5"), (.signed(Int32.min), "-2147483648"), (.signed(42), "42"),
            (.bool(true), "TRUE"), (.bool(false), "FALSE"), (.time(0), "1970-01-01T00:00:00Z"),
            (.enumeration(name: "LCS_CONNECT", value: 3), "LCS_CONNECT"), (.enumeration(name: nil, value: 999), "999"),
            (.mask(names: [], value: 0, undefined: 0), "0"), (.mask(names: ["A", "B"], value: 3, undefined: 0), "A|B"),
            (.mask(names: ["A"], value: 0x201, undefined: 0x200), "A|0x200"), (.mask(names: [], value: 0x200, undefined: 0x200), "0x200"),
            (.text("2001"), "2001"), (.text(""), #""""#), (.text("two words"), #""two words""#), (.text("a=b"), #""a=b""#),
            (.text("é"), #""é""#), (.text("q\"\\\n\t\r\u{1}\u{1F}\u{7F}"), #""q\"\\\n\t\r\x1\x1f\x7f""#),
            (.hex(""), #""""#), (.hex("dead"), "0xdead"), (.secret(length: 7), #""*** (7 bytes)""#),
            (.variables([]), "{}"), (.variables([.init(name: "user.a", value: "1"), .init(name: "user.b", value: "x y")]), #"{user.a=1 user.b="x y"}"#),
            (.list([]), "[]"), (.list([.unsigned(1), .text("a,b"), .enumeration(name: "X", value: 1)]), #"[1,"a,b",X]"#),
        ]
        for (value, text) in forms {
            #expect(value.text == text)
            var bytes = Array("Field=".utf8)
            value.appendText(to: &bytes)
            #expect(bytes == Array("Field=\(text)".utf8))
        }
    }

    @Test func agentPasswordIsNeverRendered() throws {
        var fields = try MessageFields(named: "SET_AGENT_STATE_REQ")
        try fields.set(.agentInstrument, .text("2001"))
        try fields.set(.agentPassword, .text("hunter2"))
        let message = CTIMessage.fields(fields)
        let frame = try CTIMessageEncoder().encode(message)
        let decoded = try CTIMessageDecoder().decode(wireType: 38, body: frame.getSlice(at: 8, length: frame.readableBytes - 8)!)
        for rendering in [decoded.jsonString(), decoded.textLine(),
                          HexDump.redactedHex(CTIFrame(type: 38, body: frame.getSlice(at: 8, length: frame.readableBytes - 8)!)),
                          HexDump.dump(CTIFrame(type: 38, body: frame.getSlice(at: 8, length: frame.readableBytes - 8)!))] {
            #expect(!rendering.contains("hunter2"))
            #expect(!rendering.contains(CTIProtocol.Hex.encode(Array("hunter2".utf8))))
        }
        #expect(decoded.textLine().contains(#"AgentPassword="*** (7 bytes)""#))
    }

    @Test func hexDumpLayout() throws {
        // OPEN_REQ: 44-byte fixed part, then ClientPassword (tag 2) "AB": hidden as ** and *.
        var body = ByteBuffer(repeating: 0, count: 44)
        body.writeBytes([0x00, 0x02, 0x00, 0x02, 0x41, 0x42])
        let frame = CTIFrame(type: 3, body: body)
        let zeros = String(repeating: "00 ", count: 16)
        let dots = String(repeating: ".", count: 16)
        #expect(HexDump.dump(frame) == [
            "  0000  00 00 00 32 00 00 00 03 00 00 00 00 00 00 00 00  ...2............",
            "  0010  \(zeros) \(dots)",
            "  0020  \(zeros) \(dots)",
            "  0030  00 00 00 00 00 02 00 02 ** ** \(String(repeating: " ", count: 18)) ........**",
        ].joined(separator: "\n"))
        #expect(HexDump.redactedHex(frame) == "0000003200000003" + String(repeating: "00", count: 44) + "00020002****")
    }

    @Test func hexDumpHidesEverythingAfterAnUnwalkableFloatingPart() throws {
        // OPEN_REQ whose floating part breaks right after a password field header: hidden.
        var body = ByteBuffer(repeating: 0, count: 44)
        body.writeBytes([0x00, 0x02, 0x00, 0x20, 0x41, 0x42])  // tag 2, length 32, only 2 bytes
        let hex = HexDump.redactedHex(CTIFrame(type: 3, body: body))
        #expect(hex.hasSuffix("************"))
    }

    @Test func outsideLayoutAndUnknownTagsAreKeptShownAndMarked() throws {
        var body = ByteBuffer()
        body.writeInteger(UInt32(9))                            // InvokeID
        body.writeBytes([0x00, 0xD9, 0x00, 0x04, 0x61, 0x62, 0x63, 0x00])  // tag 217 CTIOS_CIL_CLIENT_ID "abc"
        body.writeBytes([0x0F, 0xA0, 0x00, 0x02, 0x01, 0x02])  // tag 4000: unknown
        body.writeInteger(UInt32(0))                           // placeholder, rewritten below
        body.moveWriterIndex(to: body.writerIndex - 4)
        let message = try CTIMessageDecoder().decode(wireType: 6, body: body)  // HEARTBEAT_CONF
        let fields = try #require(message.fields)
        #expect(fields.floating.map(\.tag) == [217, 4000])
        let json = try object(message)
        #expect(json["outsideLayout"] as? [String] == ["CTIOS_CIL_CLIENT_ID", "Tag4000"])
        #expect((json["fields"] as? [String: Any])?["Tag4000"] as? String == "0102")
        #expect((json["fields"] as? [String: Any])?["CTIOS_CIL_CLIENT_ID"] as? String == "abc")
        #expect(try CTIMessageEncoder().encode(message) == CTIFrame(type: 6, body: body).bytes)
    }

    @Test func lenientStringsAreNotedAndReencodedCanonically() throws {
        var body = ByteBuffer()
        body.writeInteger(UInt32(1))                           // HEARTBEAT_CONF InvokeID
        body.writeBytes([0x00, 0xD9, 0x00, 0x03, 0x61, 0x62, 0x63])        // "abc" without NUL
        body.writeBytes([0x00, 0x07, 0x00, 0x05, 0x78, 0x00, 0x79, 0x7A, 0x00])  // Text "x" then junk
        let message = try CTIMessageDecoder().decode(wireType: 6, body: body)
        let fields = try #require(message.fields)
        #expect(fields.notes == [.missingNUL(field: "CTIOS_CIL_CLIENT_ID"), .bytesAfterNUL(field: "Text", count: 3)])
        #expect(fields.floating.map(\.value) == [.text("abc"), .text("x")])
        let canonical = try CTIMessageEncoder().encode(message)
        var expected = ByteBuffer()
        expected.writeInteger(UInt32(4 + 8 + 6))
        expected.writeInteger(UInt32(6))
        expected.writeInteger(UInt32(1))
        expected.writeBytes([0x00, 0xD9, 0x00, 0x04, 0x61, 0x62, 0x63, 0x00, 0x00, 0x07, 0x00, 0x02, 0x78, 0x00])
        #expect(canonical == expected)
        #expect(message.jsonString().contains(#""notes":["CTIOS_CIL_CLIENT_ID: STRING without terminating NUL""#))
    }

    @Test func decodeErrorsCarryEvidence() throws {
        var body = ByteBuffer()
        body.writeInteger(UInt32(1))
        body.writeBytes([0x00, 0x19, 0x01, 0x2C, 0x41])  // ConnectionDeviceID claims 300 bytes
        do {
            _ = try CTIMessageDecoder().decode(wireType: 6, body: body)
            Issue.record("expected a decode error")
        } catch {
            #expect(error.messageName == "HEARTBEAT_CONF")
            #expect(error.offset == 4)
            #expect(error.tag == 25)
            #expect(error.rule == .floatingDataTruncated(length: 300, available: 1))
            #expect(error.frame == [0, 0, 0, 9, 0, 0, 0, 6, 0, 0, 0, 1, 0x00, 0x19, 0x01, 0x2C, 0x41])
            #expect(error.description == "malformed HEARTBEAT_CONF at offset 4, field ConnectionDeviceID (tag 25): field length 300 runs past the end of the body (1 byte(s) left)")
        }
    }

    @Test func utcTimes() {
        #expect(UTCTime.iso8601(seconds: 0) == "1970-01-01T00:00:00Z")
        #expect(UTCTime.iso8601(seconds: 1_700_000_000) == "2023-11-14T22:13:20Z")
        #expect(UTCTime.iso8601(epochMilliseconds: 1_795_441_546_123) == "2026-11-23T13:45:46.123Z")
        #expect(UTCTime.iso8601(seconds: 951_782_400) == "2000-02-29T00:00:00Z")
        #expect(UTCTime.iso8601(seconds: UInt32.max) == "2106-02-07T06:28:15Z")
        #expect(UTCTime.iso8601(epochMilliseconds: -1) == "1969-12-31T23:59:59.999Z")
        #expect(UTCTime.iso8601(epochMilliseconds: 253_402_300_800_000) == "10000-01-01T00:00:00.000Z")
        #expect(UTCTime.iso8601(epochMilliseconds: -62_167_219_200_001) == "-0001-12-31T23:59:59.999Z")
        #expect(UTCTime.iso8601(epochMilliseconds: .max).hasSuffix(".807Z"))
        var writer = JSONWriter(capacity: 1)
        writer.timestamp(epochMilliseconds: 1_795_441_546_123)
        #expect(writer.string == #""2026-11-23T13:45:46.123Z""#)
    }
}
