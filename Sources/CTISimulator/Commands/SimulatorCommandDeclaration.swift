/// One simulator command, declared once: its keywords, its typed arguments, its help line and
/// what it runs. ``SimulatorCommandTable`` lists them; parsing (``SimulatorCommand/parse(_:)``),
/// `help`, ``CTISimulator/execute(_:)``, `cti simulate --help` and the REPL's `sim help` all
/// read that table.
public struct SimulatorCommandDeclaration: Sendable {
    /// The keywords the line starts with, e.g. `["heartbeats", "stop"]`; one may list
    /// alternatives (`"add|remove"`): the action sees the one typed in ``SimulatorCommand/words``.
    public let words: [String]
    /// Other spellings of the whole command, left out of the help (`?` for `help`).
    public let aliases: [String]
    /// The arguments after the keywords, in order; at most one of each kind; only the last may be optional.
    public let arguments: [SimulatorArgument]
    /// What `help` says after the syntax.
    public let help: String
    /// Runs the command on the simulator and returns what it prints; what it throws is printed instead.
    let action: @Sendable (CTISimulator, SimulatorCommand) async throws -> String

    init(_ words: String, _ arguments: [SimulatorArgument] = [], aliases: [String] = [], help: String,
         action: @escaping @Sendable (CTISimulator, SimulatorCommand) async throws -> String) {
        self.words = words.split(separator: " ").map(String.init)
        self.aliases = aliases
        self.arguments = arguments
        self.help = help
        self.action = action
    }

    /// The keywords then the arguments' placeholders: `heartbeats stop A|B`, `flood N [RATE]`.
    public var syntax: String { (words + arguments.map(\.placeholder)).joined(separator: " ") }

    /// The line of `help`: the syntax, then the help from column 25 (on the next line when the syntax is too long).
    public var helpLine: String {
        let column = 24
        let syntax = syntax
        return syntax.count < column - 1
            ? syntax + String(repeating: " ", count: column - syntax.count) + help
            : syntax + "\n" + String(repeating: " ", count: column) + help
    }

    /// Whether `word`, lowercased, is this command's first keyword or an alias: the commands a
    /// first word names share one usage line.
    func isNamed(_ word: String) -> Bool { words[0] == word || aliases.contains(word) }

    /// The keywords typed, when `line` (lowercased words, the name first) starts with them.
    func keywords(in line: [String]) -> [String]? {
        if aliases.contains(line[0]) { return words }
        guard line.count >= words.count else { return nil }
        for (word, typed) in zip(words, line) where !word.split(separator: "|").contains(Substring(typed)) { return nil }
        return Array(line.prefix(words.count))
    }

    /// Reads the words after the keywords (as typed) into the arguments; `usage` is the command's family's.
    func read(_ typed: [String], usage: String) throws(SimulatorCommandError) -> SimulatorArguments {
        if arguments.isEmpty {
            guard typed.isEmpty else { throw SimulatorCommandError("'\(words.joined(separator: " "))' takes no arguments") }
            return SimulatorArguments([])
        }
        let required = arguments.filter { !$0.isOptional }.count
        guard (required...arguments.count).contains(typed.count) else { throw SimulatorCommandError("usage: \(usage)") }
        var values: [SimulatorArgumentValue] = []
        for (argument, word) in zip(arguments, typed) {
            do {
                values.append(try argument.read(word))
            } catch {
                throw SimulatorCommandError("'\(word)' is not \(error.expected); usage: \(usage)")
            }
        }
        return SimulatorArguments(values)
    }
}
