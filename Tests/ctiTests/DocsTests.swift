import Foundation
import Testing

/// man/cti.1 and completions/* are generated from the command tree and committed: they must
/// match what the built `cti` generates, and the page must pass `groff -mdoc -ww -z`.
@Suite struct DocsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/python3")))
    func committedManPageAndCompletionsMatchTheCommandTree() throws {
        let script = Self.root.appendingPathComponent("scripts/generate-docs.py").path
        let result = try CLIRunner.run([script, "--check", CLIRunner.executable.path], executable: URL(fileURLWithPath: "/usr/bin/python3"))
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/groff")))
    func theManPagePassesGroffStrictChecks() throws {
        let page = Self.root.appendingPathComponent("man/cti.1").path
        let result = try CLIRunner.run(["-mdoc", "-ww", "-z", page], executable: URL(fileURLWithPath: "/usr/bin/groff"))
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let text = try String(contentsOfFile: page, encoding: .utf8)
        for section in ["EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES"] { #expect(text.contains(".Sh \(section)")) }
        for command in ["watch", "open", "call make", "agent login", "query snapshot", "decode", "encode", "simulate", "describe"] {
            #expect(text.contains(".Ss cti \(command)"), "\(command) missing from the man page")
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/bin/bash")))
    func theBashCompletionParses() throws {
        let script = Self.root.appendingPathComponent("completions/cti.bash").path
        let result = try CLIRunner.run(["-n", script], executable: URL(fileURLWithPath: "/bin/bash"))
        #expect(result.status == 0, "\(result.stderr)")
    }
}
