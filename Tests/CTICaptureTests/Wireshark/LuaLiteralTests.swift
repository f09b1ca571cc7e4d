@testable import CTICapture
import Testing

/// Lua spellings of the generator's values.
@Suite struct LuaLiteralTests {
    @Test func namesAreQuotedWhateverTheyHold() {
        #expect(LuaLiteral.string("plain_Name1") == "\"plain_Name1\"")
        #expect(LuaLiteral.string("a\"b\\c\nd\te") == "\"a\\\"b\\\\c\\nd\\te\"")
        #expect(LuaLiteral.string("\u{1}é]]") == "\"\\001\\195\\169]]\"")
    }

    @Test func masksAreEightHexDigits() {
        #expect(LuaLiteral.hex(0x14) == "0x00000014")
        #expect(LuaLiteral.hex(0xFFFF_FFFF) == "0xffffffff")
    }
}
