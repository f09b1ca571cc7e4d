#if canImport(Glibc)
import Glibc
#endif

/// Passwords written out in words: `--password VALUE`, `--password=VALUE` and message fields
/// `…Password=VALUE` (`ClientPassword`, `AgentPassword`), in the process's arguments or in a
/// console line. ``hideInProcessArguments()`` blanks them in the memory `ps` and
/// `/proc/PID/cmdline` show (as the mysql client does); ``redacted(_:)`` replaces them with `***`
/// in a line the console prints back (`--echo`, a failing script line).
enum PasswordWords {
    /// The byte ranges of the password values in `arguments` (one array per argument). A word is
    /// a run of non-blanks (quotes, as a console line has them, keep blanks inside); after a
    /// `--password` that ends its argument, the whole next argument is the value.
    static func valueRanges(_ arguments: [[UInt8]]) -> [[Range<Int>]] {
        var ranges = arguments.map { _ in [Range<Int>]() }
        var valueFollows = false
        for (index, argument) in arguments.enumerated() {
            if valueFollows {
                ranges[index].append(0..<argument.count)
                valueFollows = false
                continue
            }
            let words = Self.words(argument)
            for (position, word) in words.enumerated() {
                let text = argument[word]
                if text.elementsEqual("--password".utf8) {
                    if position + 1 < words.count {
                        ranges[index].append(words[position + 1])
                    } else {
                        valueFollows = true
                    }
                } else if let equals = text.firstIndex(of: UInt8(ascii: "=")), names(argument[word.lowerBound..<equals]), equals + 1 < word.upperBound {
                    ranges[index].append(equals + 1..<word.upperBound)
                }
            }
        }
        return ranges
    }

    /// Whether `key` (the part before `=`) names a password: `--password`, `ClientPassword`, ...
    private static func names(_ key: ArraySlice<UInt8>) -> Bool {
        let lowered = String(decoding: key, as: UTF8.self).lowercased()
        return lowered == "--password" || (lowered.hasSuffix("password") && lowered.allSatisfy(\.isLetter))
    }

    /// The words of `bytes`: runs of non-blanks, a quoted part (`'…'` or `"…"`) counting as non-blank.
    private static func words(_ bytes: [UInt8]) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var start: Int?
        var quote: UInt8?
        for (offset, byte) in bytes.enumerated() {
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                if let begun = start { words.append(begun..<offset) }
                start = nil
            } else {
                if start == nil { start = offset }
                if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") { quote = byte }
            }
        }
        if let begun = start { words.append(begun..<bytes.count) }
        return words
    }

    /// `line` with each password value replaced by `***`.
    static func redacted(_ line: String) -> String {
        let bytes = Array(line.utf8)
        guard let ranges = valueRanges([bytes]).first, !ranges.isEmpty else { return line }
        var result: [UInt8] = []
        var next = 0
        for range in ranges {
            result += bytes[next..<range.lowerBound] + Array("***".utf8)
            next = range.upperBound
        }
        result += bytes[next...]
        return String(decoding: result, as: UTF8.self)
    }

    /// Overwrites the password values in the process's own argument memory with `x` (the
    /// arguments Swift has already copied keep them). Returns whether there was one.
    static func hideInProcessArguments() -> Bool {
        let count = Int(CommandLine.argc)
        let pointers = (1..<max(count, 1)).compactMap { CommandLine.unsafeArgv[$0] }
        let arguments = pointers.map { Array(UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: strlen($0))) }
        var hidden = false
        for (pointer, ranges) in zip(pointers, valueRanges(arguments)) {
            for range in ranges where !range.isEmpty {
                UnsafeMutableRawPointer(pointer).advanced(by: range.lowerBound).initializeMemory(as: UInt8.self, repeating: UInt8(ascii: "x"), count: range.count)
                hidden = true
            }
        }
        return hidden
    }
}
