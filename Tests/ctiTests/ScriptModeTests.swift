import Foundation
import Testing

/// Scripts: `-c`, stdin, `-f`; one session across lines; stop at the first failure.
@Suite(.timeLimit(.minutes(3)))
struct ScriptModeTests {
    static let isolated = SessionCommandTests.isolated.merging(["CTI_HISTFILE": "/dev/null"]) { $1 }

    @Test func commandsShareOneSession() throws {
        let result = try CLIRunner.run(["-c", "open -q", "-c", "status", "-c", "close", "-c", "status"], environment: Self.isolated)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("session   open"))
        #expect(result.stdoutLines.last == "no session")
    }

    @Test func aFailingLineStopsTheScriptAndIsNamed() throws {
        let script = """
        # set-up
        open -q
        call hold 424242 --device 2001
        status
        """
        let result = try CLIRunner.run([], stdin: Data(script.utf8), environment: Self.isolated)
        #expect(result.status == 1)
        #expect(result.stderr.contains("stdin:3: `call hold 424242 --device 2001` failed (exit 1)"), "\(result.stderr)")
        #expect(!result.stdout.contains("session   open"), "the line after the failure did not run")
    }

    @Test func continueOnErrorRunsEveryLine() throws {
        let script = "open -q\nno-such-verb\nstatus\n"
        let result = try CLIRunner.run(["--continue-on-error", "--echo"], stdin: Data(script.utf8), environment: Self.isolated)
        #expect(result.status == 64)
        #expect(result.stdout.contains("session   open"))
        #expect(result.stderr.contains("> no-such-verb"))
        #expect(result.stderr.contains("stdin:2:"))
    }

    @Test func fileScriptsNameTheirLines() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cti-script-\(UUID().uuidString).cti").path
        try "status\nsend 'unterminated\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLIRunner.run(["-f", path], environment: Self.isolated)
        #expect(result.status == 64)
        #expect(result.stderr.contains("\(path):2:"))
        #expect(result.stderr.contains("unterminated ' quote"))
    }
}
