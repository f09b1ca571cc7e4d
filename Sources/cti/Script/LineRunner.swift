import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// Runs console lines (REPL or script) through the same command tree as the shell, inside a
/// ``ConsoleContext`` so that `open` keeps its session for the next lines.
struct LineRunner {
    let context: ConsoleContext

    /// What a line did.
    enum Outcome: Equatable {
        case success
        case failed(Int32)
        case quit
        case empty
    }

    func run(_ line: String) async -> Outcome {
        let words: [String]
        do {
            words = try LineTokenizer.words(line)
        } catch {
            StandardStream.diagnose("cti: \(error)")
            return .failed(ExitStatus.usage.rawValue)
        }
        guard let first = words.first else { return .empty }
        if words.count == 1, ["quit", "exit", "\\q"].contains(first) { return .quit }
        return await ConsoleContext.$current.withValue(context) {
            do {
                var command = try CTI.parseAsRoot(words)
                if var command = command as? any AsyncParsableCommand {
                    try await command.run()
                } else {
                    try command.run()
                }
                return .success
            } catch {
                let code = CTI.exitCode(for: error)
                if code == .success {
                    // --help, --version: the message is the output.
                    try? StandardStream.output.writeLine(CTI.fullMessage(for: error))
                    try? StandardStream.output.flush()
                    return .success
                }
                let message = CTI.fullMessage(for: error)
                if !message.isEmpty { StandardStream.diagnose(message) }
                return .failed(code.rawValue)
            }
        }
    }
}

/// `cti -c CMD`, `cti -f FILE`, `cti < FILE`: lines run in order, no prompt, no history; `#`
/// comments; `--echo` shows each line on stderr; the first failing line stops the script (its
/// exit status is the script's) unless `--continue-on-error`.
struct ScriptRunner {
    let runner: LineRunner
    let echo: Bool
    let continueOnError: Bool

    func run(lines: [String], source: String) async -> Int32 {
        var status: Int32 = 0
        for (index, line) in lines.enumerated() {
            if echo { StandardStream.diagnose("> \(line)") }
            switch await runner.run(line) {
            case .success, .empty:
                continue
            case .quit:
                return status
            case .failed(let code):
                StandardStream.diagnose("cti: \(source):\(index + 1): `\(line.trimmingBlanks)` failed (exit \(code))")
                status = code
                if !continueOnError { return code }
            }
        }
        return status
    }
}

extension String {
    var trimmingBlanks: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
