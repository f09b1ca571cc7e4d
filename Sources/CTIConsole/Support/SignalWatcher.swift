import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM as an awaitable event: the default action (exit without CLOSE_REQ) is
/// replaced so streaming commands can close the session first and exit 0.
enum SignalWatcher {
    /// Waits for SIGINT or SIGTERM and returns its number (0 when the waiting task is cancelled).
    static func next() async -> Int32 {
        let signal = OneShotSignal<Int32>(fallback: 0)
        let queue = DispatchQueue(label: "cti.signals")
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            Glibc.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { signal.fire(number) }
            source.resume()
            sources.append(source)
        }
        let received = await signal.wait()
        for source in sources { source.cancel() }
        return received
    }
}
