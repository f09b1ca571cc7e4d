import CTIProtocol
import Dispatch
import NIOConcurrencyHelpers

/// The bounded queue between the relay and the printer: the relay offers each whole frame and
/// never waits; the frames are decoded and shown on a dispatch queue of their own. When
/// ``capacity`` frames are waiting, an offer is refused (the caller counts the frame as not
/// printed). Notes are always taken.
///
/// Frames and notes wait in one list, in the order offered; one block on the dispatch queue
/// shows the whole list and takes what came meanwhile, so that a busy relay costs the printer
/// one wake-up per batch, not one per frame.
final class PrintQueue: Sendable {
    private enum Item {
        case frame(CTIFrame, ProxyLeg, time: Duration)
        case note(ProxyNote)
    }

    private struct State {
        /// Frames offered and not yet shown.
        var waiting = 0
        var items: [Item] = []
        /// Whether a block on the queue will show ``items``.
        var showing = false
    }

    private let queue = DispatchQueue(label: "cti.proxy.printer")
    private let capacity: Int
    private let state = NIOLockedValueBox(State())
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
        let (taken, start) = state.withLockedValue { state -> (Bool, Bool) in
            guard state.waiting < capacity else { return (false, false) }
            state.waiting += 1
            state.items.append(.frame(frame, leg, time: time))
            return (true, Self.startShowing(&state))
        }
        if start { queue.async { [self] in showAll() } }
        return taken
    }

    /// Queues a note (after the frames already queued).
    func note(_ note: ProxyNote) {
        let start = state.withLockedValue { state in
            state.items.append(.note(note))
            return Self.startShowing(&state)
        }
        if start { queue.async { [self] in showAll() } }
    }

    /// Returns when everything queued so far has been shown.
    func drain() {
        queue.sync {}
    }

    /// Whether the caller must start a block to show the items (none is running or queued).
    private static func startShowing(_ state: inout State) -> Bool {
        guard !state.showing else { return false }
        state.showing = true
        return true
    }

    /// On the queue: shows the items waiting, and those that come meanwhile, until none is left.
    private func showAll() {
        var batch: [Item] = []
        while true {
            state.withLockedValue { state in
                swap(&batch, &state.items)
                if batch.isEmpty { state.showing = false }
            }
            guard !batch.isEmpty else { return }
            var frames = 0
            for item in batch {
                switch item {
                case .frame(let frame, let leg, let time):
                    frames += 1
                    do throws(CTIDecodeError) {
                        sink.show(.message(try decoder.decode(frame), frame, leg, time: time))
                    } catch {
                        sink.show(.undecodable(frame, error, leg, time: time))
                    }
                case .note(let note):
                    sink.show(.note(note))
                }
            }
            batch.removeAll(keepingCapacity: true)
            state.withLockedValue { $0.waiting -= frames }
        }
    }
}
