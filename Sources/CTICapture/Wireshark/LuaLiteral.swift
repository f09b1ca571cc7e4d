/// Lua source spellings of the values the dissector generator writes: strings quoted so that any
/// byte survives (Lua 5.2 reference manual §3.1, "Lexical Conventions"), numbers in decimal or hex.
enum LuaLiteral {
    /// A double-quoted Lua string: `\\`, `"` and the usual control characters escaped by name,
    /// every other byte outside printable ASCII as a three-digit decimal escape (`\ddd`), so the
    /// generated file is plain ASCII whatever the names hold.
    static func string(_ text: String) -> String {
        var out = "\""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): out += "\\\\"
            case UInt8(ascii: "\""): out += "\\\""
            case UInt8(ascii: "\n"): out += "\\n"
            case UInt8(ascii: "\r"): out += "\\r"
            case UInt8(ascii: "\t"): out += "\\t"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = String(byte)
                out += "\\" + String(repeating: "0", count: 3 - digits.count) + digits
            }
        }
        return out + "\""
    }

    /// A 32-bit value in hex (`0x00000014`), as masks are written.
    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    /// `true` / `false`.
    static func bool(_ value: Bool) -> String { value ? "true" : "false" }
}
