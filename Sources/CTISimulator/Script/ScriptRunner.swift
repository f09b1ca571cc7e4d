import CTIProtocol
import NIOCore

/// Runs a ``ServerScript`` on one session: a state machine fed the client's requests
/// (``received(_:)``) and the clock (``next(now:)``), returning one ``ScriptAction`` at a time.
/// It owns no timer and no channel: the engine performs the actions on its loop.
struct ScriptRunner {
    /// Where the run stands.
    enum State: Hashable {
        /// At step `index` (0-based), which became current at `since` (a `wait` and an
        /// `expect`'s timeout count from there).
        case atStep(index: Int, since: NIODeadline)
        case finished
        case failed(ScriptFailure)
    }

    let script: ServerScript
    /// When the script started (OPEN_CONF sent): a `send`'s `at` counts from here.
    let origin: NIODeadline
    private(set) var state: State
    /// Requests received and not matched yet, oldest first.
    private var pending: [CTIMessage] = []
    /// The InvokeID of the request the last `expect` matched (a `reply` echoes it).
    private var invokeID: UInt32 = 0

    init(script: ServerScript, origin: NIODeadline) {
        self.script = script
        self.origin = origin
        self.state = .atStep(index: 0, since: origin)
    }

    /// Whether the run is over (finished or failed).
    var isOver: Bool {
        if case .atStep = state { return false }
        return true
    }

    /// A client request (not OPEN, HEARTBEAT or CLOSE). Returns whether the script takes it:
    /// strict mode takes every request while running; replay mode only those a step still to
    /// come expects (the others get the simulator's own answer).
    mutating func received(_ message: CTIMessage) -> Bool {
        guard case .atStep(let index, _) = state else { return false }
        switch script.mode {
        case .strict:
            pending.append(message)
            return true
        case .replay:
            let expected = script.steps[index...].filter { if case .expect(let request, _) = $0 { request.name == message.name } else { false } }.count
            guard pending.filter({ $0.name == message.name }).count < expected else { return false }
            pending.append(message)
            return true
        }
    }

    /// The next thing to do at `now`.
    mutating func next(now: NIODeadline) -> ScriptAction {
        while case .atStep(let index, let since) = state {
            guard index < script.steps.count else {
                state = .finished
                return .finished
            }
            let step = script.steps[index]
            switch step {
            case .expect(let request, let timeout):
                if let action = match(request, step: index, now: now) {
                    if let action { return action }
                    continue
                }
                let deadline = since + timeout
                guard now >= deadline else { return .sleep(until: deadline) }
                let reason = "not received within \(ScriptStep.seconds(timeout)) s"
                if script.mode == .strict { return fail(index, reason) }
                var skipped = index + 1
                while skipped < script.steps.count, case .reply = script.steps[skipped] { skipped += 1 }
                state = .atStep(index: skipped, since: now)
                return .note("step \(index + 1) (\(step.description)): \(reason): skipped with its reply")
            case .reply(let message):
                state = .atStep(index: index + 1, since: now)
                return .send(message.withInvokeID(invokeID))
            case .send(let message, let at):
                if let at, now < origin + at { return .sleep(until: origin + at) }
                state = .atStep(index: index + 1, since: now)
                return .send(message)
            case .wait(let duration):
                guard now >= since + duration else { return .sleep(until: since + duration) }
                state = .atStep(index: index + 1, since: since + duration)
            case .fail(let fault):
                state = .atStep(index: index + 1, since: now)
                return .runCommand(fault.commandLine)
            }
        }
        if case .failed(let failure) = state { return .failed(failure) }
        return .finished
    }

    /// The session closed: a run still going fails at its current step. A scenario (strict)
    /// only if an `expect` is left (something the client did not do): with only the server's
    /// own steps left (send, wait, fail), which no client can miss, it counts as finished. A
    /// replay if any step is left (the replay was not wholly sent).
    mutating func sessionClosed() -> ScriptFailure? {
        guard case .atStep(let index, _) = state else { return nil }
        let left = script.steps[min(index, script.steps.count)...]
        let missed = script.mode == .replay ? !left.isEmpty : left.contains { if case .expect = $0 { true } else { false } }
        guard missed else {
            state = .finished
            return nil
        }
        if case .failed(let failure) = fail(index, "the session closed first") { return failure }
        return nil
    }

    /// Takes the request `request` waits for from ``pending``: `nil` when there is none yet,
    /// `.some(nil)` when it matched (go on), `.some(action)` when the run failed.
    private mutating func match(_ request: ExpectedRequest, step index: Int, now: NIODeadline) -> ScriptAction?? {
        let position: Int?
        switch script.mode {
        case .strict: position = pending.isEmpty ? nil : 0
        case .replay: position = pending.firstIndex { $0.name == request.name }
        }
        guard let position else { return nil }
        let message = pending.remove(at: position)
        if let mismatch = request.mismatch(message) { return .some(fail(index, mismatch)) }
        invokeID = RequestRoute.invokeID(of: message)
        state = .atStep(index: index + 1, since: now)
        return .some(nil)
    }

    private mutating func fail(_ index: Int, _ reason: String) -> ScriptAction {
        let failure = ScriptFailure(step: index + 1, stepDescription: script.steps[index].description, reason: reason)
        state = .failed(failure)
        return .failed(failure)
    }
}
