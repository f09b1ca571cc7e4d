import ArgumentParser
import CTIOutput
import Dispatch
import NIOConcurrencyHelpers
import CTIProtocol
#if canImport(Glibc)
import Glibc
#endif

/// The interactive console: a prompt showing the session's side and state (`cti[A:open]>`),
/// redrawn as they change; libedit line editing and history; tab completion by context
/// (``LineCompletion``); events print as they arrive. Ctrl-D (or `quit`) closes the session with
/// CLOSE_REQ and exits.
struct REPL {
    let runner: LineRunner
    let editor: LineEditor

    init(runner: LineRunner, environment: [String: String]) {
        self.runner = runner
        self.editor = LineEditor(historyPath: History.path(environment: environment))
    }

    func run() async -> Int32 {
        StandardStream.diagnose("cti \(VersionInfo.tool): type `open` to open a session, `help` for commands, Ctrl-D to quit")
        let editor = editor
        // Ctrl-C drops the line being typed, or cancels the command running; it never ends the REPL.
        signal(SIGINT, SIG_IGN)
        let running = NIOLockedValueBox<Task<LineRunner.Outcome, Never>?>(nil)
        let interrupts = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "cti.repl.sigint"))
        interrupts.setEventHandler {
            if let task = running.withLockedValue({ $0 }) { task.cancel() } else { editor.interrupt() }
        }
        // libedit leaves these to the REPL (`rl_catch_signals = 0`, see ``LineEditor``).
        let resizes = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: DispatchQueue(label: "cti.repl.sigwinch"))
        resizes.setEventHandler { editor.terminalResized() }
        let continues = DispatchSource.makeSignalSource(signal: SIGCONT, queue: DispatchQueue(label: "cti.repl.sigcont"))
        continues.setEventHandler { editor.terminalResumed() }
        let sources = [interrupts, resizes, continues]
        for source in sources { source.resume() }
        defer { for source in sources { source.cancel() } }
        // Lifecycle events redraw the prompt (the side and state it shows), one at a time, the latest last.
        let (changes, change) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let prompter = Task { [self] in
            for await _ in changes {
                let ticket = editor.promptTicket()
                editor.show(prompt: await prompt(), ticket: ticket)
            }
        }
        defer {
            change.finish()
            prompter.cancel()
        }
        let context = runner.context
        Completion.candidates = { line in LineCompletion.cti.candidates(lineBeforeCursor: line, seen: context.knownWords.sorted()) }
        while true {
            // While a line is being typed, events print above the prompt.
            runner.context.setSink { output, errors in
                editor.printAbove(output: output, errors: errors)
                change.yield()
            }
            let ticket = editor.promptTicket()
            let read = await editor.read(prompt: await prompt(), ticket: ticket)
            runner.context.setSink(nil)
            guard let read else { break }
            let line: String
            switch read {
            case .success(let text):
                line = text
            case .failure(let invalid):
                StandardStream.diagnose("cti: the line is \(invalid)")
                continue
            }
            editor.remember(line)
            let runner = runner
            let task = Task { await runner.run(line) }
            running.withLockedValue { $0 = task }
            let outcome = await task.value
            running.withLockedValue { $0 = nil }
            if outcome == .quit { break }
        }
        try? StandardStream.error.writeLine("")
        try? StandardStream.error.flush()
        return 0
    }

    /// `cti>` without a session, `cti[-:connecting]>` while no side is open, `cti[B:open]>`.
    private func prompt() async -> String {
        guard let session = runner.context.session else { return "cti> " }
        guard let side = await session.client.activeSide else { return "cti[-:connecting]> " }
        return "cti[\(side.rawValue):open]> "
    }
}
