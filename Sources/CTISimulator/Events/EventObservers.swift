import NIOConcurrencyHelpers

/// The subscribers of ``CTISimulator/events()``: each gets every event from the moment it
/// subscribes (unbounded buffer; events are rare, floods do not produce them).
final class EventObservers: Sendable {
    private struct State {
        var next = 0
        var continuations: [Int: AsyncStream<SimulatorEvent>.Continuation] = [:]
        var finished = false
    }

    private let state = NIOLockedValueBox(State())

    func subscribe() -> AsyncStream<SimulatorEvent> {
        let (stream, continuation) = AsyncStream<SimulatorEvent>.makeStream()
        let key: Int? = state.withLockedValue { state in
            guard !state.finished else { return nil }
            state.next += 1
            state.continuations[state.next] = continuation
            return state.next
        }
        guard let key else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLockedValue { $0.continuations.removeValue(forKey: key) }
        }
        return stream
    }

    func emit(_ event: SimulatorEvent) {
        for continuation in state.withLockedValue({ Array($0.continuations.values) }) { continuation.yield(event) }
    }

    func finish() {
        let continuations = state.withLockedValue { state in
            state.finished = true
            defer { state.continuations.removeAll() }
            return Array(state.continuations.values)
        }
        for continuation in continuations { continuation.finish() }
    }
}
