import ArgumentParser
import Dispatch
import NIOConcurrencyHelpers
import CTIProtocol
#if canImport(Glibc)
import Glibc
#endif

/// The interactive console: a prompt showing the session's state (`cti[A:open]>`), libedit line
/// editing and history, tab completion of verbs, options, mask and message names; events print
/// as they arrive. Ctrl-D (or `quit`) closes the session with CLOSE_REQ and exits.
struct REPL {
    let runner: LineRunner
    let editor: LineEditor

    init(runner: LineRunner, environment: [String: String]) {
        self.runner = runner
        self.editor = LineEditor(historyPath: History.path(environment: environment))
        staticWords = REPL.completionWords()
    }

    /// Verbs, options, mask and message names; the call IDs and agents seen are added per line.
    private let staticWords: [String]

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
        interrupts.resume()
        defer { interrupts.cancel() }
        while true {
            // While a line is being typed, events print above the prompt.
            runner.context.setSink { output, errors in editor.printAbove(output: output, errors: errors) }
            Completion.words = staticWords + runner.context.knownWords.sorted()
            let read = await editor.read(prompt: await prompt())
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

    private func prompt() async -> String {
        guard let session = runner.context.session else { return "cti> " }
        guard let side = await session.client.activeSide else { return "cti[-:connecting]> " }
        return "cti[\(side.rawValue):open]> "
    }

    /// Verbs, subcommands, options, mask and message names.
    static func completionWords() -> [String] {
        var words: [String] = ["quit", "help"]
        func walk(_ command: any ParsableCommand.Type) {
            for sub in command.configuration.subcommands {
                words.append(sub.configuration.commandName ?? "")
                walk(sub)
            }
        }
        walk(CTI.self)
        words += ["--host", "--host-b", "--services", "--call-mask", "--agent-mask", "--config-mask", "--instrument", "--agent-id",
                  "--agent-ext", "--peripheral", "--output", "--filter", "--count", "--timeout", "--follow", "--device", "--off"]
        let catalog = MessageCatalog.standard
        for table in [catalog.serviceMask, catalog.callEventMask, catalog.agentStateMask, catalog.configMask] {
            words += table.entries.map(\.name)
        }
        words += catalog.messages.map(\.name)
        return Array(Set(words.filter { !$0.isEmpty })).sorted()
    }
}
