import NIOConcurrencyHelpers

/// A value delivered once, awaited by one task; cancelling the waiting task resumes it with
/// the fallback, so task groups that race it against other events can finish.
final class OneShotSignal<Value: Sendable>: Sendable {
    private struct State {
        var value: Value?
        var waiter: CheckedContinuation<Value, Never>?
    }

    private let state = NIOLockedValueBox(State())
    private let fallback: Value

    init(fallback: Value) { self.fallback = fallback }

    /// Delivers the value (only the first call counts).
    func fire(_ value: Value) {
        let waiter = state.withLockedValue { state -> CheckedContinuation<Value, Never>? in
            guard state.value == nil else { return nil }
            state.value = value
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: value)
    }

    /// Waits for the value (or returns the fallback when the task is cancelled).
    func wait() async -> Value {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready = state.withLockedValue { state -> Value? in
                    if let value = state.value { return value }
                    state.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            fire(fallback)
        }
    }
}
