import NIOCore

/// Hex helpers for byte-exact fixtures in tests.
///
/// `Hex.buffer` reads a multi-line hex listing: on every line, everything from `//` or `#` to the
/// end of the line is a comment; the rest must be hex digits and whitespace, two digits per byte.
///
///     let frame = Hex.buffer("""
///         00 00 00 04  00 00 00 05   // MHDR (len 4, type 5 HEARTBEAT_REQ)
///         00 00 00 01                // InvokeID
///         """)
enum Hex {
    /// The bytes of a hex listing (comments and whitespace ignored). Traps on malformed input,
    /// which is a bug in the test itself.
    static func bytes(_ listing: String) -> [UInt8] {
        var digits: [UInt8] = []
        for line in listing.split(separator: "\n", omittingEmptySubsequences: false) {
            var code = Substring(line)
            if let range = code.range(of: "//") { code = code[..<range.lowerBound] }
            if let hash = code.firstIndex(of: "#") { code = code[..<hash] }
            for character in code where !character.isWhitespace {
                guard let value = character.hexDigitValue else {
                    preconditionFailure("Hex: not a hex digit: \(character) in line \(line)")
                }
                digits.append(UInt8(value))
            }
        }
        precondition(digits.count % 2 == 0, "Hex: odd number of hex digits (\(digits.count))")
        return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }

    /// The bytes of a hex listing as a ByteBuffer.
    static func buffer(_ listing: String) -> ByteBuffer {
        ByteBuffer(bytes: bytes(listing))
    }

    /// Lower-case hex, one space between bytes, 16 bytes per line: readable in a failed `#expect`.
    static func string(_ bytes: some Sequence<UInt8>) -> String {
        let array = Array(bytes)
        return stride(from: 0, to: array.count, by: 16).map { start in
            array[start..<min(start + 16, array.count)].map { byte in
                let text = String(byte, radix: 16)
                return byte < 16 ? "0" + text : text
            }.joined(separator: " ")
        }.joined(separator: "\n")
    }

    /// The readable bytes of a buffer as hex (see ``string(_:)-(Sequence<UInt8>)``).
    static func string(_ buffer: ByteBuffer) -> String {
        string(buffer.readableBytesView)
    }
}
