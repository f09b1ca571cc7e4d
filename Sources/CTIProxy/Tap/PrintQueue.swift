import CTIProtocol
import Dispatch
import NIOConcurrencyHelpers

/// The bounded queue between the relay and the printer: the relay offers each whole frame and
/// never waits; the frames are decoded and shown on a dispatch queue of their own. When
/// ``capacity`` frames are waiting, an offer is refused (the caller counts the frame as not
/// printed). Notes are always taken.
final class PrintQueue: Sendable {
    private let queue = DispatchQueue(label: "cti.proxy.printer")
    private let capacity: Int
    private let waiting = NIOLockedValueBox(0)
    private let sink: any ProxySink
    private let decoder: CTIMessageDecoder

    init(sink: any ProxySink, capacity: Int, version: ProtocolVersion) {
        self.sink = sink
        self.capacity = max(1, capacity)
        self.decoder = CTIMessageDecoder(version: version)
    }

    /// Queues the frame for decoding and showing; false (and nothing queued) when the printer is
    /// ``capacity`` frames behind.
    func offer(_ frame: CTIFrame, _ leg: ProxyLeg, time: Duration) -> Bool {
        let taken = waiting.withLockedValue { waiting in
            guard waiting < capacity else { return false }
            waiting += 1
            return true
        }
        guard taken else { return false }
        queue.async { [self] in
            let record: ProxyRecord
            do throws(CTIDecodeError) {
                record = .message(try decoder.decode(frame), frame, leg, time: time)
            } catch {
                record = .undecodable(frame, error, leg, time: time)
            }
            sink.show(record)
            waiting.withLockedValue { $0 -= 1 }
        }
        return true
    }

    /// Queues a note (after the frames already queued).
    func note(_ note: ProxyNote) {
        queue.async { [sink] in sink.show(.note(note)) }
    }

    /// Returns when everything queued so far has been shown.
    func drain() {
        queue.sync {}
    }
}
