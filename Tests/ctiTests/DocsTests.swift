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

    /// The ~30 options every session command shares are described once, in their own section,
    /// and each command refers to that section instead of repeating them.
    @Test func sharedOptionsAreDescribedOnceAndReferredTo() throws {
        let text = try String(contentsOfFile: Self.root.appendingPathComponent("man/cti.1").path, encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        for section in ["CONNECTION OPTIONS", "OUTPUT OPTIONS"] { #expect(text.contains("\n.Sh \(section)\n"), "no \(section) section") }
        for item in [".It Fl -host-b Ar host[:port]", ".It Fl -connect-timeout Ar seconds",
                     ".It Fl -color Ar color", ".It Fl -lifecycle"] {
            #expect(lines.filter { $0 == item }.count == 1, "\(item) is described \(lines.filter { $0 == item }.count) times")
        }
        // The --tls options: with the connection options, and once more in TLS OPTIONS for `cti
        // proxy`, which takes them without the rest of the connection options.
        #expect(lines.filter { $0 == ".It Fl -tls-insecure" }.count == 2)
        #expect(text.contains("\n.Sh TLS OPTIONS\n"))
        guard let hold = lines.firstIndex(of: ".Ss cti call hold"), let next = lines[(hold + 1)...].firstIndex(where: { $0.hasPrefix(".Ss ") }) else {
            Issue.record("no cti call hold section"); return
        }
        let section = lines[hold..<next]
        #expect(section.contains(".Sx CONNECTION OPTIONS") && section.contains(".Sx OUTPUT OPTIONS ."))
        #expect(section.contains(".It Fl -follow Ar seconds"), "a command's own options stay under it")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/bin/bash")))
    func theBashCompletionParses() throws {
        let script = Self.root.appendingPathComponent("completions/cti.bash").path
        let result = try CLIRunner.run(["-n", script], executable: URL(fileURLWithPath: "/bin/bash"))
        #expect(result.status == 0, "\(result.stderr)")
    }
}
