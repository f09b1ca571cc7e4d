import CTIProtocol
@testable import CTISimulator
import Testing

/// ``SimulatorCommandTable``: each declaration is well formed and parses its own syntax; the
/// refusals name the problem and the usage of the command's family.
@Suite struct SimulatorCommandTableTests {
    /// A word each argument kind accepts.
    static func sample(_ argument: SimulatorArgument) -> (word: String, value: SimulatorArgumentValue) {
        switch argument {
        case .side: ("b", .side(.b))
        case .count: ("7", .count(7))
        case .rate: ("2.5", .rate(2.5))
        case .device: ("CTRID5001", .device("CTRID5001"))
        case .callID: ("16777300", .callID(16_777_300))
        case .number: ("5550100", .number("5550100"))
        case .choice(let words): (words[words.count - 1].uppercased(), .choice(words[words.count - 1]))
        }
    }

    @Test(arguments: SimulatorCommandTable.declarations.map(\.syntax))
    func declarationIsWellFormedAndParsesItsSyntax(syntax: String) throws {
        let declaration = try #require(SimulatorCommandTable.declarations.first { $0.syntax == syntax })
        let kinds = declaration.arguments.map { if case .choice = $0 { "choice" } else { $0.placeholder } }
        #expect(Set(kinds).count == kinds.count, "one argument of each kind, so the action can ask for it by kind")
        #expect(declaration.arguments.dropLast().allSatisfy { !$0.isOptional }, "only the last argument may be optional")
        #expect(!declaration.help.isEmpty)
        let samples = declaration.arguments.map(Self.sample)
        // Every spelling of every keyword (alternatives `a|b`), upper case too.
        var spellings: [[String]] = [[]]
        for word in declaration.words {
            spellings = spellings.flatMap { prefix in word.split(separator: "|").map { prefix + [String($0)] } }
        }
        for keywords in spellings {
            let line = (keywords.map { $0.uppercased() } + samples.map(\.word)).joined(separator: " ")
            let command = try SimulatorCommand.parse(line)
            #expect(command == SimulatorCommand(words: keywords, arguments: SimulatorArguments(samples.map(\.value))), "\(line)")
        }
    }

    @Test func questionMarkIsHelp() throws {
        #expect(try SimulatorCommand.parse("?") == SimulatorCommand("help"))
        #expect(!SimulatorCommandTable.helpText.split(separator: "\n").contains { $0.hasPrefix("?") }, "aliases stay out of the list")
    }

    @Test(arguments: [
        ("call end x", "'x' is not a call ID; usage: call in DEVICE | call end CALLID"),
        ("call dial 2001", "usage: call in DEVICE | call end CALLID"),
        ("heartbeats stop", "usage: heartbeats stop|resume A|B"),
        ("hang A B", "usage: hang A|B"),
        ("offline c", "'c' is not a side (A or B); usage: offline A|B"),
        ("flood 0", "'0' is not a number of events > 0; usage: flood N [RATE] (N > 0 events, RATE > 0 per second)"),
        ("flood 5 -1", "'-1' is not a rate per second > 0; usage: flood N [RATE] (N > 0 events, RATE > 0 per second)"),
        ("flood 5 1 2", "usage: flood N [RATE] (N > 0 events, RATE > 0 per second)"),
        ("rd add 5001", "usage: rd add|remove|activate|deactivate DEVICE NUMBER | rd answer|reject|hangup DEVICE"),
        ("rd ring 5001", "usage: rd add|remove|activate|deactivate DEVICE NUMBER | rd answer|reject|hangup DEVICE"),
        ("timer stop 1", "usage: timer expire CALLID"),
        ("setup-fail 5001 late", "'late' is not one of busy|noanswer|unreachable; usage: setup-fail DEVICE busy|noanswer|unreachable"),
        ("Persistent now", "'persistent' takes no arguments"),
        ("Frobnicate 1", "unknown command 'Frobnicate'; type help for the list"),
    ])
    func refusalsNameTheProblemAndTheUsage(line: String, message: String) {
        #expect(throws: SimulatorCommandError(message)) { try SimulatorCommand.parse(line) }
    }
}
