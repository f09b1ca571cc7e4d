import CTIProtocol

/// A fault-injection or inspection command, as typed on the simulator's stdin (and as `sim …`
/// in the REPL): one of ``SimulatorCommandTable/declarations`` with its arguments read. One
/// command per line; words separated by blanks; keywords, sides and choices are
/// case-insensitive. ``CTISimulator/execute(_:)`` runs them.
public struct SimulatorCommand: Hashable, Sendable {
    /// The keywords as typed, lowercased (`["heartbeats", "stop"]`, `["rd", "add"]`).
    public var words: [String]
    public var arguments: SimulatorArguments

    /// `SimulatorCommand("heartbeats stop", .side(.a))`.
    public init(_ words: String, _ arguments: SimulatorArgumentValue...) {
        self.words = words.split(separator: " ").map(String.init)
        self.arguments = SimulatorArguments(arguments)
    }

    init(words: [String], arguments: SimulatorArguments) {
        self.words = words
        self.arguments = arguments
    }

    /// Parses one line; `nil` for a blank line.
    public static func parse(_ line: String) throws(SimulatorCommandError) -> SimulatorCommand? {
        try read(line)?.command
    }

    /// Parses one line into its declaration and command; `nil` for a blank line.
    static func read(_ line: String) throws(SimulatorCommandError) -> (declaration: SimulatorCommandDeclaration, command: SimulatorCommand)? {
        let typed = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
        let lowered = typed.map { $0.lowercased() }
        guard let name = lowered.first else { return nil }
        let family = SimulatorCommandTable.declarations.filter { $0.isNamed(name) }
        guard !family.isEmpty else { throw SimulatorCommandError("unknown command '\(typed[0])'; type help for the list") }
        let usage = SimulatorCommandTable.usage(of: family)
        for declaration in family {
            guard let keywords = declaration.keywords(in: lowered) else { continue }
            let arguments = try declaration.read(Array(typed.dropFirst(keywords.count)), usage: usage)
            return (declaration, SimulatorCommand(words: keywords, arguments: arguments))
        }
        throw SimulatorCommandError("usage: \(usage)")
    }
}

/// A line ``SimulatorCommand/parse(_:)`` cannot read; the message says why.
public struct SimulatorCommandError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
