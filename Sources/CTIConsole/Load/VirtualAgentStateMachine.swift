import CTIProtocol

/// One virtual agent of `cti load` (issue 22) as a value, in the manner of a connection state
/// machine: each input (the session opened or lost, an event about the agent's device, a
/// request's answer, a timer, the run's stop) returns the actions to take (requests to send,
/// timers to arm, the session to close). Nothing here touches a socket or a clock; the driver
/// (``VirtualAgent``) executes the actions and feeds back their outcomes, and tests drive it step
/// by step.
///
/// The work, as an agent desktop does it (`client-control.md`, AgentState values `constants.md` §9):
/// - Whenever a session opens (the first time, or again after a failover) the agent's state is
///   learned with QUERY_AGENT_STATE_REQ (and SNAPSHOT_DEVICE_REQ when it is on a call); after a
///   lost session that answer is the moment it is *recovered*.
/// - Logged out: SET_AGENT_STATE_REQ login (a mobile agent with a nailed connection under
///   `--persistent`). Not ready (after the login, or found so): ready.
/// - A call delivered to the instrument is answered after ``WorkModel/answerAfter``; once
///   established the agent talks for ``WorkModel/talk`` and hangs up (CLEAR_CONNECTION_REQ).
/// - In wrap-up (WORK_READY / WORK_NOT_READY) for ``WorkModel/wrapUp``, then ready, or not ready
///   with a reason code for ``WorkModel/notReadyTime`` first.
/// - Asked to make a call while available and idle: MAKE_CALL_REQ, then talk and hang up.
/// - Stop: hang up a call, not ready, log out, close (each step once; a refusal skips to the close).
struct VirtualAgentStateMachine {
    /// A request the agent sends.
    enum Request: Hashable, Sendable {
        case queryState
        case snapshotDevice
        case login
        case ready
        case notReady(reason: UInt32)
        case logout
        case answer(callID: UInt32)
        case hangUp(callID: UInt32)
        case makeCall(dialed: String)
    }

    /// What a confirmation told the agent.
    enum Confirmation: Equatable, Sendable {
        /// Nothing beyond "done".
        case done
        /// QUERY_AGENT_STATE_CONF's AgentState.
        case agentState(AgentState)
        /// SNAPSHOT_DEVICE_CONF's calls: each call ID and whether it is alerting there.
        case calls([DeviceCall])
        /// MAKE_CALL_CONF's NewConnectionCallID.
        case newCall(UInt32)
    }

    /// A call at the agent's device, as SNAPSHOT_DEVICE_CONF lists it.
    struct DeviceCall: Equatable, Sendable {
        var callID: UInt32
        var alerting: Bool
    }

    enum Timer: Hashable, Sendable {
        case answer, talk, wrapUp, notReady
    }

    enum Input: Equatable, Sendable {
        /// A session is open (the first, or a new one after a loss).
        case opened
        /// The session was lost (the client reconnects by itself).
        case lost
        /// AGENT_STATE_EVENT for the agent.
        case agentState(AgentState)
        /// A call alerts at the instrument.
        case delivered(callID: UInt32)
        /// A call at the instrument is connected (answered, or the far end of an outbound call answered).
        case established(callID: UInt32)
        /// The call left the instrument (cleared, connection cleared, failed).
        case ended(callID: UInt32)
        /// The nailed connection of a mobile agent (`--persistent`) is up: not a call to work.
        case persistentCall(callID: UInt32)
        case confirmed(Request, Confirmation)
        /// Refused (FAILURE_CONF, CONTROL_FAILURE_CONF) or not answered.
        case refused(Request)
        case timer(Timer, token: Int)
        /// The run asks for an outbound call (`--make-rate`); ignored unless available and idle.
        case makeCall(dialed: String)
        case stop
    }

    enum Action: Equatable, Sendable {
        case send(Request)
        /// Feed `.timer(timer, token:)` back after `after`.
        case arm(Timer, after: Duration, token: Int)
        /// The state is learned again after a lost session (failover measured up to here).
        case recovered
        /// The nailed connection ended while the agent was working.
        case persistentLost
        case close
    }

