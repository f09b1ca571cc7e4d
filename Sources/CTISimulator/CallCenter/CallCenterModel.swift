import CTIProtocol

/// The simulated contact center as a pure value: agents, phones, calls, simulated time and the
/// seeded traffic. Every input is a mutating step that returns the messages to send and to
/// whom (``CallCenterOutput``); nothing here touches a socket or a clock, so tests drive it
/// directly and deterministically: ``handle(_:from:)`` for a Client Control request,
/// ``advance(to:)`` for time (far ends answering, customers arriving and hanging up, wrap-up
/// ending), ``callIn(to:)`` and ``endCall(_:)`` for the operator's commands. The engine
/// (``SimulatorEngine``) keeps one and advances it with the real clock.
///
/// Behaviour (the simulator's model, documented here rather than taken from a trace):
/// - Agents start in ``CallCenterConfiguration/initialAgentState``. Their call states are
///   derived from their phone's legs: RESERVED while a routed call alerts, TALKING while a leg is
///   connected or dialing, HOLD while every leg is held; afterwards WORK_READY for the wrap-up
///   time then AVAILABLE after a routed call, else the state before the call (or the state a
///   SET_AGENT_STATE asked for during it).
/// - Traffic: customers arrive as a Poisson process of ``CallCenterConfiguration/callRate``
///   per second and are routed to the AVAILABLE agent that has been available longest
///   (AGENT_PRE_CALL, BEGIN_CALL, CALL_DELIVERED, RESERVED). With no agent available the call is
///   **dropped** before it reaches the peripheral (no event; counted in ``droppedCalls``).
///   An agent phone that no session holds answers a traffic call after the ring time; a
///   held phone waits for ANSWER_CALL_REQ. The customer hangs up after the handle time.
/// - ``callIn(to:)`` calls (the `call in` command) are routed like traffic when the target agent
///   is AVAILABLE, else delivered directly; they never auto-answer nor hang up by themselves.
/// - MAKE_CALL / CONSULTATION_CALL to an agent phone alert there (CALL_FAILED, CEC_BUSY if it
///   has a call); to any other number the far end answers after
///   ``CallCenterConfiguration/farEndAnswerSeconds`` and stays until cleared.
/// - A nailed-connection login (RA_NAILED_CONNECTION, `instrument;phone`) places the persistent
///   leg, a call between the agent's instrument (the CTI port) and the remote phone, which is
///   answered after the far-end delay and then put on hold (ERRATA overrides). It is ignored
///   by the agent-state rules and cleared at logout.
/// - Persistent calls on CTI Remote Device lines (PERSISTENT_CALL_REQ, rules R1-R14 of
///   `persistent-calls-design.md` §6 with the ERRATA overrides): `CallCenterModel+Persistent.swift`.
struct CallCenterModel: Sendable {
    let configuration: CallCenterConfiguration
    let peripheralID: UInt32
    let messages: CallEventMessages
    var agents: [AgentRecord]
    var remoteDevices: [RemoteDevice]
    var calls: [UInt32: SimulatedCall] = [:]
    /// ConnectionCallID of the next call (independent of the flood sequence).
    var nextCallID: UInt32 = 16_777_300
    var nextRouterKey: UInt32 = 1
    /// Simulated seconds since the model started.
    private(set) var now: Double = 0
    var timers = ModelTimerQueue()
    private var nextTimerSequence = 0
    var random: SplitMix64
    /// Agent phones an open session holds: they never auto-answer.
    var attendedDevices: Set<String> = []
    /// Traffic calls that found no available agent.
    var droppedCalls = 0
    /// The persistent call of each CTI Remote Device line (R3: at most one).
    var persistentByDevice: [String: UInt32] = [:]
    /// Persistent calls whose drop waits for the last customer call on their device (R11, R12).
    var pendingPersistentDrops: Set<UInt32> = []
    /// `setup-fail DEVICE …`: how the next persistent call set up on that line fails.
    var setupFailures: [String: PersistentSetupFailure] = [:]

