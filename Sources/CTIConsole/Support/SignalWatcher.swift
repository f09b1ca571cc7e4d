import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM as awaitable events: the default action (exit without CLOSE_REQ) is
/// replaced so streaming commands can close the session first and exit 0. Dispatch signal
/// sources, so that the REPL's own (Ctrl-C cancels the command running) keeps working beside them.
enum SignalWatcher {
    /// Every SIGINT and SIGTERM, until the stream's consumer stops (or its task is cancelled).
    static func signals() -> AsyncStream<Int32> {
        AsyncStream { continuation in
            let queue = DispatchQueue(label: "cti.signals")
            // Only cancelled, once, when the stream ends (dispatch sources are thread-safe).
            nonisolated(unsafe) let sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
                ignoreDefaultAction(number)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler { continuation.yield(number) }
                source.resume()
                return source
            }
            continuation.onTermination = { _ in for source in sources { source.cancel() } }
        }
    }

    /// Replaces the signal's default action (ending the process) with "ignore", before a dispatch
    /// source takes the signal. Only the default: a signal already taken (the REPL's source, whose
    /// handler libdispatch installed) is left as it is, or the sources would no longer see it.
    private static func ignoreDefaultAction(_ number: Int32) {
        var current = sigaction()
        guard sigaction(number, nil, &current) == 0, current.__sigaction_handler.sa_handler == nil else { return }
        Glibc.signal(number, SIG_IGN)
    }

    /// Waits for SIGINT or SIGTERM and returns its number (0 when the waiting task is cancelled).
    static func next() async -> Int32 {
        for await number in signals() { return number }
        return 0
    }
}
