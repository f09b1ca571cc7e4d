import CTISimulator
import Foundation
import Testing

/// The simulator's commands are declared once (``SimulatorCommandTable``); every place that
/// lists them must list exactly that table, in its order: `sim help` (and `sim --help`, `sim`),
/// `cti simulate --help`, the man page's `cti simulate` section and the README's simulator section.
@Suite struct SimulatorCommandTableDocsTests {
    static let helpText = SimulatorCommandTable.helpText

    /// The words of `text`, one blank between them: `--help` and the man page wrap and indent lines.
    static func words(_ text: some StringProtocol) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func theTableListsEveryCommandOnce() {
        let declarations = SimulatorCommandTable.declarations
        #expect(Set(declarations.map(\.syntax)).count == declarations.count)
        for name in ["garbage A|B", "flood N [RATE]", "setup-fail DEVICE busy|noanswer|unreachable", "help"] {
            #expect(declarations.contains { $0.syntax == name }, "\(name)")
        }
    }

    @Test func simHelpIsTheTable() throws {
        for arguments in [["sim", "help"], ["sim", "--help"], ["sim"]] {
            let result = try CLIRunner.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            let lines = result.stdoutLines
            #expect(lines.first?.hasPrefix("usage: sim COMMAND") == true, "\(result.stdout)")
            #expect(lines.dropFirst().joined(separator: "\n") == Self.helpText, "\(arguments):\n\(result.stdout)")
        }
    }

    @Test func simulateHelpListsTheTable() throws {
        let result = try CLIRunner.run(["simulate", "--help"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.words(result.stdout).contains(Self.words(Self.helpText)), "cti simulate --help:\n\(result.stdout)")
    }

    @Test func theManPageListsTheTable() throws {
        let page = try String(contentsOf: DocsTests.root.appendingPathComponent("man/cti.1"), encoding: .utf8)
        let start = try #require(page.range(of: ".Ss cti simulate\n"))
        let rest = page[start.upperBound...]
        let section = rest[..<(rest.range(of: "\n.Ss ")?.lowerBound ?? rest.endIndex)]
        let text = section.split(separator: "\n").filter { !$0.hasPrefix(".") }.joined(separator: "\n")
        #expect(Self.words(text).contains(Self.words(Self.helpText)), "man/cti.1, cti simulate:\n\(section)")
    }

    @Test func theReadmeListsTheTable() throws {
        let readme = try String(contentsOf: DocsTests.root.appendingPathComponent("README.md"), encoding: .utf8)
        let begin = "<!-- simulator-commands: begin -->\n```text\n", end = "\n```\n<!-- simulator-commands: end -->"
        let start = try #require(readme.range(of: begin), "README.md: no \(begin)")
        let stop = try #require(readme.range(of: end, range: start.upperBound..<readme.endIndex), "README.md: no \(end)")
        #expect(String(readme[start.upperBound..<stop.lowerBound]) == Self.helpText,
                "README.md's simulator commands differ from SimulatorCommandTable: run scripts/generate-docs.py")
    }
}
