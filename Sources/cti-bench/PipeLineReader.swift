#if canImport(Glibc)
import Glibc
#endif

/// Lines read from a child process's pipe (its stdout or stderr), blocking: what the benchmarks'
/// child processes say (ports, replies, summaries).
struct PipeLineReader {
    let descriptor: Int32
    private var pending: [UInt8] = []

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// The next line without its newline; nil at the end of the pipe. The bytes read before an
    /// end without a newline stay in ``unterminated``.
    mutating func next() -> String? {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return nil }
            pending.append(contentsOf: chunk[..<count])
        }
    }

    /// What was read after the last newline.
    var unterminated: String { String(decoding: pending, as: UTF8.self) }
}
