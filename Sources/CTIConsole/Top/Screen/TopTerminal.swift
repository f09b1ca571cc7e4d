import Foundation

/// The terminal while `cti top` runs full screen (issue 21): keys unbuffered and not echoed
/// (termios), the alternate screen, the cursor hidden; ``restore()`` puts every one of them back
/// as it was, so leaving (`q`, Ctrl-C, a signal, an error) leaves the terminal clean.
/// Plain VT100 sequences written with `write(2)` (see README "## Top" for why not ncurses).
final class TopTerminal: @unchecked Sendable {
    /// Standard input, where the keys come from.
    let input = STDIN_FILENO
    /// Standard output, where frames go.
    let output = STDOUT_FILENO
    private let saved: termios?
    private var restored = false

    /// Whether stdout is a terminal (`cti top` without `--once` needs one).
    static var available: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Takes the terminal: raw keys (no echo, no line buffering, Ctrl-C as a key), the
    /// alternate screen, the cursor hidden.
    init() {
        var settings = termios()
        if isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &settings) == 0 {
            saved = settings
            var raw = settings
            raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
            raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
            withUnsafeMutableBytes(of: &raw.c_cc) { cc in
                cc[Int(VMIN)] = 1
                cc[Int(VTIME)] = 0
            }
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw)
        } else {
            saved = nil
        }
        write(ANSI.enterAlternateScreen + ANSI.hideCursor)
    }

    /// The window size (TIOCGWINSZ), 80x24 when the terminal does not say.
    var size: TopScreen.Size {
        var window = winsize()
        guard ioctl(output, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 else {
            return TopScreen.Size(columns: 80, rows: 24)
        }
        return TopScreen.Size(columns: Int(window.ws_col), rows: Int(window.ws_row))
    }

    /// Writes all of `bytes` (one `write(2)` unless the kernel takes less).
    func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(output, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    func write(_ text: String) { write(Array(text.utf8)) }

    /// Leaves the alternate screen, shows the cursor and puts the termios settings back; once.
    func restore() {
        guard !restored else { return }
        restored = true
        write(ANSI.reset + ANSI.leaveAlternateScreen + ANSI.showCursor)
        if var saved { tcsetattr(input, TCSADRAIN, &saved) }
    }

    deinit { restore() }
}
