import CTIClient
import CTIProtocol
import CTISimulator
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// A `cti load` run (issue 22): starts the virtual agents over the ramp, offers outbound calls at
/// `--make-rate`, injects the failure at its time, and at the end (the duration, or a signal)
/// stops new work, lets every agent log out and close, and hands back what was counted.
struct LoadRun: Sendable {
    /// Why the run ended.
    enum End: Equatable, Sendable {
        case duration
        /// SIGINT or SIGTERM: new work stopped early.
        case signal(Int32)
    }

    /// What the run leaves for the summary.
    struct Outcome {
        var statistics: LoadStatistics
        /// From the first agent's start to the end of the work (the stop not counted).
        var elapsed: Duration
        /// How long the agents took to log out and close.
        var stopTime: Duration
        var end: End
        /// When the injected failure (`--fail-side`) happened, if it did.
        var failedAt: Duration?
        /// Agents whose stop did not finish in time (their sessions were closed without logout).
        var aborted: Int
    }

    /// The sessions the agents work through.
    enum Sessions: Sendable {
        /// One per agent (CLIENT_EVENTS + CLIENT_CONTROL), each with this configuration.
        case perAgent(@Sendable (LoadAgent) -> ClientConfiguration)
        /// `--bridge`: one ALL_EVENTS + CLIENT_CONTROL session for all.
        case bridge(ClientConfiguration)
    }

    var plan: LoadPlan
    var peripheralID: UInt32
    var sessions: Sessions
    /// The embedded simulator, for ``LoadPlan/failure``.
    var simulator: CTISimulator?
    /// Called about once a second while the work runs (the progress line).
    var tick: (@Sendable (LoadStatistics, Duration) -> Void)?

    /// How long the agents may take to log out and close once stopped.
    var stopDeadline: Duration { .seconds(10) + .milliseconds(Int64(plan.agents.count) * 5) }

