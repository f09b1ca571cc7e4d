import CTIClient
import CTIProtocol
import NIOCore

/// One virtual agent of `cti load` at work (issue 22): a CLIENT_EVENTS + CLIENT_CONTROL session of
/// its own, as an agent desktop has (or, with `--bridge`, the run's one ALL_EVENTS session,
/// ``LoadBridge``), driven by a ``VirtualAgentStateMachine``. Its inputs (the session's lifecycle
/// and events, timers, the run's requests) go through one stream, handled one at a time; each
/// request is sent and its answer fed back before the next input, as a desktop waits for its
/// confirmations. Everything it sees and does is counted in the ``LoadRecorder``.
final class VirtualAgent: Sendable {
    /// The session an agent works through.
    enum Session {
        /// A session of its own, opened and closed by the agent.
        case own(ClientConfiguration, any EventLoopGroup)
        /// The bridge's session, shared: the bridge opens and closes it and routes its events.
        case shared(CTIClient)
    }

    /// Where the agent's session goes and what it works as.
    struct Setup: Sendable {
        var index: Int
        var agent: LoadAgent
        var peripheralID: UInt32
        var model: WorkModel
        var seed: UInt64
        /// `--persistent` and the agent has a remote phone: log in with a nailed connection to it.
        var nailed: Bool
    }

    let setup: Setup
    private let client: CTIClient
    /// Whether the session is the agent's own (else the bridge's).
    private let ownsSession: Bool
    private let recorder: LoadRecorder
    private let inputs: AsyncStream<VirtualAgentStateMachine.Input>
    private let post: AsyncStream<VirtualAgentStateMachine.Input>.Continuation

    /// The receive buffer an agent's session starts with: its messages are a few hundred bytes.
    static let receiveBufferSize = 512

    init(_ setup: Setup, session: Session, recorder: LoadRecorder) {
        self.setup = setup
        self.recorder = recorder
        let (inputs, post) = AsyncStream.makeStream(of: VirtualAgentStateMachine.Input.self)
        (self.inputs, self.post) = (inputs, post)
        switch session {
        case .own(var configuration, let group):
            // The session's events become inputs on the client's loop, as they come: no task
            // and no buffer per agent besides the inputs.
            configuration.receiveBufferSize = Self.receiveBufferSize
            configuration.eventDelivery = .handler { event in
                guard let event else {
                    post.finish()
                    return
                }
                for input in Self.inputs(for: event, setup: setup, recorder: recorder) { post.yield(input) }
            }
            client = CTIClient(configuration: configuration, eventLoopGroup: group)
            ownsSession = true
        case .shared(let bridge):
            client = bridge
            ownsSession = false
        }
    }

    /// Hands the agent an input from the run (`.stop`, `.makeCall`) or the bridge.
    func send(_ input: VirtualAgentStateMachine.Input) { post.yield(input) }

    /// Ends the agent at once (no logout; its own session closed): for agents still stopping
    /// when the run's time is up.
    func abort() async {
        if ownsSession { await client.close() } else { post.finish() }
    }

    /// The agent's whole life: opens its session (the bridge's is open already), works until
    /// stopped, closes.
    func run() async {
        do {
            if ownsSession { try await client.open() }
        } catch {
            recorder.record {
                $0.openFailed(Self.openFailureReason(error))
                $0.move(setup.index, to: .failed)
            }
            post.finish()
            await client.close()
            return
        }
        var machine = VirtualAgentStateMachine(model: setup.model, seed: setup.seed, nailedPhone: setup.nailed ? setup.agent.remotePhone : nil)
        var lostAt: Duration?
        var recoveredAt = Duration.zero
        var opened = false
        var closed = false
        for await input in inputs {
            var queue = [input]
            while !queue.isEmpty && !closed {
                let next = queue.removeFirst()
                if next == .opened && ownsSession {
                    recorder.record { [opened] in $0.sessionOpened(again: opened) }
                    opened = true
                }
                if next == .lost {
                    if ownsSession { recorder.record { $0.sessionLost() } }
                    if machine.phase != .stopping && machine.phase != .closed {
                        recorder.record { $0.agentLost() }
                        lostAt = lossInstant(since: recoveredAt)
                    }
                }
                for action in machine.handle(next) {
                    switch action {
                    case .send(let request):
                        queue.append(await perform(request, stopping: machine.phase == .stopping))
                    case .arm(let timer, let after, let token):
                        let post = self.post
                        client.eventLoop.scheduleTask(in: TimeAmount(after)) {
                            post.yield(.timer(timer, token: token))
                        }
                    case .recovered:
                        recoveredAt = recorder.now
                        if let lostAt {
                            let duration = recoveredAt - lostAt
                            recorder.record { $0.recovered(after: duration) }
                        }
                        lostAt = nil
                    case .persistentLost:
                        recorder.record { $0.calls.persistentLost += 1 }
                    case .close:
                        if ownsSession {
                            await client.close()
                            recorder.record { $0.sessionClosed() }
                        }
                        closed = true
                    }
                }
                show(machine, lost: lostAt != nil)
            }
            if closed { break }
        }
        post.finish()
        if !closed {
            // The client ended by itself (it gave up, or the run aborted it).
            if ownsSession { await client.close() }
            recorder.record { $0.move(setup.index, to: .closed) }
        }
    }

