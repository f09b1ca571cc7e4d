import CTIOutput
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Flushes stdout at least every 50 ms while events stream, so no line is held back when the
/// stream goes quiet, and notices when stdout's reader has gone (`| head -1`) even when there is
/// nothing to write: poll(2) reports POLLERR on a pipe whose reader closed.
final class Flusher: @unchecked Sendable {
    private let timer: any DispatchSourceTimer
    private let queue = DispatchQueue(label: "cti.flusher")
    private let gone = OneShotSignal<Bool>(fallback: false)

    init(interval: DispatchTimeInterval = .milliseconds(50)) {
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [unowned self] in tick() }
        timer.resume()
    }

    deinit { timer.cancel() }

    func stop() { timer.cancel() }

    /// Returns once stdout's reader has gone (or the waiting task is cancelled).
    func readerGone() async {
        _ = await gone.wait()
    }

    private func tick() {
        var readerGone = false
        do {
            try StandardStream.output.flush()
        } catch {
            readerGone = true
        }
        var descriptor = pollfd(fd: STDOUT_FILENO, events: Int16(POLLOUT), revents: 0)
        if poll(&descriptor, 1, 0) > 0, descriptor.revents & Int16(POLLERR | POLLHUP) != 0 { readerGone = true }
        if readerGone { gone.fire(true) }
    }
}
