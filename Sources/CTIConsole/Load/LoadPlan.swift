import CTIClient

/// What a `cti load` run does (issue 22): which agents work how, for how long, how fast they
/// start, what else is offered, and the failure injected, if any.
struct LoadPlan: Sendable {
    var agents: [LoadAgent]
    var model: WorkModel
    var duration: Duration
    /// The agents' sessions start evenly over this time; `--make-rate` grows to its rate over it.
    var ramp: Duration
    /// Outbound calls per second, all agents together (`--make-rate`); 0: none.
    var makeRate: Double
    /// Mobile agents with a remote phone log in with a nailed connection (`--persistent`).
    var persistent: Bool
    /// One ALL_EVENTS session for all the agents (`--bridge`).
    var bridge = false
    var failure: SideFailure?
    /// When ``failure`` happens, from the start.
    var failAt: Duration
    var seed: UInt64

    /// The time agent `index` starts at, from the run's start.
    func startOffset(of index: Int) -> Duration {
        guard agents.count > 1 else { return .zero }
        return ramp * (Double(index) / Double(agents.count))
    }

    /// The outbound rate at `elapsed` into the run: growing linearly over the ramp.
    func makeRate(at elapsed: Duration) -> Double {
        guard ramp > .zero, elapsed < ramp else { return makeRate }
        return makeRate * (elapsed / ramp)
    }

    /// Whether agent `index` logs in with a nailed connection.
    func isNailed(_ index: Int) -> Bool { persistent && agents[index].remotePhone != nil }

    /// The default ramp: one agent started every 10 ms (100 sessions per second).
    static func defaultRamp(agents: Int) -> Duration { .milliseconds(Int64(agents) * 10) }
}
