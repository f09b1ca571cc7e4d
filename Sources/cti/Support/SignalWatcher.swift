import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM as an awaitable event: the default action (exit without CLOSE_REQ) is
/// replaced so streaming commands can close the session first and exit 0.
enum SignalWatcher {
    /// Waits for SIGINT or SIGTERM and returns its number.
    static func next() async -> Int32 {
        await withCheckedContinuation { continuation in
            let queue = DispatchQueue(label: "cti.signals")
            let box = SignalBox(continuation: continuation)
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler { box.fire(number) }
                source.resume()
                box.sources.append(source)
            }
        }
    }
}

/// Resumes the continuation once, then keeps the sources alive (a later signal is ignored).
private final class SignalBox: @unchecked Sendable {
    var sources: [any DispatchSourceSignal] = []
    private var continuation: CheckedContinuation<Int32, Never>?

    init(continuation: CheckedContinuation<Int32, Never>) { self.continuation = continuation }

    func fire(_ number: Int32) {
        continuation?.resume(returning: number)
        continuation = nil
    }
}
