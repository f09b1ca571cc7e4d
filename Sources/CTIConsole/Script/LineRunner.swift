import ArgumentParser
#if canImport(Glibc)
import CTIOutput
import Glibc
#endif

/// Runs console lines (REPL or script) through the same command tree as the shell, handing each
/// session command the ``ConsoleContext``'s shared session (``SharedSessionProvider``) so that
/// `open` keeps its session for the next lines.
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
        context.beginLine()
        let parsed: ConsoleLine
        do {
            parsed = try ConsoleLine.parse(line, variables: context.variables)
        } catch let failure as LineTokenizer.Failure {
            StandardStream.diagnose("cti: \(failure)")
            return .failed(ExitStatus.usage.rawValue)
        } catch {
            return report(error)
        }
        var command: any ParsableCommand
        switch parsed {
        case .empty: return .empty
        case .quit: return .quit
        case .command(let parsedCommand): command = parsedCommand
        }
        do {
            if let command = command as? any SessionCommand {
                try await command.run(on: SharedSessionProvider(context))
            } else if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
            return .success
        } catch {
            return report(error)
        }
    }

    /// `--help` and `--version` print their message as output; anything else is a diagnostic
    /// and the exit code swift-argument-parser (or the command) gives it.
    private func report(_ error: any Error) -> Outcome {
        let code = CTI.exitCode(for: error)
        if code == .success {
            try? StandardStream.output.writeLine(CTI.fullMessage(for: error))
            try? StandardStream.output.flush()
            return .success
        }
        let message = CTI.fullMessage(for: error)
        if !message.isEmpty { StandardStream.diagnose(message) }
        return .failed(code.rawValue)
    }
}

/// `cti -c CMD`, `cti -f FILE`, `cti < FILE`: lines run in order, no prompt, no history; `#`
/// comments; `--echo` shows each line on stderr; the first failing line stops the script (its
/// exit status is the script's) unless `--continue-on-error`. A line that is not UTF-8 fails
/// (exit 64); lines shown back have their passwords replaced by `***`.
struct ScriptRunner {
    let runner: LineRunner
    let echo: Bool
    let continueOnError: Bool

    func run(lines: [Result<String, UTF8Text.Invalid>], source: String) async -> Int32 {
        var status: Int32 = 0
        for (index, decoded) in lines.enumerated() {
            let outcome: LineRunner.Outcome
            switch decoded {
            case .success(let line):
                if echo { StandardStream.diagnose("> \(PasswordWords.redacted(line))") }
                outcome = await runner.run(line)
                if case .failed(let code) = outcome {
                    StandardStream.diagnose("cti: \(source):\(index + 1): `\(PasswordWords.redacted(line.trimmingBlanks))` failed (exit \(code))")
                }
            case .failure(let invalid):
                StandardStream.diagnose("cti: \(source):\(index + 1): the line is \(invalid)")
                outcome = .failed(ExitStatus.usage.rawValue)
            }
            switch outcome {
            case .success, .empty:
                continue
            case .quit:
                return status
            case .failed(let code):
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
