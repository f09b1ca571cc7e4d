#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOConcurrencyHelpers

/// Output to stdout, stderr or a file (`watch --record`) through write(2): buffered, flushed
/// on demand, and aware of a closed pipe (EPIPE: the reader has gone, e.g. `| head -1`), which
/// ends output cleanly. Swift's `print` is block-buffered on a pipe and cannot report EPIPE.
/// Safe to use from any thread: every operation holds the stream's lock.
public final class StandardStream: @unchecked Sendable {
    public static let output = StandardStream(fileDescriptor: 1)
    public static let error = StandardStream(fileDescriptor: 2)

    /// The reader closed the pipe.
    public struct BrokenPipe: Error {}

    private let fileDescriptor: Int32
    private let lock = NIOLock()
    private var buffer: [UInt8] = []
    private var isBroken = false

    init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
        buffer.reserveCapacity(1 << 16)
    }

    /// A file created (or emptied) for writing; `nil` when it cannot be. ``close()`` it.
    public convenience init?(creating path: String) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o666)
        guard descriptor >= 0 else { return nil }
        self.init(fileDescriptor: descriptor)
    }

    /// Whether the stream is a terminal.
    public var isTerminal: Bool { isatty(fileDescriptor) == 1 }

    /// Appends a line (a newline is added); flushes when the buffer is large.
    public func writeLine(_ line: String) throws {
        try append { $0.append(contentsOf: line.utf8); $0.append(0x0A) }
    }

    /// Appends bytes followed by a newline.
    public func writeLine(bytes: [UInt8]) throws {
        try append { $0.append(contentsOf: bytes); $0.append(0x0A) }
    }

    /// Lets `body` append to the buffer in place; flushes when the buffer is large.
    public func append(_ body: (inout [UInt8]) -> Void) throws {
        try lock.withLock {
            body(&buffer)
            if buffer.count >= 1 << 16 { try flushLocked() }
        }
    }

    /// Writes out what is buffered and closes the file (a stream made by ``init(creating:)``).
    public func close() throws {
        try lock.withLock {
            defer { closeDescriptor(fileDescriptor) }
            try flushLocked()
        }
    }

    /// Writes out everything buffered.
    public func flush() throws {
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
    public static func diagnose(_ line: String) {
        try? error.writeLine(line)
        try? error.flush()
    }
}

/// close(2), by a name the stream's own ``StandardStream/close()`` does not hide.
private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}