    init(configuration: CallCenterConfiguration, peripheralID: UInt32) {
        self.configuration = configuration
        self.peripheralID = peripheralID
        self.messages = CallEventMessages(peripheralID: peripheralID)
        let topology = CallCenterTopology(configuration, peripheralID: peripheralID)
        self.agents = topology.agents
        self.remoteDevices = topology.remoteDevices
        self.random = SplitMix64(seed: configuration.seed)
        scheduleNextArrival()
    }

    // MARK: - Lookup

    func agentIndex(device: String) -> Int? { agents.firstIndex { $0.instrument == device } }
    func agentIndex(agentID: String) -> Int? { agents.firstIndex { $0.agentID == agentID } }
    func agent(device: String) -> AgentRecord? { agentIndex(device: device).map { agents[$0] } }

    /// The calls with a leg at `device`, oldest first.
    func calls(at device: String) -> [SimulatedCall] {
        calls.values.filter { $0.party(device) != nil }.sorted { $0.id < $1.id }
    }

    /// The calls, oldest first.
    var sortedCalls: [SimulatedCall] { calls.values.sorted { $0.id < $1.id } }

    // MARK: - Time

    /// Runs every timer due up to `time` (in order), then sets the clock to `time`.
    mutating func advance(to time: Double) -> [CallCenterOutput] {
        var outputs: [CallCenterOutput] = []
        while let next = timers.first, next.due <= time, let timer = timers.removeFirst() {
            now = max(now, timer.due)
            outputs += fire(timer.action)
        }
        now = max(now, time)
        return outputs
    }

    /// When the next timer is due; `nil` when none is.
    var nextDue: Double? { timers.first?.due }

    mutating func schedule(_ action: ModelTimer.Action, after delay: Double) {
        timers.insert(ModelTimer(due: now + max(0, delay), sequence: nextTimerSequence, action: action))
        nextTimerSequence += 1
    }

    private mutating func scheduleNextArrival() {
        guard configuration.callRate > 0 else { return }
        schedule(.arrival, after: random.exponential(rate: configuration.callRate))
    }

    private mutating func fire(_ action: ModelTimer.Action) -> [CallCenterOutput] {
        switch action {
        case .arrival:
            scheduleNextArrival()
            return customerArrives()
        case .farEndAnswer(let callID, let device):
            return farEndAnswers(callID: callID, device: device)
        case .autoAnswer(let callID, let device):
            guard calls[callID]?.party(device)?.state == ConnectionStates.alerting else { return [] }
            return answer(callID: callID, at: device)
        case .customerHangUp(let callID):
            return endCall(callID) ?? []
        case .persistentAnswer(let callID):
            return persistentAnswered(callID)
        case .persistentSetupFail(let callID, let cause):
            return persistentSetupFailed(callID, cause: cause)
        case .persistentTimeout(let callID):
            return tearDownPersistent(callID, cause: CauseCodes.timeOut)
        case .wrapUpEnd(let agentID, let generation):
            guard let index = agentIndex(agentID: agentID), agents[index].wrapUpGeneration == generation,
                  agents[index].state == AgentStates.workReady else { return [] }
            return setState(index, AgentStates.available)
        }
    }

    // MARK: - Traffic

    /// A generated customer call: routed to the agent available longest, or dropped.
    private mutating func customerArrives() -> [CallCenterOutput] {
        let busy = Set(calls.values.lazy.filter { !$0.isNailed }.flatMap { $0.parties.map(\.device) })
        let candidates = agents.indices.filter { agents[$0].state == AgentStates.available && !busy.contains(agents[$0].instrument) }
        guard let index = candidates.min(by: { (agents[$0].since, agents[$0].agentID) < (agents[$1].since, agents[$1].agentID) }) else {
            droppedCalls += 1
            return []
        }
        let ani = "91955501" + String(10 + Int(random.next() % 90))
        return routeCall(to: index, ani: ani, traffic: true).outputs
    }