    func run(signals: AsyncStream<Int32>) async -> Outcome {
        let recorder = LoadRecorder(agents: plan.agents.count)
        let group = MultiThreadedEventLoopGroup.singleton
        var bridge: LoadBridge?
        if case .bridge(let configuration) = sessions {
            bridge = LoadBridge(configuration: configuration, eventLoopGroup: group, recorder: recorder)
        }
        let agents = plan.agents.enumerated().map { index, agent in
            let setup = VirtualAgent.Setup(index: index, agent: agent, peripheralID: peripheralID, model: plan.model,
                                           seed: plan.seed &+ UInt64(index), nailed: plan.isNailed(index))
            switch sessions {
            case .perAgent(let configuration):
                return VirtualAgent(setup, session: .own(configuration(agent), group), recorder: recorder)
            case .bridge:
                return VirtualAgent(setup, session: .shared(bridge!.client), recorder: recorder)
            }
        }
        if let bridge {
            bridge.attach(agents)
            guard await bridge.open() else {
                recorder.record { statistics in
                    for index in agents.indices { statistics.move(index, to: .failed) }
                }
                return Outcome(statistics: recorder.snapshot(), elapsed: recorder.now, stopTime: .zero, end: .duration, failedAt: nil, aborted: 0)
            }
        }
        /// Why the work ended, once it has (`nil` while the agents work).
        let stopReason = NIOLockedValueBox<End?>(nil)
        let end = OneShotSignal<End>(fallback: .signal(SIGINT))

        let working = Task {
            await withTaskGroup(of: Void.self) { tasks in
                for agent in agents {
                    let offset = plan.startOffset(of: agent.setup.index)
                    tasks.addTask {
                        if offset > .zero { try? await Task.sleep(for: offset) }
                        guard stopReason.withLockedValue({ $0 }) == nil else { return }
                        await agent.run()
                    }
                }
            }
        }
        var helpers: [Task<Void, Never>] = []
        helpers.append(Task {
            try? await Task.sleep(for: plan.duration)
            end.fire(.duration)
        })
        // The first signal ends the work; the next (or the first, when the duration ended it)
        // hurries the stop: the sessions close without waiting for the logouts. In the REPL a
        // Ctrl-C also cancels the run's task, which ends the work the same way (not twice).
        let finished = OneShotSignal<Bool>(fallback: false)
        let hurriedBy = NIOLockedValueBox<Int32?>(nil)
        let signalWatcher = Task {
            var seen = 0
            for await signal in signals {
                seen += 1
                guard let reason = stopReason.withLockedValue({ $0 }) else {
                    end.fire(.signal(signal))
                    continue
                }
                guard seen > 1 || reason == .duration else { continue }
                hurriedBy.withLockedValue { $0 = signal }
                finished.fire(false)
            }
        }
        if let tick {
            helpers.append(Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(1))
                    if Task.isCancelled { return }
                    tick(recorder.snapshot(), recorder.now)
                }
            })
        }
        if let planned = plan.failure, let simulator {
            helpers.append(Task {
                try? await Task.sleep(for: plan.failAt)
                guard !Task.isCancelled else { return }
                recorder.failureInjected()
                await planned.inject(into: simulator)
            })
        }
        if plan.makeRate > 0 {
            helpers.append(Task { await offerOutboundCalls(agents, recorder: recorder) })
        }

        // The work ends with its duration, a signal, or the run's task cancelled (Ctrl-C in the
        // REPL); the stop runs in a task of its own, so that a cancelled run still logs out.
        let reason = await end.wait()
        let workEnded = recorder.now
        stopReason.withLockedValue { $0 = reason }
        for helper in helpers { helper.cancel() }
        for agent in agents { agent.send(.stop) }
        let stopping = Task { () -> Outcome in
            var reason = reason
            // Every agent logs out and closes; those that do not within the deadline (or by a
            // second signal) are closed at once.
            let waiter = Task {
                await working.value
                finished.fire(true)
            }
            let deadline = Task {
                try? await Task.sleep(for: stopDeadline)
                finished.fire(false)
            }
            var aborted = 0
            if await !finished.wait() {
                // All at once: each close waits for its CLOSE_CONF (at most the close timeout).
                let open = recorder.boards()
                let left = agents.filter { ![.closed, .failed, .waiting].contains(open[$0.setup.index]) }
                aborted = left.count
                await withTaskGroup(of: Void.self) { closing in
                    for agent in left { closing.addTask { await agent.abort() } }
                }
                await working.value
            }
            deadline.cancel()
            waiter.cancel()
            signalWatcher.cancel()
            await bridge?.close()
            if reason == .duration, let signal = hurriedBy.withLockedValue({ $0 }) { reason = .signal(signal) }
            return Outcome(statistics: recorder.snapshot(), elapsed: workEnded, stopTime: recorder.now - workEnded, end: reason,
                           failedAt: recorder.failureInjectedAt, aborted: aborted)
        }
        return await stopping.value
    }

    /// `--make-rate`: Poisson arrivals of outbound calls (thinned during the ramp, so the rate
    /// grows with it), each handed to an agent available and idle at that moment (drawn at
    /// random); counted as not placed when there is none.
    private func offerOutboundCalls(_ agents: [VirtualAgent], recorder: LoadRecorder) async {
        var random = SplitMix64(seed: plan.seed ^ 0x6D61_6B65)
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(Int64(random.exponential(rate: plan.makeRate) * 1000)))
            if Task.isCancelled { return }
            guard random.uniform(0...1) * plan.makeRate < plan.makeRate(at: recorder.now) else { continue }
            let boards = recorder.boards()
            let available = boards.indices.filter { boards[$0] == .available }
            guard !available.isEmpty else {
                recorder.record { $0.calls.notPlaced += 1 }
                continue
            }
            agents[available[Int(random.next() % UInt64(available.count))]].send(.makeCall(dialed: plan.model.dialedNumber))
        }
    }
}
