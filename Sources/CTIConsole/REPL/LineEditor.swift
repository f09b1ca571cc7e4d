@preconcurrency import CLibEdit
import Dispatch
import NIOConcurrencyHelpers
#if canImport(Glibc)
import Glibc
#endif

/// libedit (readline API, callback mode) for the REPL: line editing, history in a file, tab
/// completion by context (``Completion``), lines printed *above* the prompt while one is being
/// typed (the partly typed line is redrawn under them), and a prompt that can change while a line
/// is typed. It runs on a thread of its own, never on the Swift concurrency pool or an event loop.
///
/// Signals are the REPL's, not libedit's (`rl_catch_signals = 0`): libedit's own SIGINT handler
/// puts the terminal in cooked mode, re-raises the signal and leaves raw mode to be restored when
/// the next key is read, but in cooked mode no key reaches the editor's `poll` until Enter, so
/// Tab, Ctrl-A and Ctrl-L were typed into the terminal's line buffer. The REPL's signal sources
/// call ``interrupt()``, ``terminalResized()`` and ``terminalResumed()`` instead.
final class LineEditor: @unchecked Sendable {
    private let thread = DispatchQueue(label: "cti.readline")
    private let historyPath: String?
    /// Lines waiting to be printed above the prompt, and the pipe that wakes the editor's poll.
    private let pending = NIOLockedValueBox<[(toStdout: Bool, bytes: [UInt8])]>([])
    private var wake: [Int32] = [-1, -1]
    /// What the editor's thread is asked to do when it wakes.
    private let requests = NIOLockedValueBox(Requests())

    private struct Requests {
        /// Ctrl-C while a line is typed: discard it and show a fresh prompt.
        var interrupt = false
        /// The window changed size (SIGWINCH).
        var resize = false
        /// The process was continued after a stop (SIGCONT): the terminal needs raw mode again.
        var resume = false
        /// A newer prompt, and the ticket of the moment it was computed.
        var prompt: (ticket: UInt64, text: String)?
        /// The ticket of the prompt shown (older prompts are dropped), and its text.
        var shownTicket: UInt64 = 0
        var shownText = ""
        /// The last ticket handed out by ``LineEditor/promptTicket()``.
        var lastTicket: UInt64 = 0
    }

    /// At most this many lines of history are kept.
    static let historyLimit: Int32 = 1000

    init(historyPath: String?) {
        self.historyPath = historyPath
        // Before anything initialises libedit (the history calls below do).
        rl_catch_signals = 0
        rl_readline_name = UnsafePointer(strdup("cti"))
        // Words are split at blanks only: ``Completion`` completes whole words (`A,B`, `Field=value`).
        rl_basic_word_break_characters = UnsafePointer(strdup(" \t\n"))
        rl_completer_word_break_characters = strdup(" \t\n")
        rl_attempted_completion_function = attemptCompletion
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
        request { $0.interrupt = true }
    }

    /// SIGWINCH: the line is laid out again for the new width.
    func terminalResized() {
        request { $0.resize = true }
    }

    /// SIGCONT (after Ctrl-Z and `fg`): the shell left the terminal in cooked mode; raw mode again.
    func terminalResumed() {
        request { $0.resume = true }
    }

    /// A ticket to take before computing a prompt: ``show(prompt:ticket:)`` drops a prompt computed
    /// before the one shown, whichever finishes first.
    func promptTicket() -> UInt64 {
        requests.withLockedValue { requests in
            requests.lastTicket += 1
            return requests.lastTicket
        }
    }

    /// Shows `prompt` instead of the current one, with the typed text redrawn after it (from any
    /// thread); the prompt of the next ``read(prompt:ticket:)`` unless a newer one is given.
    func show(prompt: String, ticket: UInt64) {
        request { requests in
            guard ticket > requests.shownTicket, ticket > requests.prompt?.ticket ?? 0 else { return }
            requests.prompt = prompt == requests.shownText ? nil : (ticket, prompt)
        }
    }

    private func request(_ change: (inout Requests) -> Void) {
        requests.withLockedValue(change)
        var byte: UInt8 = 1
        _ = write(wake[1], &byte, 1)
    }