    // MARK: - Events

    /// What a record of the session means to the agent's work (on the client's loop); each
    /// message is counted.
    static func inputs(for event: ClientEvent, setup: Setup, recorder: LoadRecorder) -> [VirtualAgentStateMachine.Input] {
        switch event.kind {
        case .lifecycle(.opened(_, _, let version)):
            recorder.record { $0.spoke(version) }
            return [.opened]
        case .lifecycle(.sessionFailed):
            return [.lost]
        case .lifecycle:
            return []
        case .message(let message, _):
            recorder.record { $0.event(setup.index, message.name) }
            return inputs(for: message, setup: setup, recorder: recorder)
        case .undecodable:
            recorder.record { $0.event(setup.index, StatisticsRecorder.undecodable) }
            return []
        }
    }

    /// What an event about the agent's device means to its work.
    static func inputs(for message: CTIMessage, setup: Setup, recorder: LoadRecorder) -> [VirtualAgentStateMachine.Input] {
        guard let fields = message.fields else { return [] }
        let instrument = setup.agent.instrument
        let callID = fields.number(.connectionCallID)
        switch message.name {
        case "AGENT_STATE_EVENT":
            guard let state = fields.number(.agentState) else { return [] }
            return [.agentState(AgentState(rawValue: state))]
        case "CALL_DELIVERED_EVENT":
            guard let callID, fields.string(.alertingDeviceID) == instrument else { return [] }
            recorder.record { $0.calls.offered += 1 }
            return [.delivered(callID: callID)]
        case "CALL_ESTABLISHED_EVENT":
            guard let callID else { return [] }
            if setup.nailed, let phone = setup.agent.remotePhone, fields.string(.calledDeviceID) == phone {
                recorder.record { $0.calls.persistentUp += 1 }
                return [.persistentCall(callID: callID)]
            }
            return [.established(callID: callID)]
        case "CALL_CONNECTION_CLEARED_EVENT":
            guard let callID, fields.string(.releasingDeviceID) == instrument else { return [] }
            return [.ended(callID: callID)]
        case "CALL_CLEARED_EVENT", "CALL_FAILED_EVENT", "END_CALL_EVENT":
            guard let callID else { return [] }
            return [.ended(callID: callID)]
        default:
            return []
        }
    }

    // MARK: - Requests

