/// Terminal colours for text output (ANSI), decided by the caller (TTY, `NO_COLOR`, `--color`).
public struct TextStyle: Sendable {
    public var colored: Bool

    public init(colored: Bool) { self.colored = colored }

    /// Appends what `write` writes in colour `code` to UTF-8 text being built.
    func paint(_ code: String, into line: inout [UInt8], _ write: (inout [UInt8]) -> Void) {
        if colored {
            line.append(contentsOf: "\u{1B}[".utf8)
            line.append(contentsOf: code.utf8)
            line.append(UInt8(ascii: "m"))
        }
        write(&line)
        if colored { line.append(contentsOf: "\u{1B}[0m".utf8) }
    }

    /// Appends a name (ASCII) in colour `code`, padded with spaces to `width` inside the colour.
    func paint(_ name: String, _ code: String, paddedTo width: Int, into line: inout [UInt8]) {
        paint(code, into: &line) { line in
            line.append(contentsOf: name.utf8)
            line.append(contentsOf: repeatElement(UInt8(ascii: " "), count: max(0, width - name.utf8.count)))
        }
    }
}
