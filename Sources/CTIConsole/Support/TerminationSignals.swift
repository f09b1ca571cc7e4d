import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM through a self-pipe: the handler (async-signal-safe: one write(2)) is
/// installed at once, whatever threads exist, and a dispatch queue turns the pipe into a stream
/// (`cti simulate`, `cti proxy`: installed before the listening lines are printed).
enum TerminationSignals {
    /// The pipe's write end, for the handler (a C function cannot capture).
    nonisolated(unsafe) static var writeEnd: Int32 = -1

    static func install() -> AsyncStream<Int32> {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return AsyncStream { $0.finish() } }
        writeEnd = ends[1]
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { number in
            var byte = UInt8(truncatingIfNeeded: number)
            _ = write(TerminationSignals.writeEnd, &byte, 1)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGINT, &action, nil)
        sigaction(SIGTERM, &action, nil)
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        let readEnd = ends[0]
        DispatchQueue(label: "cti.signals.pipe").async {
            var byte: UInt8 = 0
            while true {
                let count = read(readEnd, &byte, 1)
                if count == 1 { continuation.yield(Int32(byte)) } else if count < 0 && errno == EINTR { continue } else { break }
            }
            continuation.finish()
        }
        return stream
    }
}