    /// Sends `request`, counts its round trip (apart when `stopping`) or refusal, and returns
    /// what to feed back.
    private func perform(_ request: VirtualAgentStateMachine.Request, stopping: Bool) async -> VirtualAgentStateMachine.Input {
        let agent = setup.agent
        let peripheral = setup.peripheralID
        let started = recorder.now
        do {
            let answer: CTIMessage
            let confirmation: VirtualAgentStateMachine.Confirmation
            switch request {
            case .queryState:
                answer = try await client.queryAgentState(peripheralID: peripheral, instrument: agent.instrument)
                confirmation = .agentState(AgentState(rawValue: answer.fields?.number(.agentState) ?? AgentState.logout.rawValue))
            case .snapshotDevice:
                answer = try await client.snapshotDevice(peripheralID: peripheral, instrument: agent.instrument)
                confirmation = .calls(Self.deviceCalls(answer))
            case .login:
                let nailedPhone = setup.nailed ? agent.remotePhone : nil
                answer = try await client.setAgentState(
                    peripheralID: peripheral, instrument: nailedPhone.map { "\(agent.instrument);\($0)" } ?? agent.instrument, state: .login,
                    agentID: agent.agentID, password: agent.password, workMode: nailedPhone == nil ? .unspecified : .raNailedConnection,
                    skillGroups: agent.skillGroups)
                confirmation = .done
            case .ready:
                answer = try await client.setAgentState(peripheralID: peripheral, instrument: agent.instrument, state: .available)
                confirmation = .done
            case .notReady(let reason):
                answer = try await client.setAgentState(peripheralID: peripheral, instrument: agent.instrument, state: .notReady, reasonCode: reason)
                confirmation = .done
            case .logout:
                answer = try await client.setAgentState(peripheralID: peripheral, instrument: agent.instrument, state: .logout,
                                                        agentID: agent.agentID)
                confirmation = .done
            case .answer(let callID):
                answer = try await client.answer(CallReference(callID: callID, deviceID: agent.instrument), peripheralID: peripheral,
                                                 instrument: agent.instrument)
                recorder.record { $0.calls.answered += 1 }
                confirmation = .done
            case .hangUp(let callID):
                answer = try await client.clearConnection(CallReference(callID: callID, deviceID: agent.instrument), peripheralID: peripheral,
                                                          instrument: agent.instrument)
                recorder.record { $0.calls.hungUp += 1 }
                confirmation = .done
            case .makeCall(let dialed):
                answer = try await client.makeCall(peripheralID: peripheral, instrument: agent.instrument, dialedNumber: dialed)
                recorder.record { $0.calls.made += 1 }
                confirmation = answer.fields?.number(.newConnectionCallID).map { .newCall($0) } ?? .done
            }
            let latency = recorder.now - started
            recorder.record { $0.request(Self.messageName(request), latency: latency, refusal: nil, stopping: stopping) }
            return .confirmed(request, confirmation)
        } catch let error as CTIClientError {
            let latency = recorder.now - started
            let name = Self.messageName(request)
            switch error {
            case .requestFailed(let status):
                let code = status.name ?? "status \(status.rawValue)"
                recorder.record { $0.request(name, latency: latency, refusal: SessionStatistics.Failure(message: name, code: code), stopping: stopping) }
            case .controlFailed(let failureCode, _):
                let code = failureCode.name ?? "failure code \(failureCode.rawValue)"
                recorder.record { $0.request(name, latency: latency, refusal: SessionStatistics.Failure(message: name, code: code), stopping: stopping) }
            case .requestTimedOut:
                recorder.record { $0.unanswered(name, timedOut: true, reason: "no confirmation in time") }
            default:
                recorder.record { $0.unanswered(name, timedOut: false, reason: error.description) }
            }
            return .refused(request)
        } catch {
            recorder.record { $0.unanswered(Self.messageName(request), timedOut: false, reason: "\(error)") }
            return .refused(request)
        }
    }

    /// The request's message type, as the summary lists it.
    static func messageName(_ request: VirtualAgentStateMachine.Request) -> String {
        switch request {
        case .queryState: "QUERY_AGENT_STATE_REQ"
        case .snapshotDevice: "SNAPSHOT_DEVICE_REQ"
        case .login, .ready, .notReady, .logout: "SET_AGENT_STATE_REQ"
        case .answer: "ANSWER_CALL_REQ"
        case .hangUp: "CLEAR_CONNECTION_REQ"
        case .makeCall: "MAKE_CALL_REQ"
        }
    }

    /// SNAPSHOT_DEVICE_CONF's calls: each CallConnectionCallID and whether its CallState is alerting.
    static func deviceCalls(_ message: CTIMessage) -> [VirtualAgentStateMachine.DeviceCall] {
        guard let fields = message.fields else { return [] }
        let ids = fields.values(of: .callConnectionCallID).compactMap(\.number)
        let states = fields.values(of: .callState).compactMap(\.number)
        return ids.enumerated().map { offset, id in
            VirtualAgentStateMachine.DeviceCall(callID: id, alerting: offset < states.count && states[offset] == LocalConnectionState.alerting.rawValue)
        }
    }

    /// Why the session did not open, as the summary counts it.
    static func openFailureReason(_ error: any Error) -> String {
        switch error as? CTIClientError {
        case .openRefused(let status)?: "OPEN_REQ refused: \(status.name ?? "status \(status.rawValue)")"
        case .unreachable?: "no side reachable"
        default: "\(error)"
        }
    }

    // MARK: - Board

    /// From when a loss is measured: the injected failure (`--fail-side`) when it happened
    /// after the agent's last recovery, else now (the agent saw its session go).
    private func lossInstant(since recovered: Duration) -> Duration {
        let now = recorder.now
        if let injected = recorder.failureInjectedAt, injected >= recovered, injected <= now { return injected }
        return now
    }

    private func show(_ machine: VirtualAgentStateMachine, lost: Bool) {
        let board: LoadStatistics.Board
        switch machine.phase {
        case .connecting: board = lost ? .lost : .connecting
        case .learning: board = .connecting
        case .working, .stopping: board = machine.agentState.map(LoadStatistics.Board.init) ?? .connecting
        case .closed: board = .closed
        }
        recorder.record { $0.move(setup.index, to: board) }
    }
}
