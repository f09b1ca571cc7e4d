import ArgumentParser

/// `quit`: leave the REPL or end a script (Ctrl-D does the same in the REPL). One-shot, there is
/// nothing to leave.
struct QuitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quit",
        abstract: "Leave the REPL or end a script, closing the session (CLOSE_REQ).")

    func run() throws {}
}
