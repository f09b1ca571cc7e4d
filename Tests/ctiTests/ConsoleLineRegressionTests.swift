import ArgumentParser
import Foundation
import Testing
@testable import CTIConsole

/// Replays the console lines kept from the FuzzConsoleLine fuzz target
/// (`Fixtures/ConsoleLineRegressions/*.line`, raw bytes, see the README there) through the
/// target's checks, reimplemented here: the bytes read the way the console reads them (invalid
/// UTF-8 repaired to U+FFFD; also as ISO-8859-1), parsed with ``ConsoleLine/parse(_:)``, never
/// run. Parsing must not trap, and a line that fails must fail as a usage error with a message.
@Suite struct ConsoleLineRegressionTests {
    /// `Tests/ctiTests/Fixtures/ConsoleLineRegressions` (Fixtures is not a resource of the target).
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/ConsoleLineRegressions")

    /// The `.line` file names, sorted.
    static let files: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
        .filter { $0.hasSuffix(".line") }.sorted()

    /// The strings the fuzz target parses for `bytes`.
    static func readings(_ bytes: [UInt8]) -> [String] {
        let repaired = String(decoding: bytes, as: UTF8.self)
        if Array(repaired.utf8) == bytes { return [repaired] }
        return [repaired, String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))]
    }

    /// How a line ended: what the REPL would run or say.
    enum Outcome {
        case empty, quit, command(any ParsableCommand)
        case tokenizerFailure(LineTokenizer.Failure)
        case failure(code: ExitCode, message: String)
    }

    static func outcome(_ line: String) -> Outcome {
        do {
            switch try ConsoleLine.parse(line) {
            case .empty: return .empty
            case .quit: return .quit
            case .command(let command): return .command(command)
            }
        } catch let failure as LineTokenizer.Failure {
            return .tokenizerFailure(failure)
        } catch {
            return .failure(code: CTI.exitCode(for: error), message: CTI.fullMessage(for: error))
        }
    }

    /// The quit spellings end the console; `\q` too, although a backslash elsewhere escapes the
    /// next character (the seed corpus showed `\q` parsing as the unknown command `q`).
    @Test(arguments: ["quit", "exit", #"\q"#, #"  \q  "#, "exit # bye"])
    func quitSpellings(line: String) throws {
        guard case .quit = Self.outcome(line) else {
            Issue.record("\(line.debugDescription) does not quit")
            return
        }
    }

    /// Only the bare spellings quit: `q`, a quoted `'\q'` or `quit now` are parsed as commands.
    @Test(arguments: ["q", #"'\q'"#, "quit now"])
    func notQuit(line: String) {
        if case .quit = Self.outcome(line) { Issue.record("\(line.debugDescription) quits") }
    }

    /// DTMF digits are 0-9, * and # in ASCII; other characters Unicode counts as numbers are
    /// usage errors, not digits sent to the switch.
    @Test(arguments: ["12*#", "0"])
    func dtmfDigitsAreAccepted(digits: String) {
        guard case .command = Self.outcome("call dtmf 7 \(digits)") else {
            Issue.record("\(digits) refused")
            return
        }
    }

    @Test(arguments: ["½", "Ⅻ", "٣", "１", "5\u{301}", "1a", ""])
    func dtmfNonDigitsAreUsageErrors(digits: String) {
        guard case .failure(let code, let message) = Self.outcome("call dtmf 7 '\(digits)'") else {
            Issue.record("\(digits.debugDescription) accepted")
            return
        }
        #expect(code == .validationFailure)
        #expect(message.contains("DTMF digits are 0-9, * and #"))
    }

    @Test func fixturesArePresent() {
        #expect(FileManager.default.fileExists(atPath: Self.directory.appendingPathComponent("README.txt").path))
        #expect(!Self.files.isEmpty, "no .line files in \(Self.directory.path)")
    }

    @Test(arguments: files)
    func replay(file: String) throws {
        let bytes = Array(try Data(contentsOf: Self.directory.appendingPathComponent(file)))
        for line in Self.readings(bytes) {
            switch Self.outcome(line) {
            case .empty, .quit, .command:
                break
            case .tokenizerFailure(let failure):
                #expect(!failure.description.isEmpty)
            case .failure(let code, let message):
                // `--help`/`--version` end with exit code 0 and their text; anything else is a
                // usage error (64) the console can explain.
                #expect(code == .success || code == .validationFailure, "exit code \(code.rawValue): \(message)")
                #expect(!message.isEmpty, "no message for \(line.debugDescription)")
            }
        }
    }
}
