/// Text people give the console as bytes (arguments, script lines, REPL lines) must be UTF-8:
/// Swift would otherwise replace a bad sequence with U+FFFD without a word, and the replaced text
/// would go to the server. ``decode(_:)`` says where the first bad byte is.
enum UTF8Text {
    /// The first byte that does not start (or continue) a valid UTF-8 sequence.
    struct Invalid: Error, Equatable, CustomStringConvertible {
        /// The byte and its offset from the start of the text (0-based).
        var byte: UInt8
        var offset: Int

        var description: String {
            let hex = String(byte, radix: 16, uppercase: true)
            return "not valid UTF-8 (byte 0x\(hex.count == 1 ? "0" + hex : hex) at offset \(offset)); cti takes UTF-8 text"
        }
    }

    /// The text, or where its bytes stop being UTF-8.
    static func decode(_ bytes: some Collection<UInt8>) -> Result<String, Invalid> {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                offset += scalar.count
            case .error:
                return .failure(Invalid(byte: bytes[bytes.index(bytes.startIndex, offsetBy: offset)], offset: offset))
            case .emptyInput:
                return .success(String(decoding: bytes, as: UTF8.self))
            }
        }
    }

    /// The lines of a script (split at `\n`; a `\r` before it is dropped), each decoded.
    static func lines(_ bytes: [UInt8]) -> [Result<String, Invalid>] {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { decode($0.last == 0x0D ? $0.dropLast() : $0) }
    }
}
