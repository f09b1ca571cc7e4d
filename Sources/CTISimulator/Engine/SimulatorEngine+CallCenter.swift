import CTIProtocol
import NIOCore

/// The engine's side of the contact-center model: Client Control requests in, the model's
/// messages out (the reply to the requester, events through ``EventRouting``), and the model's
/// clock driven by the loop's real time.
extension SimulatorEngine {
    /// Simulated seconds since the engine started (real time: one second per second).
    var modelTime: Double {
        Double((NIODeadline.now() - startedAt).nanoseconds) / 1_000_000_000
    }

    /// A Client Control request from an open session on the active side.
    func clientControl(_ fields: MessageFields, on id: ConnectionID) {
        guard let connection = connections[id], let session = connection.session else { return }
        var outputs = callCenter.advance(to: modelTime)
        let requester = ControlRequester(services: session.services, device: agentDevice(of: session))
        let answer = callCenter.handle(fields, from: requester)
        if let reply = answer.first(where: { $0.audience == .requester }), reply.message.name != "\(fields.descriptor.name.dropLast(4))_CONF" {
            log("side \(connection.side): connection \(id) (\(connection.label)): \(fields.descriptor.name) refused: \(reply.message.name) "
                + describeFailure(reply.message))
        }
        outputs += answer
        deliver(outputs, requester: id)
    }

    private func describeFailure(_ message: CTIMessage) -> String {
        if let code = message.fields?.number(.failureCode) {
            return "\(ControlFailureCode(rawValue: code).name ?? "code") (\(code))"
        }
        return StatusCode(rawValue: message.fields?.number(.status) ?? 0).logText
    }

    /// The agent device of a CLIENT_EVENTS session: its device, else its agent's phone.
    func agentDevice(of session: OpenSession) -> String? {
        guard session.services & ServiceBits.clientEvents != 0 else { return nil }
        if let device = session.device { return device }
        return session.agentID.flatMap { id in callCenter.agentIndex(agentID: id).map { callCenter.agents[$0].instrument } }
    }

    /// Sends the model's messages: replies to `requester` (flushed at once: the client waits
    /// for them), events to the sessions that take them (flushed together at the end).
    func deliver(_ outputs: [CallCenterOutput], requester: ConnectionID? = nil) {
        // The sessions that may get events, each with its agent device: looked up once for all
        // the outputs (with thousands of sessions, once per output was most of the work).
        var roster: [(id: ConnectionID, session: OpenSession, device: String?)]?
        holdingFlushes = true
        defer { flushHeldWrites() }
        for output in outputs {
            switch output.audience {
            case .requester:
                if let requester, send(output.message, to: requester) { connections[requester]?.channel.flush() }
            case .devices(let devices):
                let sessions = roster ?? publishTargets(allSessions: true).compactMap { id in
                    connections[id]?.session.map { (id, $0, agentDevice(of: $0)) }
                }
                roster = sessions
                let receivers = sessions.filter { EventRouting.accepts(output.message, about: devices, session: $0.session, device: $0.device) }
                if !receivers.isEmpty { publish(output.message, to: receivers.map(\.id)) }
            }
        }
        scheduleCallCenterTimer()
    }

    /// Re-arms the loop timer for the model's next due timer.
    func scheduleCallCenterTimer() {
        callCenterTimer?.cancel()
        callCenterTimer = nil
        guard !isStopped, let due = callCenter.nextDue else { return }
        let delay = max(0, due - modelTime)
        callCenterTimer = loop.scheduleTask(in: .nanoseconds(Int64(delay * 1_000_000_000) + 1_000_000)) { [self] in
            callCenterTimer = nil
            deliver(callCenter.advance(to: modelTime))
        }
    }

    /// Agent phones held by an open session (any side): they never auto-answer.
    func refreshAttendedDevices() {
        callCenter.attendedDevices = Set(connections.values.compactMap { connection in
            connection.isClosing ? nil : connection.session.flatMap(agentDevice(of:))
        })
    }

    // MARK: - Operator commands

    func callIn(to device: String) -> Result<UInt32, CallCenterError> {
        var outputs = callCenter.advance(to: modelTime)
        let result = callCenter.callIn(to: device)
        switch result {
        case .success(let (callID, more)):
            outputs += more
            log("call \(callID): customer call to \(device)")
            deliver(outputs)
            return .success(callID)
        case .failure(let error):
            deliver(outputs)
            return .failure(error)
        }
    }

    func endCall(_ id: UInt32) -> Result<Void, CallCenterError> {
        var outputs = callCenter.advance(to: modelTime)
        guard let more = callCenter.endCall(id) else {
            deliver(outputs)
            return .failure(CallCenterError("no call \(id)"))
        }
        outputs += more
        deliver(outputs)
        return .success(())
    }

    func agentSnapshots() -> [AgentSnapshot] {
        deliver(callCenter.advance(to: modelTime))
        return callCenter.agents.map(AgentSnapshot.init)
    }

    func callSnapshots() -> [CallSnapshot] {
        deliver(callCenter.advance(to: modelTime))
        return callCenter.sortedCalls.map(CallSnapshot.init)
    }
}

// MARK: - Persistent calls

extension SimulatorEngine {
    /// Runs an operator action on the model at the current time and sends its events.
    func operate(_ body: (inout CallCenterModel) -> Result<[CallCenterOutput], CallCenterError>) -> Result<Void, CallCenterError> {
        var outputs = callCenter.advance(to: modelTime)
        let result = body(&callCenter)
        if case .success(let more) = result { outputs += more }
        deliver(outputs)
        return result.map { _ in () }
    }

    func persistentSnapshots() -> [PersistentCallSnapshot] {
        deliver(callCenter.advance(to: modelTime))
        return callCenter.persistentSnapshots
    }
}
