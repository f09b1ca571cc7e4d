import Foundation
import NIOCore
import Testing
@testable import CTIProtocol

/// The JSON writer works straight from the decoded values (for speed); the reference here
/// builds the same JSON the plain way, from ``MessageFields/displayFields(catalog:)`` (the text
/// form's view of a message). They must agree on every message.
@Suite struct JSONFormTests {
    let catalog = MessageCatalog.standard

    @Test func theDirectWriterAgreesWithTheDisplayFieldsOnRandomMessagesOfEveryLayout() throws {
        var checked = 0
        try RandomMessage(catalog: catalog).forEachMessageOfEveryLayout(rounds: 30, seed: 0x150) { fields, round in
            // Every few rounds (besides the repeated field): text that is not ASCII, invalid
            // UTF-8, control characters.
            if round % 5 == 2, let index = fields.floating.firstIndex(where: { if case .string = $0.value { true } else { false } }) {
                let samples: [[UInt8]] = [Array("café ☎ \"q\" \\ \t\n".utf8), [0x41, 0xFF, 0xC3, 0x28, 0x7F, 0x01], Array("日本語".utf8)]
                fields.floating[index].value = .string(CTIString(bytes: ByteBuffer(bytes: samples[round % samples.count])))
            }
            try expectAgreement(.fields(fields))
            checked += 1
        }
        #expect(checked == 30 * catalog.messages.filter(\.hasLayout).count)
    }

    @Test func namedVariablesArraysAndMixedRepeatsAgree() throws {
        var fields = try MessageFields(named: "BEGIN_CALL_EVENT")
        try fields.append(.namedVariable, .namedVariable(name: "user.a", value: "1"))
        try fields.append(.namedArray, .namedArray(index: 2, name: "user.list", value: "x"))
        try fields.append(.namedVariable, .namedVariable(name: "user.\u{7F}b", value: "two words"))
        try fields.set(.ani, .text("4085551234"))
        fields.floating.append(FloatingField(tag: 60000, value: .bytes(ByteBuffer(bytes: [1, 2, 0xAB]))))
        fields.floating.append(FloatingField(tag: 60000, value: .bytes(ByteBuffer())))
        try expectAgreement(.fields(fields))
        let json = CTIMessage.fields(fields).jsonString()
        #expect(json.contains(#""NamedVariable":{"user.a":"1","user.\u007fb":"two words"}"#))
        #expect(json.contains(#""NamedArray":{"user.list[2]":"x"}"#))
        #expect(json.contains(#""Tag60000":["0102ab",""]"#))
        #expect(json.contains(#""outsideLayout":["Tag60000"]"#))
    }

    @Test func messagesWithoutLayoutAndUnknownTypesAgree() throws {
        let opaque = try #require(catalog.messages.first { !$0.hasLayout })
        try expectAgreement(.opaque(opaque, body: ByteBuffer(bytes: [0, 1, 0xFE])))
        try expectAgreement(.unknown(type: 9999, body: ByteBuffer(bytes: [0x22])))
    }

    private func expectAgreement(_ message: CTIMessage, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let direct = message.jsonString(catalog: catalog)
        let reference = Self.referenceJSON(message, catalog: catalog)
        #expect(direct == reference, "\(message.name)", sourceLocation: sourceLocation)
        #expect(try JSONSerialization.jsonObject(with: Data(direct.utf8)) is [String: Any], sourceLocation: sourceLocation)
    }

    /// The JSON form built from the display fields.
    static func referenceJSON(_ message: CTIMessage, catalog: MessageCatalog) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("type")
        writer.string(message.name)
        writer.key("typeId")
        writer.number(message.typeID)
        if message.descriptor?.isExtension == true {
            writer.key("extension")
            writer.bool(true)
        }
        switch message {
        case .fields(let fields):
            let display = fields.displayFields(catalog: catalog)
            writer.key("fields")
            writer.beginObject()
            for field in display {
                writer.key(field.name)
                write(field.value, into: &writer)
            }
            writer.endObject()
            let outside = display.filter { !$0.inLayout }
            if !outside.isEmpty {
                writer.key("outsideLayout")
                writer.beginArray()
                for field in outside { writer.string(field.name) }
                writer.endArray()
            }
            if !fields.notes.isEmpty {
                writer.key("notes")
                writer.beginArray()
                for note in fields.notes { writer.string(note.description) }
                writer.endArray()
            }
        case .opaque(_, let body), .unknown(_, let body):
            writer.key("body")
            writer.string(CTIProtocol.Hex.encode(body.readableBytesView))
        }
        writer.endObject()
        return writer.string
    }

    static func write(_ value: RenderedValue, into writer: inout JSONWriter) {
        switch value {
        case .unsigned(let number), .time(let number): writer.number(number)
        case .signed(let number): writer.number(number)
        case .bool(let flag): writer.bool(flag)
        case .enumeration(let name, let number):
            writer.beginObject()
            writer.key("name")
            if let name { writer.string(name) } else { writer.null() }
            writer.key("value")
            writer.number(number)
            writer.endObject()
        case .mask(let names, let number, _):
            writer.beginObject()
            writer.key("names")
            writer.beginArray()
            for name in names { writer.string(name) }
            writer.endArray()
            writer.key("value")
            writer.number(number)
            writer.endObject()
        case .text(let text), .hex(let text): writer.string(text)
        case .secret(let length): writer.string(RenderedValue.secretText(length: length))
        case .variables(let variables):
            writer.beginObject()
            for variable in variables {
                writer.key(variable.name)
                writer.string(variable.value)
            }
            writer.endObject()
        case .list(let items):
            writer.beginArray()
            for item in items { write(item, into: &writer) }
            writer.endArray()
        }
    }
}
