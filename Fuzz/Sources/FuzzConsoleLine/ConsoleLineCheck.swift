import ArgumentParser
import CTIConsole

/// What the FuzzConsoleLine harness runs on an input: the bytes as the console would read them,
/// parsed as one console line. Nothing is ever run: ``ConsoleLine/parse(_:)`` only tokenizes,
/// parses and validates (no I/O, no network). A failure must be an error the console can show:
/// it is rendered the way the REPL and scripts render it, and an error that fails the line
/// (exit code other than 0, which `--help` and `--version` give) must come with a message. A trap
/// anywhere (a precondition, a force unwrap, an overflow in a custom argument type or a
/// `validate()`) or a broken property is a crash for libFuzzer.
///
/// Input: the bytes of one line, no selector, possibly invalid UTF-8. The console never hands
/// invalid UTF-8 to the parser: every way a line comes in repairs it to U+FFFD
/// (`String(cString:)` for the REPL's libedit line, `readLine()` for stdin scripts,
/// `String(decoding:as:)` for `-f FILE`), so the harness repairs it the same way, and that repair
/// is the console's whole bad-UTF-8 handling. (Reading invalid input a second way, e.g. as
/// ISO-8859-1, would double the cost of the parse, the expensive part, for a large share of the
/// inputs; every scalar is reachable through valid UTF-8 anyway.)
enum ConsoleLineCheck {
    /// libFuzzer's input.
    static func input(_ bytes: UnsafeRawBufferPointer) {
        check(String(decoding: bytes, as: UTF8.self))
    }

    /// Parses `line`; on failure renders the error like `LineRunner` does.
    static func check(_ line: String) {
        do {
            switch try ConsoleLine.parse(line) {
            case .empty, .quit, .command:
                break
            }
        } catch {
            let message = CTI.fullMessage(for: error)
            let code = CTI.exitCode(for: error)
            if code != .success && message.isEmpty {
                fatalError("FUZZ PROPERTY VIOLATED: exit code \(code.rawValue) without a message for \(error) (line \(line.debugDescription))")
            }
        }
    }
}
