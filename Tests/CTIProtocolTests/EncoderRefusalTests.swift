import NIOCore
import Testing
@testable import CTIProtocol

/// The encoder refuses what a server would refuse, names the field, and writes nothing then.
@Suite struct EncoderRefusalTests {
    let encoder = CTIMessageEncoder()

    /// BEGIN_CALL_EVENT with its one required field.
    private func beginCall() throws -> MessageFields {
        var fields = try MessageFields(named: "BEGIN_CALL_EVENT")
        try fields.set(.connectionDeviceID, .text("2001"))
        return fields
    }

    private func tag(_ field: Field, of fields: MessageFields) throws -> UInt16 {
        try #require(fields.descriptor.floatingSpec(named: field.name)).tag
    }

    /// Encodes after a prefix already in the buffer: the refusal must leave the buffer as it was.
    private func refusal(_ fields: MessageFields, encoder: CTIMessageEncoder? = nil) -> CTIEncodeError? {
        var buffer = ByteBuffer(bytes: [0xAA, 0xBB])
        do {
            try (encoder ?? self.encoder).encode(.fields(fields), into: &buffer)
            return nil
        } catch {
            #expect(buffer == ByteBuffer(bytes: [0xAA, 0xBB]), "\(error)")
            return error
        }
    }

    @Test func aFixedNumberTooWideForItsType() throws {
        var fields = try MessageFields(named: "CALL_DELIVERED_EVENT")
        try fields.set(.connectionDeviceID, .text("2001"))
        let index = try #require(fields.descriptor.fixedIndex(named: "PeripheralType"))
        fields.setFixedValue(70_000, at: index)
        #expect(refusal(fields) == .outOfRange(field: "PeripheralType", value: 70_000, type: .ushort))
        fields.setFixedValue(0xFFFF_FFFF, at: index)  // -1: only a signed SHORT takes it
        #expect(refusal(fields) == .outOfRange(field: "PeripheralType", value: 0xFFFF_FFFF, type: .ushort))
        fields.setFixedValue(0xFFFF, at: index)
        #expect(refusal(fields) == nil)
    }

    @Test func floatingValuesOfTheWrongKindOrTooLong() throws {
        var fields = try beginCall()
        fields.floating.append(FloatingField(tag: try tag(.ani, of: fields), value: .number(5)))
        #expect(refusal(fields) == .wrongKind(field: "ANI", expected: .string))

        fields = try beginCall()
        fields.floating.append(FloatingField(tag: try tag(.routerCallKeyDay, of: fields), value: .text("monday")))
        #expect(refusal(fields) == .wrongKind(field: "RouterCallKeyDay", expected: .uint))

        fields = try beginCall()
        fields.floating.append(FloatingField(tag: try tag(.ani, of: fields), value: .text(String(repeating: "9", count: 40))))
        #expect(refusal(fields) == .tooLong(field: "ANI", length: 41, max: 40))

        fields = try beginCall()
        fields.floating.append(FloatingField(tag: try tag(.namedVariable, of: fields),
                                             value: .namedVariable(name: CTIString(String(repeating: "n", count: 33)), value: "v")))
        #expect(refusal(fields) == .tooLong(field: "NamedVariable name", length: 34, max: 33))
    }

    @Test func aRequiredFieldMissing() throws {
        #expect(refusal(try MessageFields(named: "BEGIN_CALL_EVENT")) == .missingRequired(message: "BEGIN_CALL_EVENT", field: "ConnectionDeviceID"))
    }

    @Test func undefinedMaskBitsInARequestUnlessAllowed() throws {
        var fields = try MessageFields(named: "OPEN_REQ")
        try fields.set(.clientID, .text("tester"))
        try fields.set(.clientPassword, .bytes(ByteBuffer(bytes: Array("secret".utf8))))
        let index = try #require(fields.descriptor.fixedIndex(named: "ServicesRequested"))
        let table = try #require(fields.descriptor.fixed[index].enumTable)
        let undefined = table.undefinedBits(in: 0xFFFF_FFFF)
        try #require(undefined != 0)
        fields.setFixedValue(0xFFFF_FFFF, at: index)
        #expect(refusal(fields) == .undefinedMaskBits(field: "ServicesRequested", bits: undefined, table: table.name))
        #expect(refusal(fields, encoder: CTIMessageEncoder(allowUndefinedMaskBits: true)) == nil)
    }

    @Test func aBodyOverTheLimit() throws {
        // Tags outside the layout keep their bytes: two of 40,000 make a body of 80,034 bytes.
        var fields = try beginCall()
        let fixedAndRequired = try CTIMessageEncoder().encode(.fields(fields)).readableBytes - 8
        for _ in 0..<2 { fields.floating.append(FloatingField(tag: 60_000, value: .bytes(ByteBuffer(repeating: 7, count: 40_000)))) }
        #expect(refusal(fields) == .bodyTooLarge(fixedAndRequired + 2 * (4 + 40_000)))
        // One of them fits, and goes out as it came.
        fields.floating.removeLast()
        let frame = try encoder.encode(.fields(fields))
        #expect(frame.readableBytes == 8 + fixedAndRequired + 4 + 40_000)
        #expect(frame.getInteger(at: 0, as: UInt32.self) == UInt32(fixedAndRequired + 4 + 40_000))
        #expect(frame.getInteger(at: 8 + fixedAndRequired, as: UInt16.self) == 60_000)
        #expect(frame.getInteger(at: 10 + fixedAndRequired, as: UInt16.self) == 40_000)
    }

    @Test func opaqueBodiesOverTheLimit() throws {
        var buffer = ByteBuffer()
        #expect(throws: CTIEncodeError.bodyTooLarge(65_536)) {
            try encoder.encode(.unknown(type: 9999, body: ByteBuffer(repeating: 0, count: 65_536)), into: &buffer)
        }
        #expect(buffer.readableBytes == 0)
        try encoder.encode(.unknown(type: 9999, body: ByteBuffer(bytes: [1, 2])), into: &buffer)
        #expect(Array(buffer.readableBytesView) == [0, 0, 0, 2, 0, 0, 0x27, 0x0F, 1, 2])
    }
}
