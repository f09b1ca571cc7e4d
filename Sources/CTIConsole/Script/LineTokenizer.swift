/// Splits a console line into words the way a shell would: blanks separate words, single quotes
/// keep everything literal, double quotes allow `\"` and `\\`, a backslash outside quotes
/// escapes the next character, `#` at the start of a word begins a comment, and `$NAME` or
/// `${NAME}` outside single quotes is replaced by a ``ConsoleVariables`` value.
enum LineTokenizer {
    struct Failure: Error, Equatable, CustomStringConvertible {
        var description: String
    }

    static func words(_ line: String, variables: ConsoleVariables = ConsoleVariables()) throws(Failure) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaping = false
        let characters = Array(line)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            if character == "$", quote != "'", !escaping, let (name, end) = variableName(in: characters, at: index),
               let value = try variables.value(of: name) {
                current += value
                inWord = true
                index = end
                continue
            }
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

    /// The name of a variable reference starting after a `$` at `start` (`NAME` or `{NAME}`),
    /// and where the reference ends.
    private static func variableName(in characters: [Character], at start: Int) -> (String, Int)? {
        let braced = start < characters.count && characters[start] == "{"
        var end = braced ? start + 1 : start
        while end < characters.count, characters[end].isASCII, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" { end += 1 }
        let name = String(characters[(braced ? start + 1 : start)..<end])
        guard !name.isEmpty else { return nil }
        if braced {
            guard end < characters.count, characters[end] == "}" else { return nil }
            end += 1
        }
        return (name, end)
    }

    private static func finish(_ words: [String], _ current: String, _ inWord: Bool) -> [String] {
        inWord ? words + [current] : words
    }
}
