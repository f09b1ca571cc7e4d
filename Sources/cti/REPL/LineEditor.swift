@preconcurrency import CLibEdit
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// libedit (readline API) for the REPL: line editing, history in a file, tab completion of the
/// words ``Completion`` offers. `readline` blocks, so it runs on a thread of its own, never on
/// the Swift concurrency pool or an event loop.
final class LineEditor: @unchecked Sendable {
    private let queue = DispatchQueue(label: "cti.readline")
    private let historyPath: String?

    /// At most this many lines of history are kept.
    static let historyLimit: Int32 = 1000

    init(historyPath: String?) {
        self.historyPath = historyPath
        rl_readline_name = UnsafePointer(strdup("cti"))
        rl_completion_entry_function = completionGenerator
        stifle_history(LineEditor.historyLimit)
        if let historyPath { _ = read_history(historyPath) }
    }

    /// One line, or `nil` at end of input (Ctrl-D).
    func read(prompt: String) async -> String? {
        await withCheckedContinuation { continuation in
            queue.async {
                guard let raw = readline(prompt) else {
                    continuation.resume(returning: nil)
                    return
                }
                let line = String(cString: raw)
                free(raw)
                continuation.resume(returning: line)
            }
        }
    }

    /// Adds a line to the history (lines that carry secrets never are) and saves the file.
    func remember(_ line: String) {
        let trimmed = line.trimmingBlanks
        guard !trimmed.isEmpty, !History.holdsSecret(trimmed) else { return }
        add_history(trimmed)
        if let historyPath { _ = write_history(historyPath) }
    }
}

/// The history file: `$CTI_HISTFILE`, else `$XDG_STATE_HOME/cti/history`, else
/// `~/.local/state/cti/history`; an empty `CTI_HISTFILE` or `/dev/null` disables it. The
/// directory is created with mode 0700.
enum History {
    static func path(environment: [String: String]) -> String? {
        if let explicit = environment["CTI_HISTFILE"] {
            return explicit.isEmpty || explicit == "/dev/null" ? nil : explicit
        }
        let base: String
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            base = state + "/cti"
        } else if let home = environment["HOME"], !home.isEmpty {
            base = home + "/.local/state/cti"
        } else {
            return nil
        }
        var directory = ""
        for component in base.split(separator: "/") {
            directory += "/" + component
            mkdir(directory, 0o700)
        }
        return base + "/history"
    }

    /// Lines naming a password are never stored.
    static func holdsSecret(_ line: String) -> Bool {
        line.lowercased().contains("password")
    }
}

/// The words tab completion offers (set by the REPL), read by the C callback.
enum Completion {
    nonisolated(unsafe) static var words: [String] = []
    nonisolated(unsafe) static var matches: [String] = []
}

/// libedit calls this with state 0, 1, ... until it returns NULL; each match is `strdup`ed.
private let completionGenerator: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { text, state in
    if state == 0 {
        let prefix = text.map { String(cString: $0) } ?? ""
        let lowered = prefix.lowercased()
        Completion.matches = Completion.words.filter { $0.lowercased().hasPrefix(lowered) }
    }
    guard Int(state) < Completion.matches.count else { return nil }
    return strdup(Completion.matches[Int(state)])
}
