import NIOConcurrencyHelpers

/// The run's ``LoadStatistics``, shared by the virtual agents (each records under the lock),
/// the progress line and the summary.
final class LoadRecorder: Sendable {
    private let state: NIOLockedValueBox<LoadStatistics>
    private let origin = ContinuousClock.now
    /// When the injected failure happened (`--fail-side`), as time since the start.
    private let failure = NIOLockedValueBox<Duration?>(nil)

    init(agents: Int) {
        state = NIOLockedValueBox(LoadStatistics(agents: agents))
    }

    /// Since the run started, on the monotonic clock.
    var now: Duration { ContinuousClock.now - origin }

    func record(_ body: (inout LoadStatistics) -> Void) {
        state.withLockedValue { body(&$0) }
    }

    func snapshot() -> LoadStatistics { state.withLockedValue { $0 } }

    /// Where each agent is (without copying the histograms).
    func boards() -> [LoadStatistics.Board] { state.withLockedValue { $0.boards } }

    /// `--fail-side` fired now.
    func failureInjected() { failure.withLockedValue { $0 = now } }

    /// When the injected failure happened, if one did.
    var failureInjectedAt: Duration? { failure.withLockedValue { $0 } }
}
