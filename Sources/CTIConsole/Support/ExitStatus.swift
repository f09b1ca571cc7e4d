import ArgumentParser

/// The documented exit codes (README, man page EXIT STATUS).
enum ExitStatus {
    /// The server refused a request (FAILURE_CONF / CONTROL_FAILURE_CONF).
    static let refused = ExitCode(1)
    /// `cti simulate`: a scenario step (or, with `--once`, a replay) that did not happen.
    static let scriptFailed = ExitCode(1)
    /// Connection or session failure, OPEN refused, nothing configured with `--no-embedded`.
    static let connectionFailure = ExitCode(2)
    /// Usage error (EX_USAGE).
    static let usage = ExitCode(64)
    /// Undecodable input (EX_DATAERR).
    static let dataError = ExitCode(65)
    /// A `--timeout` ran out before `--count` was reached (or before `wait`'s event).
    static let timeout = ExitCode(124)
    /// `wait` was ended by SIGINT or SIGTERM before its event came (128 + SIGINT, as shells report it).
    static let interrupted = ExitCode(130)
}
