import Testing
@testable import CTIProtocol

/// MessageFields keeps its values in one copy-on-write box (the fixed values inside it): copies
/// must stay independent, and equal contents equal, however they were made.
@Suite struct MessageFieldsStorageTests {
    @Test func copiesAreIndependentForEveryKindOfChange() throws {
        let original = try MessageFields(named: "MAKE_CALL_REQ")
        var changed = original
        changed.setFixedValue(7, at: 0)
        #expect(original.fixedValue(at: 0) == 0)
        #expect(changed.fixedValue(at: 0) == 7)

        var appended = original
        try appended.append(.callVariable1, .text("x"))
        #expect(original.floating.isEmpty)
        #expect(appended.floating.count == 1)

        var noted = original
        noted.notes.append(.missingNUL(field: "ANI"))
        #expect(original.notes.isEmpty)

        var relaid = original
        relaid.fixed = [1, 2]
        #expect(relaid.fixedCount == 2 && relaid.fixed == [1, 2])
        #expect(original.fixedCount == original.descriptor.fixed.count)

        var rewritten = original
        rewritten.fixed = Array(repeating: 9, count: original.fixedCount)
        #expect(rewritten.withFixed { $0.allSatisfy { $0 == 9 } })
        #expect(original.withFixed { $0.allSatisfy { $0 == 0 } })
    }

    @Test func equalContentsAreEqualAndHashAlike() throws {
        var built = try MessageFields(named: "HEARTBEAT_REQ")
        try built.set(.invokeID, .number(42))
        let decoded = try CTIMessageDecoder().decode(try #require(try {
            var bytes = try CTIMessageEncoder().encode(.fields(built))
            var framer = CTIFrameDecoder()
            return try framer.decode(buffer: &bytes)
        }()))
        #expect(decoded == .fields(built))
        #expect(decoded.hashValue == CTIMessage.fields(built).hashValue)
        var other = built
        other.setFixedValue(43, at: 0)
        #expect(other != built)
        #expect(built.fixedValue(at: 0) == 42)
    }

    @Test func occurrencesAreTheFixedValueOrEveryFloatingOne() throws {
        var fields = try MessageFields(named: "CALL_DELIVERED_EVENT")
        try fields.set(.connectionCallID, .number(77))
        try fields.append(.callVariable1, .text("a"))
        try fields.append(.namedVariable, .namedVariable(name: "user.x", value: "1"))
        try fields.append(.namedVariable, .namedVariable(name: "user.y", value: "2"))
        #expect(fields.occurrences(of: .connectionCallID) == [.number(77)])
        #expect(fields.occurrences(of: Field(named: "connectioncallid")) == [.number(77)])
        #expect(fields.occurrences(of: .namedVariable).count == 2)
        #expect(fields.occurrences(of: .callVariable1).compactMap(\.text) == ["a"])
        #expect(fields.occurrences(of: .callVariable2).isEmpty)
        #expect(fields.occurrences(of: Field(named: "NoSuchField")).isEmpty)
    }
}
