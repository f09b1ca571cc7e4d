@preconcurrency import CLibEdit
import Dispatch
import NIOConcurrencyHelpers
#if canImport(Glibc)
import Glibc
#endif

/// libedit (readline API, callback mode) for the REPL: line editing, history in a file, tab
/// completion of the words ``Completion`` offers, and lines printed *above* the prompt while one
/// is being typed (the partly typed line is redrawn under them). It runs on a thread of its own,
/// never on the Swift concurrency pool or an event loop.
final class LineEditor: @unchecked Sendable {
    private let thread = DispatchQueue(label: "cti.readline")
    private let historyPath: String?
    /// Lines waiting to be printed above the prompt, and the pipe that wakes the editor's poll.
    private let pending = NIOLockedValueBox<[(toStdout: Bool, bytes: [UInt8])]>([])
    private var wake: [Int32] = [-1, -1]
    /// Ctrl-C while a line is typed: discard it and show a fresh prompt.
    private let interrupted = NIOLockedValueBox(false)

    /// At most this many lines of history are kept.
    static let historyLimit: Int32 = 1000

    init(historyPath: String?) {
        self.historyPath = historyPath
        rl_readline_name = UnsafePointer(strdup("cti"))
        rl_completion_entry_function = completionGenerator
        // libedit's callback mode does not report Ctrl-D: its keys come through readKey.
        rl_getc_function = readKey
        stifle_history(LineEditor.historyLimit)
        if let historyPath { _ = read_history(historyPath) }
        pipe(&wake)
    }

    deinit {
        close(wake[0])
        close(wake[1])
    }

    /// Prints lines above the prompt (from any thread).
    func printAbove(output: [[UInt8]], errors: [String]) {
        pending.withLockedValue { queue in
            queue += errors.map { (false, Array($0.utf8)) }
            queue += output.map { (true, $0) }
        }
        var byte: UInt8 = 1
        _ = write(wake[1], &byte, 1)
    }

    /// Ctrl-C (from the REPL's signal handler): the line being typed is dropped.
    func interrupt() {
        interrupted.withLockedValue { $0 = true }
        var byte: UInt8 = 1
        _ = write(wake[1], &byte, 1)
    }

    /// One line (or where it stops being UTF-8), or `nil` at end of input (Ctrl-D). Lines queued
    /// by ``printAbove`` meanwhile appear above the prompt.
    func read(prompt: String) async -> Result<String, UTF8Text.Invalid>? {
        await withCheckedContinuation { continuation in
            thread.async { [self] in continuation.resume(returning: readLoop(prompt: prompt)) }
        }
    }

    private func readLoop(prompt: String) -> Result<String, UTF8Text.Invalid>? {
        LineEditorState.line = nil
        LineEditorState.done = false
        LineEditorState.endOfInput = false
        rl_callback_handler_install(prompt, lineHandler)
        defer { rl_callback_handler_remove() }
        var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0), pollfd(fd: wake[0], events: Int16(POLLIN), revents: 0)]
        while !LineEditorState.done {
            flushPending(redraw: true)
            descriptors[0].revents = 0
            descriptors[1].revents = 0
            guard poll(&descriptors, 2, -1) >= 0 || errno == EINTR else { return nil }
            if descriptors[1].revents & Int16(POLLIN) != 0 {
                var drain = [UInt8](repeating: 0, count: 64)
                _ = Glibc.read(wake[0], &drain, drain.count)
                if interrupted.withLockedValue({ flag in defer { flag = false }; return flag }) {
                    // libedit's rl_replace_line ignores an empty text: replace with one blank, delete it.
                    rl_replace_line(" ", 0)
                    _ = rl_delete_text(0, 1)
                    rl_point = 0
                    rl_end = 0
                    _ = "^C\n".withCString { write(STDERR_FILENO, $0, 3) }
                    rl_forced_update_display()
                }
            }
            if descriptors[0].revents & Int16(POLLHUP) != 0 && descriptors[0].revents & Int16(POLLIN) == 0 { return nil }
            if descriptors[0].revents & Int16(POLLIN) != 0 { rl_callback_read_char() }
        }
        flushPending(redraw: false)
        return LineEditorState.line.map(UTF8Text.decode)
    }

    /// Writes the queued lines: clear the prompt line, print, redraw prompt and typed text.
    private func flushPending(redraw: Bool) {
        let lines = pending.withLockedValue { queue in
            defer { queue.removeAll() }
            return queue
        }
        guard !lines.isEmpty else { return }
        let clear = Array("\r\u{1B}[K".utf8)
        _ = clear.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        for line in lines {
            let bytes = line.bytes + [0x0A]
            _ = bytes.withUnsafeBytes { write(line.toStdout ? STDOUT_FILENO : STDERR_FILENO, $0.baseAddress, $0.count) }
        }
        if redraw { rl_forced_update_display() }
    }

    /// Adds a line to the history (lines that carry secrets never are) and saves the file.
    func remember(_ line: String) {
        let trimmed = line.trimmingBlanks
        guard !trimmed.isEmpty, !History.holdsSecret(trimmed) else { return }
        add_history(trimmed)
        if let historyPath { _ = write_history(historyPath) }
    }
}

/// What the C line handler hands back to the editor's loop (only the editor thread touches it).
enum LineEditorState {
    nonisolated(unsafe) static var line: [UInt8]?
    nonisolated(unsafe) static var done = false
    /// Ctrl-D was pressed: the line handler reports the end of input.
    nonisolated(unsafe) static var endOfInput = false
}

/// Reads one key for libedit; Ctrl-D (or the end of stdin) ends the input, as in a shell.
private let readKey: @convention(c) (UnsafeMutablePointer<FILE>?) -> Int32 = { _ in
    var byte: UInt8 = 0
    if read(STDIN_FILENO, &byte, 1) <= 0 || byte == 4 {
        LineEditorState.endOfInput = true
        return 13  // Enter: libedit hands the line to the handler, which reports the end of input
    }
    return Int32(byte)
}

private let lineHandler: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void = { raw in
    if LineEditorState.endOfInput {
        if let raw { free(raw) }
        LineEditorState.line = nil
    } else if let raw {
        LineEditorState.line = Array(UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw)))
        free(raw)
    } else {
        LineEditorState.line = nil
    }
    LineEditorState.done = true
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
