#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOConcurrencyHelpers

/// Output to stdout or stderr through write(2): buffered, flushed on demand, and aware of a
/// closed pipe (EPIPE: the reader has gone, e.g. `| head -1`), which ends output cleanly.
/// Swift's `print` is block-buffered on a pipe and cannot report EPIPE. Safe to use from any
/// thread: every operation holds the stream's lock.
final class StandardStream: @unchecked Sendable {
    static let output = StandardStream(fileDescriptor: 1)
    static let error = StandardStream(fileDescriptor: 2)

    /// The reader closed the pipe.
    struct BrokenPipe: Error {}

    private let fileDescriptor: Int32
    private let lock = NIOLock()
    private var buffer: [UInt8] = []
    private var isBroken = false

    init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
        buffer.reserveCapacity(1 << 16)
    }

    /// Whether the stream is a terminal.
    var isTerminal: Bool { isatty(fileDescriptor) == 1 }

    /// Appends a line (a newline is added); flushes when the buffer is large.
    func writeLine(_ line: String) throws {
        try writeLine(bytes: Array(line.utf8))
    }

    /// Appends bytes followed by a newline.
    func writeLine(bytes: [UInt8]) throws {
        try lock.withLock {
            buffer.append(contentsOf: bytes)
            buffer.append(0x0A)
            if buffer.count >= 1 << 16 { try flushLocked() }
        }
    }

    /// Writes out everything buffered.
    func flush() throws {
        try lock.withLock { try flushLocked() }
    }

    private func flushLocked() throws {
        guard !isBroken else { buffer.removeAll(keepingCapacity: true); throw BrokenPipe() }
        var written = 0
        while written < buffer.count {
            let result = buffer.withUnsafeBytes { raw in
                write(fileDescriptor, raw.baseAddress! + written, raw.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                isBroken = true
                buffer.removeAll(keepingCapacity: true)
                throw BrokenPipe()
            }
            written += result
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes a diagnostic line to stderr immediately (errors are never held back).
    static func diagnose(_ line: String) {
        try? error.writeLine(line)
        try? error.flush()
    }
}
