import Testing
@testable import CTIProtocol

/// The 2,000 bytes of named variables and arrays a CTI message may carry (`wire-format.md` §6).
@Suite struct NamedVariableSizeTests {
    static func message(_ entries: [FieldValue]) throws -> MessageFields {
        var fields = try MessageFields(named: "CALL_DATA_UPDATE_EVENT")
        for entry in entries {
            if case .namedArray = entry { try fields.append(.namedArray, entry) } else { try fields.append(.namedVariable, entry) }
        }
        return fields
    }

    static func variable(_ name: String, _ length: Int) -> FieldValue {
        .namedVariable(name: CTIString(name), value: CTIString(String(repeating: "v", count: length)))
    }

    @Test func withinTheLimitThereIsNothingToSay() throws {
        #expect(NamedVariableSize(over: try Self.message([])) == nil)
        // 8 × (4 header + 7 name+NUL + 200 value+NUL... ) = 8 × 4 + 8 × (7 + 201) = 1,696 bytes.
        let eight = try Self.message((1...8).map { Self.variable("user.\($0)", 200) })
        #expect(NamedVariableSize(over: eight) == nil)
    }

    @Test func overTheLimitCountsDataAndHeadersAndNamesTheLargest() throws {
        // Ten variables `user.N` (6 bytes + NUL) of 200 + NUL: 208 each; one array element
        // user.big[3]: 1 + 9 + 211 = 221; headers 4 each.
        var entries = (0...9).map { Self.variable("user.\($0)", 200) }
        entries.append(.namedArray(index: 3, name: "user.big", value: CTIString(String(repeating: "a", count: 210))))
        let size = try #require(NamedVariableSize(over: try Self.message(entries)))
        #expect(size.dataBytes == 10 * 208 + 221)
        #expect(size.bytesWithHeaders == size.dataBytes + 11 * 4)
        #expect(size.largest.map(\.name) == ["user.big[3]", "user.0", "user.1"])
        #expect(size.largest.map(\.bytes) == [221, 208, 208])
        #expect(size.description == "named variables and arrays take 2345 bytes (2301 without their tag/length headers), over the 2000 "
                + "a CTI message may carry (E_CTI_TOO_MUCH_DATA); largest: user.big[3] 221, user.0 208, user.1 208")
    }

    @Test func theHeadersAloneCanTipItOver() throws {
        // 9 × (7 + 211) = 1,962 data bytes, 1,998 with 9 headers; one more small variable
        // (4 + 7 + 1 = 12) makes 2,010 with headers while the data (1,970) stays under 2,000.
        var entries = (1...9).map { Self.variable("user.\($0)", 210) }
        entries.append(Self.variable("user.x", 0))
        let size = try #require(NamedVariableSize(over: try Self.message(entries)))
        #expect(size.dataBytes < NamedVariableSize.limit && size.bytesWithHeaders > NamedVariableSize.limit)
    }
}
