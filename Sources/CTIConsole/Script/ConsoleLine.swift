import ArgumentParser

/// One console line as the REPL and scripts read it: words split by ``LineTokenizer`` (shell
/// quoting, `#` comments), then parsed against the `cti` command tree. Nothing runs here: this is
/// the part of the console that takes text from people, and the part the REPL line-parser fuzz
/// target drives.
public enum ConsoleLine {
    /// Blank, or only a comment.
    case empty
    /// `quit`, `exit` or `\q` on its own.
    case quit
    /// A parsed and validated command, ready to run.
    case command(any ParsableCommand)

    /// Parses `line`. Throws the tokenizer's failure (an unterminated quote, a trailing
    /// backslash, a variable not set yet) or swift-argument-parser's error for the words; render
    /// the latter with `CTI.fullMessage(for:)` and `CTI.exitCode(for:)`.
    public static func parse(_ line: String) throws -> ConsoleLine {
        try parse(line, variables: ConsoleVariables())
    }

    /// Parses `line` with the REPL's or script's variables (`$CALLID`, `$INVOKEID`).
    static func parse(_ line: String, variables: ConsoleVariables) throws -> ConsoleLine {
        let words = try LineTokenizer.words(line, variables: variables)
        guard let first = words.first else { return .empty }
        if words.count == 1, ["quit", "exit"].contains(first) || isBackslashQ(line, words: words) { return .quit }
        return .command(try CTI.parseAsRoot(words))
    }

    /// `\q` on its own. The tokenizer reads its backslash as an escape and leaves the word `q`,
    /// so the spelling is checked on the line itself.
    private static func isBackslashQ(_ line: String, words: [String]) -> Bool {
        words == ["q"] && line.drop { $0 == " " || $0 == "\t" || $0 == "\r" }.hasPrefix("\\q")
    }
}