    /// Agent `index`'s wrap-up timer no longer counts (its state was set, or a new wrap-up
    /// begins): taken out, so that agents who end their own wrap-ups leave no timers behind.
    mutating func endWrapUpTimer(_ index: Int) {
        agents[index].wrapUpGeneration += 1
        let agentID = agents[index].agentID
        timers.removeAll { action in
            if case .wrapUpEnd(agentID, _) = action { return true }
            return false
        }
    }

    /// Whether the phone has a call leg (the nailed leg does not count).
    func hasCall(_ device: String) -> Bool {
        calls.values.contains { !$0.isNailed && $0.party(device) != nil }
    }

    // MARK: - Operator commands

    /// `call in DEVICE`: a customer calls the device (an agent phone or a CTI Remote Device
    /// line). Routed (AGENT_PRE_CALL, RESERVED, wrap-up afterwards) when it is the phone of an
    /// AVAILABLE agent, else delivered directly. Returns the call ID, or why not.
    mutating func callIn(to device: String, ani: String = "9195550100") -> Result<(callID: UInt32, outputs: [CallCenterOutput]), CallCenterError> {
        if let index = agentIndex(device: device) {
            if agents[index].state == AgentStates.available && !hasCall(device) {
                return .success(routeCall(to: index, ani: ani, traffic: false))
            }
        } else if !remoteDevices.contains(where: { $0.lineDN == device }) {
            return .failure(CallCenterError("no agent phone or CTI Remote Device line \(device)"))
        }
        let id = newCallID()
        var call = SimulatedCall(id: id, callType: CallTypes.otherIn, connectionDevice: device,
                                 parties: [CallParty(device: ani, deviceType: CallEventMessages.devidExternal, state: ConnectionStates.connect,
                                                     isAgentPhone: false)],
                                 ani: ani, dnis: device, dialedNumber: device, callingDevice: ani, calledDevice: device, isRouted: false,
                                 began: now)
        call.parties.append(CallParty(device: device, deviceType: CallEventMessages.devidDevice, state: ConnectionStates.alerting,
                                      isAgentPhone: agentIndex(device: device) != nil))
        calls[id] = call
        var outputs = [CallCenterOutput.event(messages.beginCall(call), to: call.agentDevices),
                       .event(messages.delivered(call, at: device), to: call.agentDevices)]
        outputs += refresh(device)
        return .success((id, outputs))
    }

    /// `call end CALLID`: the customer (or far end) hangs up; the call clears. `nil`: no such call.
    mutating func endCall(_ id: UInt32) -> [CallCenterOutput]? {
        guard let call = calls[id] else { return nil }
        if let persistent = call.persistent {
            // The remote destination hangs up.
            return tearDownPersistent(id, cause: CallEventMessages.causeNone, releasing: persistent.remoteNumber)
        }
        if let external = call.parties.first(where: { !$0.isAgentPhone }), call.parties.count > 1 {
            return clearConnection(callID: id, device: external.device)
        }
        return clearCall(callID: id)
    }

    // MARK: - Calls

    mutating func newCallID() -> UInt32 {
        defer { nextCallID &+= 1 }
        return nextCallID
    }

    /// A customer call routed by the ACD to agent `index`.
    mutating func routeCall(to index: Int, ani: String, traffic: Bool) -> (callID: UInt32, outputs: [CallCenterOutput]) {
        let id = newCallID()
        let device = agents[index].instrument
        let group = agents[index].skillGroups.first
        var call = SimulatedCall(id: id, callType: CallTypes.preRouteACDIn, connectionDevice: device,
                                 parties: [CallParty(device: ani, deviceType: CallEventMessages.devidExternal, state: ConnectionStates.connect,
                                                     isAgentPhone: false),
                                           CallParty(device: device, deviceType: CallEventMessages.devidDevice, state: ConnectionStates.alerting,
                                                     isAgentPhone: true)],
                                 ani: ani, dnis: CallCenterTopology.dnis, dialedNumber: CallCenterTopology.dnis, callingDevice: ani,
                                 calledDevice: CallCenterTopology.dnis, skillGroup: group, routerCallKey: nextRouterKey, isRouted: true,
                                 began: now)
        nextRouterKey &+= 1
        call.variables = [1: "sim-\(id)", 2: traffic ? "traffic" : "operator"]
        call.namedVariables = [NamedValue(name: "user.CustomerID", value: "C" + String(100_000 + Int(id % 900_000)))]
        call.hangsUpAutomatically = traffic
        calls[id] = call
        agents[index].afterRoutedCall = true
        var outputs = [CallCenterOutput.event(messages.preCall(call, agent: agents[index]), to: [device]),
                       .event(messages.beginCall(call), to: [device]),
                       .event(messages.delivered(call, at: device), to: [device])]
        outputs += refresh(device)
        if traffic && !attendedDevices.contains(device) {
            schedule(.autoAnswer(callID: id, device: device), after: random.uniform(configuration.ringSeconds))
        }
        return (id, outputs)
    }

