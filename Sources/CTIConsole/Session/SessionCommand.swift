import ArgumentParser

/// A command that runs on a session: the shell runs it one-shot (``run()``: a session made for
/// it), a REPL or script line hands it the session the lines share (``LineRunner``).
protocol SessionCommand: AsyncParsableCommand {
    /// Runs the command on the sessions `provider` gives.
    func run(on provider: any SessionProvider) async throws
}

extension SessionCommand {
    /// From the shell (`cti call make ...`): one-shot.
    func run() async throws {
        try await run(on: OneShotSessionProvider())
    }
}
