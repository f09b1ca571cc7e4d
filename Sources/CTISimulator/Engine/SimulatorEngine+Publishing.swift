import CTIProtocol
import NIOCore

/// Events to the active side's ALL_EVENTS sessions, and the flood generator.
extension SimulatorEngine {
    /// Every open ALL_EVENTS session of the active side (with `allSessions`, every open
    /// session), oldest first (none while it is hung).
    func publishTargets(allSessions: Bool = false) -> [ConnectionID] {
        guard let side = sides[activeSide], side.isListening, !side.isHung else { return [] }
        return connections.values
            .filter { $0.side == activeSide && !$0.isClosing && $0.session.map { allSessions || $0.receivesAllEvents } == true }
            .map(\.id).sorted()
    }

    /// Writes a message to `targets` (default: ``publishTargets()``), encoded once per
    /// protocol version (by the encoder of the first target speaking it); returns how many
    /// sessions it went to. A session whose version lacks the message does not get it
    /// (``notSent(_:because:to:)``); the others do.
    @discardableResult
    func publish(_ message: CTIMessage, to targets: [ConnectionID]? = nil) -> Int {
        var frames: [UInt32: Result<CTIFrame, CTIEncodeError>] = [:]
        var sent = 0
        for id in targets ?? publishTargets() {
            guard let connection = connections[id] else { continue }
            let version = connection.version.number
            if frames[version] == nil {
                do {
                    frames[version] = .success(CTIFrame(encoded: try connection.encoder.encode(message)))
                } catch {
                    frames[version] = .failure(error)
                }
            }
            switch frames[version]! {
            case .success(let frame):
                write(frame, to: id)
                sent += 1
            case .failure(let error):
                notSent(message.name, because: error, to: id)
            }
        }
        return sent
    }

    /// Starts a flood of `count` END_CALL_EVENTs; the future gives how many were published.
    func startFlood(count: Int, ratePerSecond: Double?) -> EventLoopFuture<Int> {
        let promise = loop.makePromise(of: Int.self)
        guard !isStopped else {
            promise.succeed(0)
            return promise.futureResult
        }
        let id = nextFlood
        nextFlood += 1
        floods[id] = FloodRun(count: count, ratePerSecond: ratePerSecond, start: .now(), promise: promise)
        log("flood: publishing \(count) END_CALL_EVENTs from ConnectionCallID \(nextCallID)"
            + (ratePerSecond.map { " at \($0)/s" } ?? ""))
        stepFlood(id)
        return promise.futureResult
    }

    /// One flood step: publishes what is due (at most ``FloodRun/stepSize`` events), flushes, and then gives the
    /// loop back until the next event is due, but for at least ``FloodRun/yieldDelay`` counted
    /// from the end of the step. NIO runs every task that is ready before it polls its sockets
    /// again, so a step must never be ready when the previous one ends (hence not `execute`,
    /// nor a deadline taken before the flush): otherwise a flood running late would starve the
    /// sockets, and client frames such as ACTIVE_MAINTENANCE_RESP_MSG would wait for its end.
    /// Pauses while a target connection is not writable: a client that does not read holds the
    /// flood back instead of filling memory. Nothing else runs on the loop during one step, so
    /// the targets are the same for all of it.
    func stepFlood(_ id: Int) {
        guard let run = floods[id] else { return }
        let targets = publishTargets()
        let outcome = publishDue(run, to: targets)
        for target in targets { connections[target]?.channel.flush() }
        switch outcome {
        case .finished:
            floods[id] = nil
            log("flood: \(run.published) END_CALL_EVENTs published (next ConnectionCallID \(nextCallID))")
            run.promise.succeed(run.published)
        case .paused:
            run.paused = true
        case .more:
            let soonest = NIODeadline.now() + FloodRun.yieldDelay
            loop.scheduleTask(deadline: max(run.nextDue ?? soonest, soonest)) { self.stepFlood(id) }
        }
    }

    private enum StepOutcome { case finished, paused, more }

    /// Writes (without flushing) the events of one step.
    private func publishDue(_ run: FloodRun, to targets: [ConnectionID]) -> StepOutcome {
        let peripheral = configuration.peripherals.first ?? DefaultPeripheral.id
        if targets.isEmpty {
            // Nobody to write to: the events that are due go by at once (the sequence still advances).
            let skipped = run.dueCount(at: .now()) - run.published
            run.published += skipped
            nextCallID &+= UInt32(truncatingIfNeeded: skipped)
            return run.published < run.count ? .more : .finished
        }
        for _ in 0..<FloodRun.stepSize {
            guard run.published < run.count else { return .finished }
            if let due = run.nextDue, due > .now() { return .more }
            if targets.contains(where: { connections[$0]?.channel.isWritable == false }) { return .paused }
            let callID = nextCallID
            nextCallID &+= 1
            for target in targets {
                guard let encoder = connections[target]?.encoder else { continue }
                do {
                    write(try run.frame(callID: callID, encoder: encoder, peripheral: peripheral), to: target, flush: false)
                } catch {
                    notSent(FloodRun.messageName, because: error, to: target)
                }
            }
            run.published += 1
        }
        return run.published < run.count ? .more : .finished
    }

    /// A connection became writable, went away, or the targets changed: paused floods go on.
    func resumePausedFloods() {
        for (id, run) in floods where run.paused {
            run.paused = false
            loop.scheduleTask(in: FloodRun.yieldDelay) { self.stepFlood(id) }
        }
    }
}