    enum Phase: Equatable, Sendable {
        /// Waiting for the (first or next) session.
        case connecting
        /// Session open; the state is being learned.
        case learning
        case working
        case stopping
        case closed
    }

    /// The call the agent works on.
    struct Call: Equatable, Sendable {
        var callID: UInt32
        var connected: Bool
        /// Made by the agent (MAKE_CALL_REQ): connected when the far end answers, never answered here.
        var outbound = false
    }

    let model: WorkModel
    /// Log in as a mobile agent with a nailed connection to this phone (`--persistent`).
    let nailedPhone: String?
    private var random: SplitMix64
    private(set) var phase: Phase = .connecting
    /// The AgentState last learned; `nil` before the first answer.
    private(set) var agentState: AgentState?
    private(set) var call: Call?
    /// The mobile agent's nailed connection, once up.
    private(set) var persistentCallID: UInt32?
    /// A not-ready period of the agent's own is running (its timer makes it ready again).
    private(set) var ownNotReady = false
    /// Whether a session was lost since the last time the state was learned.
    private var lostSinceLearned = false
    /// The token of each armed timer; a firing with another token is stale.
    private var armed: [Timer: Int] = [:]
    private var nextToken = 0
    /// Requests sent while stopping (each at most once).
    private var stopSent: Set<Request> = []

    init(model: WorkModel, seed: UInt64, nailedPhone: String? = nil) {
        self.model = model
        self.random = SplitMix64(seed: seed)
        self.nailedPhone = nailedPhone
    }

    /// Whether an outbound call can be asked of the agent now.
    var isIdleAndAvailable: Bool { phase == .working && call == nil && agentState == .available }

    mutating func handle(_ input: Input) -> [Action] {
        if phase == .closed { return [] }
        switch input {
        case .opened:
            guard phase != .stopping else { return [.close] }
            phase = .learning
            return [.send(.queryState)]
        case .lost:
            guard phase != .stopping else { return [.close] }
            phase = .connecting
            lostSinceLearned = true
            armed = [:]
            ownNotReady = false
            return []
        case .agentState(let state):
            agentState = state
            if state != .notReady { ownNotReady = false }
            switch phase {
            case .working: return settle()
            case .stopping: return stepStop()
            default: return []
            }
        case .delivered(let callID):
            if phase == .stopping { return sendOnce(.hangUp(callID: callID)) }
            guard phase == .working || phase == .learning, call == nil else { return [] }
            call = Call(callID: callID, connected: false)
            return [arm(.answer, model.answerAfter)]
        case .established(let callID):
            guard callID != persistentCallID, var current = call, current.callID == callID else { return [] }
            current.connected = true
            call = current
            armed[.answer] = nil
            return phase == .working ? [arm(.talk, model.talk)] : []
        case .ended(let callID):
            if callID == persistentCallID {
                persistentCallID = nil
                return phase == .stopping ? [] : [.persistentLost]
            }
            guard call?.callID == callID else { return [] }
            call = nil
            armed[.answer] = nil
            armed[.talk] = nil
            return phase == .stopping ? stepStop() : []
        case .persistentCall(let callID):
            persistentCallID = callID
            return []
        case .confirmed(let request, let confirmation):
            return confirmed(request, confirmation)
        case .refused(let request):
            return refused(request)
        case .timer(let timer, let token):
            guard armed[timer] == token else { return [] }
            armed[timer] = nil
            return phase == .working ? fire(timer) : []
        case .makeCall(let dialed):
            guard isIdleAndAvailable else { return [] }
            return [.send(.makeCall(dialed: dialed))]
        case .stop:
            switch phase {
            case .connecting, .learning:
                phase = .closed
                return [.close]
            case .working:
                phase = .stopping
                armed = [:]
                return stepStop()
            case .stopping, .closed:
                return []
            }
        }
    }

    // MARK: - Steps