    /// `device` answers its alerting leg: every leg still dialing or alerting connects.
    mutating func answer(callID: UInt32, at device: String) -> [CallCenterOutput] {
        guard var call = calls[callID], let index = call.partyIndex(device) else { return [] }
        call.parties[index].state = ConnectionStates.connect
        for other in call.parties.indices where call.parties[other].state == ConnectionStates.initiate {
            call.parties[other].state = ConnectionStates.connect
        }
        calls[callID] = call
        var outputs = [CallCenterOutput.event(messages.established(call, answeredBy: device), to: call.agentDevices)]
        for agentDevice in call.agentDevices.sorted() { outputs += refresh(agentDevice) }
        if call.hangsUpAutomatically {
            schedule(.customerHangUp(callID: callID), after: random.uniform(configuration.handleSeconds))
        }
        return outputs
    }

    /// The far end of an outbound call (or the remote phone of a nailed leg) answers.
    private mutating func farEndAnswers(callID: UInt32, device: String) -> [CallCenterOutput] {
        guard let call = calls[callID], call.party(device)?.state == ConnectionStates.alerting else { return [] }
        var outputs = answer(callID: callID, at: device)
        if call.isNailed, let agentDevice = call.parties.first(where: \.isAgentPhone)?.device {
            outputs += hold(callID: callID, at: agentDevice)
        }
        return outputs
    }

    /// Places `device`'s leg on hold.
    mutating func hold(callID: UInt32, at device: String) -> [CallCenterOutput] {
        guard var call = calls[callID], let index = call.partyIndex(device) else { return [] }
        call.parties[index].state = ConnectionStates.hold
        calls[callID] = call
        return [.event(messages.held(call, at: device), to: call.agentDevices)] + refresh(device)
    }

    /// Takes `device`'s leg off hold.
    mutating func retrieve(callID: UInt32, at device: String) -> [CallCenterOutput] {
        guard var call = calls[callID], let index = call.partyIndex(device) else { return [] }
        call.parties[index].state = ConnectionStates.connect
        calls[callID] = call
        return [.event(messages.retrieved(call, at: device), to: call.agentDevices)] + refresh(device)
    }

    /// `device` leaves the call (CALL_CONNECTION_CLEARED); with one party left the call clears.
    mutating func clearConnection(callID: UInt32, device: String) -> [CallCenterOutput] {
        guard var call = calls[callID], let index = call.partyIndex(device) else { return [] }
        let audience = call.agentDevices
        let party = call.parties.remove(at: index)
        calls[callID] = call
        var outputs = [CallCenterOutput.event(messages.connectionCleared(call, device: device, deviceType: party.deviceType), to: audience)]
        if call.parties.count < 2 {
            outputs += clearCall(callID: callID, audience: audience)
        } else if party.isAgentPhone {
            outputs.append(.event(messages.endCall(call), to: [device]))
            outputs += refresh(device)
        }
        if !pendingPersistentDrops.isEmpty { outputs += settlePendingPersistentDrops() }
        return outputs
    }

