import Foundation
import Testing

/// The REPL through a pseudo-terminal (Fixtures/repl_driver.py types as a person would):
/// a command, tab completion of a message and of a mask name, events arriving while a line is half typed,
/// Ctrl-C dropping a half-typed line and stopping a `load` run, Ctrl-D closing the session,
/// history kept across runs.
@Suite(.timeLimit(.minutes(3)))
struct REPLTests {
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/python3")))
    func aPersonTypingAtTheREPL() throws {
        let driver = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/repl_driver.py")
        let history = FileManager.default.temporaryDirectory.appendingPathComponent("cti-history-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: history) }
        let result = try CLIRunner.run([driver.path, CLIRunner.executable.path, history], executable: URL(fileURLWithPath: "/usr/bin/python3"),
                                       timeout: 50)
        #expect(result.status == 0, "\(result.stderr)")
        let seen = try CLIRunner.json(try #require(result.stdoutLines.last))
        let transcript = seen["transcript"] as? String ?? ""
        for check in ["prompt", "openPrompt", "tabCompleted", "eventWhileTyping", "statusAfterEvent", "typedLineRedrawn", "closedOnExit",
                      "historyRecalled", "maskCompleted", "interruptPrompt", "statusAfterInterrupt", "interruptedLineDropped",
                      "tabAfterInterrupt", "lineStartAfterInterrupt", "commandCompleted", "subcommandsListed", "failoverPrompt",
                      "loadInterrupted", "loadLoggedOut", "interruptAfterLoad"] {
            #expect(seen[check] as? Bool == true, "\(check) failed; transcript:\n\(transcript)")
        }
        #expect(seen["exitStatus"] as? Int == 0)
        let file = seen["historyFile"] as? String ?? ""
        #expect(file.contains("open\\040-q"))
        #expect(file.contains("status"))
    }
}
