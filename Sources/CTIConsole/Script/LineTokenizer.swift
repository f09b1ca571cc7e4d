/// Splits a console line into words the way a shell would: blanks separate words, single quotes
/// keep everything literal, double quotes allow `\"` and `\\`, a backslash outside quotes
/// escapes the next character, and `#` at the start of a word begins a comment.
enum LineTokenizer {
    struct Failure: Error, Equatable, CustomStringConvertible {
        var description: String
    }

    static func words(_ line: String) throws(Failure) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaping = false
        for character in line {
            if escaping {
                current.append(character)
                escaping = false
                continue
            }
            switch (quote, character) {
            case ("'", "'"), ("\"", "\""):
                quote = nil
            case ("'", _):
                current.append(character)
            case ("\"", "\\"):
                escaping = true
            case ("\"", _):
                current.append(character)
            case (nil, "\\"):
                escaping = true
                inWord = true
            case (nil, "'"), (nil, "\""):
                quote = character
                inWord = true
            case (nil, "#") where !inWord:
                return finish(words, current, inWord)
            case (nil, " "), (nil, "\t"), (nil, "\r"):
                if inWord { words.append(current) }
                current = ""
                inWord = false
            default:
                current.append(character)
                inWord = true
            }
        }
        if let quote { throw Failure(description: "unterminated \(quote) quote") }
        if escaping { throw Failure(description: "a backslash at the end of the line escapes nothing") }
        return finish(words, current, inWord)
    }

    private static func finish(_ words: [String], _ current: String, _ inWord: Bool) -> [String] {
        inWord ? words + [current] : words
    }
}
