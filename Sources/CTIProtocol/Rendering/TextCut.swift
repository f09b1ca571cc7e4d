/// Cuts a value's text form to a width, with an ellipsis where the rest was (summaries,
/// ``SummaryFields/appendSummary(of:to:)``).
enum TextCut {
    /// `…`, U+2026, in UTF-8.
    static let ellipsis: [UInt8] = Array("\u{2026}".utf8)

    /// Cuts the UTF-8 text from `start` to the end of `text` to at most `width` Unicode scalars
    /// when it is longer: the first ones, `…`, and the closing `"`, `]` or `}` when the text
    /// opened with its counterpart. An escape (`\"`, `\x1f`) is kept whole or left out.
    static func cut(_ text: inout [UInt8], from start: Int, toScalars width: Int) {
        guard text.count - start > width else { return }  // fewer bytes than `width`: fewer scalars too
        let closer = start < text.count ? closer(of: text[start]) : nil
        let kept = max(0, width - 1 - (closer == nil ? 0 : 1))
        var scalars = 0
        var end: Int?
        for index in start..<text.count where text[index] & 0xC0 != 0x80 {
            if scalars == kept { end = index }
            scalars += 1
            if scalars > width { break }
        }
        guard scalars > width, var end else { return }
        var index = start
        while index < end {
            guard text[index] == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            var escapeEnd = index + 2
            if index + 1 < text.count, text[index + 1] == UInt8(ascii: "x") {
                while escapeEnd < min(index + 4, text.count), isLowerHexDigit(text[escapeEnd]) { escapeEnd += 1 }
            }
            if escapeEnd > end { end = index }
            index = escapeEnd
        }
        text.removeSubrange(end...)
        text.append(contentsOf: ellipsis)
        if let closer { text.append(closer) }
    }

    /// `0`-`9`, `a`-`f`: the digits of a `\x` escape.
    private static func isLowerHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    /// The byte that closes a text opening with `byte`: `"`, `]` or `}`.
    private static func closer(of byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "\""): UInt8(ascii: "\"")
        case UInt8(ascii: "["): UInt8(ascii: "]")
        case UInt8(ascii: "{"): UInt8(ascii: "}")
        default: nil
        }
    }
}