    /// The whole call clears: CALL_CLEARED then END_CALL_EVENT, then the agents' states.
    mutating func clearCall(callID: UInt32, audience: Set<String>? = nil) -> [CallCenterOutput] {
        guard let call = calls.removeValue(forKey: callID) else { return [] }
        let devices = (audience ?? []).union(call.agentDevices)
        timers.removeAll { $0.callID == callID }
        var outputs = [CallCenterOutput.event(messages.cleared(call), to: devices), .event(messages.endCall(call), to: devices)]
        for device in devices.sorted() { outputs += refresh(device) }
        if !pendingPersistentDrops.isEmpty { outputs += settlePendingPersistentDrops() }
        return outputs
    }

    // MARK: - Agent state

    /// Sets agent `index`'s state and announces it (nothing when unchanged).
    mutating func setState(_ index: Int, _ state: UInt32, reason: UInt32 = 0) -> [CallCenterOutput] {
        guard agents[index].state != state || agents[index].reasonCode != reason else { return [] }
        agents[index].state = state
        agents[index].reasonCode = reason
        agents[index].since = now
        return [.event(messages.agentState(agents[index]), to: [agents[index].instrument])]
    }

    /// Recomputes the call-driven state of the agent at `device` from its legs.
    mutating func refresh(_ device: String) -> [CallCenterOutput] {
        guard let index = agentIndex(device: device), agents[index].isLoggedIn else { return [] }
        let legs = calls.values.filter { !$0.isNailed }.compactMap { call in call.party(device).map { (call, $0) } }
        let current = agents[index].state
        let target: UInt32
        if legs.contains(where: { [ConnectionStates.connect, ConnectionStates.initiate].contains($0.1.state) }) {
            target = AgentStates.talking
        } else if legs.contains(where: { $0.1.state == ConnectionStates.hold }) {
            target = AgentStates.hold
        } else if legs.contains(where: { $0.1.state == ConnectionStates.alerting && $0.0.isRouted }) {
            target = AgentStates.reserved
        } else if AgentStates.onCall.contains(current), legs.isEmpty {
            return afterCalls(index)
        } else {
            return []
        }
        if !AgentStates.onCall.contains(current) { agents[index].stateBeforeCall = current }
        return setState(index, target)
    }

    /// The agent's last call ended: pending state, wrap-up after a routed call, or back.
    private mutating func afterCalls(_ index: Int) -> [CallCenterOutput] {
        let routed = agents[index].afterRoutedCall
        agents[index].afterRoutedCall = false
        if let pending = agents[index].pendingState {
            agents[index].pendingState = nil
            return setState(index, pending)
        }
        if routed {
            endWrapUpTimer(index)
            schedule(.wrapUpEnd(agentID: agents[index].agentID, generation: agents[index].wrapUpGeneration),
                     after: random.uniform(configuration.wrapUpSeconds))
            return setState(index, AgentStates.workReady)
        }
        let previous = agents[index].stateBeforeCall ?? AgentStates.available
        return setState(index, AgentStates.onCall.contains(previous) ? AgentStates.available : previous, reason: agents[index].reasonCode)
    }
}

/// A timer of the model.
struct ModelTimer: Hashable, Sendable {
    enum Action: Hashable, Sendable {
        case arrival
        case farEndAnswer(callID: UInt32, device: String)
        case autoAnswer(callID: UInt32, device: String)
        case customerHangUp(callID: UInt32)
        case wrapUpEnd(agentID: String, generation: Int)
        /// The remote destination answers a persistent call.
        case persistentAnswer(callID: UInt32)
        /// The set-up of a persistent call fails (`setup-fail DEVICE noanswer`).
        case persistentSetupFail(callID: UInt32, cause: UInt32)
        /// The maximum duration of a persistent call is over.
        case persistentTimeout(callID: UInt32)

        var callID: UInt32? {
            switch self {
            case .farEndAnswer(let id, _), .autoAnswer(let id, _), .customerHangUp(let id): id
            case .persistentAnswer(let id), .persistentSetupFail(let id, _), .persistentTimeout(let id): id
            case .arrival, .wrapUpEnd: nil
            }
        }
    }

    var due: Double
    /// Orders timers due at the same time.
    var sequence: Int
    var action: Action
}

/// Why an operator command cannot be carried out.
public struct CallCenterError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