    /// One line (or where it stops being UTF-8), or `nil` at end of input (Ctrl-D). Lines queued
    /// by ``printAbove`` meanwhile appear above the prompt.
    /// `ticket`: from ``promptTicket()``, taken before `prompt` was computed.
    func read(prompt: String, ticket: UInt64) async -> Result<String, UTF8Text.Invalid>? {
        await withCheckedContinuation { continuation in
            thread.async { [self] in continuation.resume(returning: readLoop(prompt: prompt, ticket: ticket)) }
        }
    }

    private func readLoop(prompt: String, ticket: UInt64) -> Result<String, UTF8Text.Invalid>? {
        LineEditorState.line = nil
        LineEditorState.done = false
        LineEditorState.endOfInput = false
        let newer = requests.withLockedValue { requests -> String? in
            let newer = requests.prompt.flatMap { $0.ticket > ticket ? $0.text : nil }
            requests.shownTicket = max(ticket, requests.prompt?.ticket ?? 0)
            requests.shownText = newer ?? prompt
            requests.prompt = nil
            return newer
        }
        rl_callback_handler_install(newer ?? prompt, lineHandler)
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
                serveRequests()
            }
            if descriptors[0].revents & Int16(POLLHUP) != 0 && descriptors[0].revents & Int16(POLLIN) == 0 { return nil }
            if descriptors[0].revents & Int16(POLLIN) != 0 { rl_callback_read_char() }
        }
        flushPending(redraw: false)
        return LineEditorState.line.map(UTF8Text.decode)
    }

    /// What ``interrupt()``, ``terminalResized()``, ``terminalResumed()`` and ``show(prompt:ticket:)``
    /// asked for, done on the editor's thread.
    private func serveRequests() {
        let asked = requests.withLockedValue { requests in
            defer {
                if let prompt = requests.prompt {
                    requests.shownTicket = prompt.ticket
                    requests.shownText = prompt.text
                }
                requests.interrupt = false
                requests.resize = false
                requests.resume = false
                requests.prompt = nil
            }
            return requests
        }
        if asked.resume {
            // libedit believes the terminal is still raw: through cooked mode to raw again.
            rl_deprep_terminal()
            rl_prep_terminal(1)
            rl_forced_update_display()
        }
        if asked.resize { rl_resize_terminal() }
        if asked.interrupt {
            // libedit's rl_replace_line ignores an empty text: replace with one blank, delete it.
            rl_replace_line(" ", 0)
            _ = rl_delete_text(0, 1)
            rl_point = 0
            rl_end = 0
            _ = "^C\n".withCString { write(STDERR_FILENO, $0, 3) }
            rl_forced_update_display()
        }
        if let prompt = asked.prompt {
            let clear = Array("\r\u{1B}[K".utf8)
            _ = clear.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            _ = rl_set_prompt(prompt.text)
            rl_forced_update_display()
        }
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
        guard let base = StateDirectory.path(environment: environment) else { return nil }
        return base + "/history"
    }

    /// Lines naming a password are never stored.
    static func holdsSecret(_ line: String) -> Bool {
        line.lowercased().contains("password")
    }
}

/// Tab completion, read by the C callbacks on the editor's thread: `candidates` (set by the REPL)
/// takes the line up to the cursor and gives the whole words its last word can become.
enum Completion {
    nonisolated(unsafe) static var candidates: (_ lineBeforeCursor: String) -> [String] = { _ in [] }
    nonisolated(unsafe) static var matches: [String] = []
}

/// libedit asks for the matches of the word before the cursor (words end at blanks only).
private let attemptCompletion: @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, _, _ in
    rl_attempted_completion_over = 1  // no file names when nothing matches
    var before = text.map { String(cString: $0) } ?? ""
    if let buffer = rl_line_buffer, rl_point >= 0, rl_point <= strlen(buffer) {
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: Int(rl_point))
        before = String(decoding: bytes, as: UTF8.self)
    }
    Completion.matches = Completion.candidates(before)
    // `Field=` and `A,` are not finished words: no blank after them.
    let open = Completion.matches.count == 1 && (Completion.matches[0].hasSuffix("=") || Completion.matches[0].hasSuffix(","))
    rl_completion_append_character = open ? 0 : 0x20
    return rl_completion_matches(text, completionGenerator)
}

/// libedit calls this with state 0, 1, ... until it returns NULL; each match is `strdup`ed.
private let completionGenerator: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { _, state in
    guard Int(state) < Completion.matches.count else { return nil }
    return strdup(Completion.matches[Int(state)])
}
