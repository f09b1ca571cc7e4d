import Dispatch

/// Flushes stdout at least every 50 ms while events stream, so no line is held back when the
/// stream goes quiet.
final class Flusher: @unchecked Sendable {
    private let timer: any DispatchSourceTimer

    init(interval: DispatchTimeInterval = .milliseconds(50)) {
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "cti.flusher"))
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { try? StandardStream.output.flush() }
        timer.resume()
    }

    deinit { timer.cancel() }

    func stop() { timer.cancel() }
}
