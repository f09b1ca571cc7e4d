/// The graceful hand-off of `session.md` §9 as a pure state machine: each event returns the
/// actions for the engine to carry out.
///
/// ```
/// start ─▶ awaitingResponses ──(all accepted)──▶ draining ──(every STOPPING / deadline)──▶ finished
///                │                                  (EVENT(1), switch, STANDBY_ACTIVE)
///                └──(a rejection, or silence at the deadline)──▶ finished (EVENT(0))
/// ```
///
/// A session that goes away while it is awaited counts neither as an acceptance nor as a
/// rejection: it is no longer waited for. With no ACTIVE_STANDBY session to ask, the hand-off
/// proceeds at once.
struct MaintenanceProcedure: Hashable {
    enum Phase: Hashable {
        case awaitingResponses
        case draining
        case finished
    }

    enum Action: Hashable {
        /// ACTIVE_MAINTENANCE_REQ_MSG to a session.
        case sendRequest(ConnectionID, invokeID: UInt32)
        /// Start the response deadline (5 s).
        case startResponseTimer
        /// ACTIVE_MAINTENANCE_EVENT_MSG(0) to `notify`; the old side stays active.
        case cancel(notify: [ConnectionID], rejectedBy: [ConnectionID])
        /// ACTIVE_MAINTENANCE_EVENT_MSG(1) to `notify`; the other side becomes active and sends
        /// STANDBY_ACTIVE_EVENT_MSG; start the STOPPING deadline (5 s).
        case handOff(notify: [ConnectionID])
        /// STOPPING_REQUESTS_TO_THIS_SIDE_IND arrived: close this session.
        case closeSession(ConnectionID)
        /// Close the old side's remaining sessions (FAILURE_EVENT 110); it is standby again.
        case finishDrain
    }

    private(set) var phase: Phase = .awaitingResponses
    /// The sessions asked, in order.
    private(set) var asked: [ConnectionID]
    private var pending: Set<ConnectionID>
    private var gone: Set<ConnectionID> = []
    private var rejected: [ConnectionID] = []
    private var expectingStop: Set<ConnectionID> = []

    private init(asked: [ConnectionID]) {
        self.asked = asked
        self.pending = Set(asked)
    }

    /// Starts a hand-off, asking `sessions` (the active side's ACTIVE_STANDBY sessions) with
    /// InvokeIDs from `firstInvokeID` on.
    static func start(asking sessions: [ConnectionID], firstInvokeID: UInt32) -> (MaintenanceProcedure, [Action]) {
        var procedure = MaintenanceProcedure(asked: sessions)
        var actions = sessions.enumerated().map { Action.sendRequest($1, invokeID: firstInvokeID &+ UInt32($0)) }
        actions += sessions.isEmpty ? procedure.decide() : [.startResponseTimer]
        return (procedure, actions)
    }

    /// ACTIVE_MAINTENANCE_RESP_MSG from a session.
    mutating func responseReceived(from session: ConnectionID, accepted: Bool) -> [Action] {
        guard phase == .awaitingResponses, pending.remove(session) != nil else { return [] }
        if !accepted { rejected.append(session) }
        return !rejected.isEmpty || pending.isEmpty ? decide() : []
    }

    /// The response deadline passed: silence is a rejection.
    mutating func responseDeadlinePassed() -> [Action] {
        guard phase == .awaitingResponses else { return [] }
        rejected += asked.filter(pending.contains)
        pending.removeAll()
        return decide()
    }

    /// STOPPING_REQUESTS_TO_THIS_SIDE_IND from a session of the old side.
    mutating func stoppingReceived(from session: ConnectionID) -> [Action] {
        guard phase == .draining, expectingStop.remove(session) != nil else { return [] }
        return [.closeSession(session)] + finishIfDrained()
    }

    /// The STOPPING deadline passed.
    mutating func drainDeadlinePassed() -> [Action] {
        guard phase == .draining else { return [] }
        phase = .finished
        return [.finishDrain]
    }

    /// A session closed.
    mutating func sessionGone(_ session: ConnectionID) -> [Action] {
        gone.insert(session)
        switch phase {
        case .awaitingResponses:
            guard pending.remove(session) != nil else { return [] }
            return pending.isEmpty ? decide() : []
        case .draining:
            guard expectingStop.remove(session) != nil else { return [] }
            return finishIfDrained()
        case .finished:
            return []
        }
    }

    private mutating func decide() -> [Action] {
        let present = asked.filter { !gone.contains($0) }
        if !rejected.isEmpty {
            phase = .finished
            return [.cancel(notify: present, rejectedBy: rejected)]
        }
        phase = .draining
        expectingStop = Set(present)
        return [.handOff(notify: present)] + finishIfDrained()
    }

    private mutating func finishIfDrained() -> [Action] {
        guard expectingStop.isEmpty else { return [] }
        phase = .finished
        return [.finishDrain]
    }
}