    private mutating func confirmed(_ request: Request, _ confirmation: Confirmation) -> [Action] {
        switch (request, confirmation) {
        case (.queryState, .agentState(let state)):
            agentState = state
            if phase == .stopping { return stepStop() }
            guard phase == .learning else { return [] }
            phase = .working
            var actions: [Action] = []
            if lostSinceLearned {
                lostSinceLearned = false
                actions.append(.recovered)
            }
            return actions + settle()
        case (.snapshotDevice, .calls(let calls)):
            guard phase == .working, call == nil,
                  let found = calls.first(where: { $0.callID != persistentCallID }) else { return [] }
            call = Call(callID: found.callID, connected: !found.alerting)
            return [found.alerting ? arm(.answer, model.answerAfter) : arm(.talk, model.talk)]
        case (.makeCall, .newCall(let callID)):
            guard phase == .working, call == nil else { return [] }
            call = Call(callID: callID, connected: false, outbound: true)
            return []
        case (.hangUp(let callID), _):
            // The agent's leg is gone: the call is no longer its own to work (or hang up again
            // in the stop), whenever the events about it come.
            guard call?.callID == callID else { return [] }
            call = nil
            armed[.talk] = nil
            return phase == .stopping ? stepStop() : []
        case (.logout, _):
            phase = .closed
            return [.close]
        default:
            return []
        }
    }

    private mutating func refused(_ request: Request) -> [Action] {
        if phase == .stopping {
            // A refused hang-up: the call is left to its end; any other refusal ends the stop.
            if case .hangUp = request {
                call = nil
                return stepStop()
            }
            phase = .closed
            return [.close]
        }
        switch request {
        case .queryState where phase == .learning:
            // The state cannot be learned: work from the events alone.
            phase = .working
            return []
        case .answer(let callID), .hangUp(let callID):
            if call?.callID == callID { call = nil }
            return []
        case .notReady:
            ownNotReady = false
            return []
        default:
            return []
        }
    }

    /// What the agent does in the state it is in (working phase).
    private mutating func settle() -> [Action] {
        switch agentState {
        case .logout?:
            return [.send(.login)]
        case .notReady?:
            return ownNotReady ? [] : [.send(.ready)]
        case .available?:
            return []
        case .workReady?, .workNotReady?:
            return armed[.wrapUp] == nil ? [arm(.wrapUp, model.wrapUp)] : []
        case .talking?, .hold?, .reserved?:
            guard let call else { return [.send(.snapshotDevice)] }
            if call.connected {
                return armed[.talk] == nil ? [arm(.talk, model.talk)] : []
            }
            return call.outbound || armed[.answer] != nil ? [] : [arm(.answer, model.answerAfter)]
        default:
            return []
        }
    }

    private mutating func fire(_ timer: Timer) -> [Action] {
        switch timer {
        case .answer:
            guard let call, !call.connected, !call.outbound else { return [] }
            return [.send(.answer(callID: call.callID))]
        case .talk:
            guard let call else { return [] }
            return [.send(.hangUp(callID: call.callID))]
        case .wrapUp:
            guard agentState == .workReady || agentState == .workNotReady else { return [] }
            if let reason = model.drawNotReady(&random) {
                ownNotReady = true
                return [.send(.notReady(reason: reason)), arm(.notReady, model.notReadyTime)]
            }
            return [.send(.ready)]
        case .notReady:
            ownNotReady = false
            return agentState == .notReady ? [.send(.ready)] : []
        }
    }

    /// The next step of the stop: hang up, not ready, log out, close.
    private mutating func stepStop() -> [Action] {
        if let call { return sendOnce(.hangUp(callID: call.callID)) }
        switch agentState {
        case nil, .logout?:
            phase = .closed
            return [.close]
        case .notReady?:
            return sendOnce(.logout)
        default:
            // On a call the agent did not know of, the server keeps the not-ready for the
            // call's end (the events bring it).
            return sendOnce(.notReady(reason: 0))
        }
    }

    private mutating func sendOnce(_ request: Request) -> [Action] {
        guard stopSent.insert(request).inserted else { return [] }
        return [.send(request)]
    }

    private mutating func arm(_ timer: Timer, _ distribution: SecondsDistribution) -> Action {
        nextToken += 1
        armed[timer] = nextToken
        return .arm(timer, after: distribution.draw(&random), token: nextToken)
    }
}
