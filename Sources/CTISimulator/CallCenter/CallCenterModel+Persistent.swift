import CTIProtocol

/// How the next persistent call set up on a device fails (`setup-fail DEVICE …`): CALL_FAILED_EVENT
/// with this EventCause.
public enum PersistentSetupFailure: String, CaseIterable, Hashable, Sendable {
    /// CEC_BUSY (3), at once.
    case busy
    /// CEC_CALL_NOT_ANSWERED (10), when the destination would have answered.
    case noanswer
    /// CEC_DEST_NOT_OBTAINABLE (13), at once.
    case unreachable

    var cause: UInt32 {
        switch self {
        case .busy: CauseCodes.busy
        case .noanswer: CauseCodes.callNotAnswered
        case .unreachable: CauseCodes.destNotObtainable
        }
    }
}

/// An operator action on a CTI Remote Device (`rd …`).
public enum RemoteDeviceAction: Hashable, Sendable {
    /// Adds a remote destination (inactive).
    case add(String)
    /// Removes a remote destination; removing the active one tears the persistent call down (R12).
    case remove(String)
    /// Makes a destination the active one.
    case activate(String)
    /// Leaves the device without an active destination; tears the persistent call down (R12).
    case deactivate(String)
    /// The active destination answers the ringing persistent call.
    case answer
    /// The active destination rejects the ringing persistent call (CALL_FAILED, CEC_BUSY).
    case reject
    /// The active destination hangs up the persistent call (CEC_NONE).
    case hangup

    /// The action in words, as the `rd` command echoes it.
    public var text: String {
        switch self {
        case .add(let number): "remote destination \(number) added"
        case .remove(let number): "remote destination \(number) removed"
        case .activate(let number): "remote destination \(number) active"
        case .deactivate(let number): "remote destination \(number) deactivated"
        case .answer: "the remote destination answered"
        case .reject: "the remote destination rejected the call"
        case .hangup: "the remote destination hung up"
        }
    }
}

/// A persistent call as the `persistent` command and ``CTISimulator/persistentCalls()`` show it.
public struct PersistentCallSnapshot: Hashable, Sendable, CustomStringConvertible {
    /// The CTI Remote Device line.
    public var device: String
    public var callID: UInt32
    /// The remote destination called.
    public var remoteNumber: String
    /// `SETTING_UP` (ringing at the destination) or `CONNECTED`.
    public var state: String
    /// Simulated seconds since the call was made.
    public var ageSeconds: Double
    /// A drop waits for the last customer call on the device (R11).
    public var dropPending: Bool

    /// `5001  16777300  91955500011  CONNECTED  age 12 s`.
    public var description: String {
        "\(device)  \(callID)  \(remoteNumber)  \(state)  age \(Int(ageSeconds)) s" + (dropPending ? "  (drop pending)" : "")
    }
}

/// Persistent calls on CTI Remote Devices (`persistent-calls-design.md` §6, ERRATA overrides):
/// PERSISTENT_CALL_REQ with the checks of §6.4 in order, the events of §6.3 and rules R1-R14.
///
/// The call belongs to the device, not to a session: nothing here knows sessions, so it
/// survives the CLOSE of the session that made it, the client's exit and an A/B failover.
/// Its legs are the line (LCS_INITIATE, then LCS_CONNECT) and the remote destination
/// (LCS_ALERTING, then LCS_CONNECT); its events go to the line's CLIENT_EVENTS sessions and
/// every ALL_EVENTS session.
extension CallCenterModel {
    /// The requests R9 refuses on a persistent call.
    static let persistentFeatureRequests: Set<String> = [
        "HOLD_CALL_REQ", "RETRIEVE_CALL_REQ", "ALTERNATE_CALL_REQ", "RECONNECT_CALL_REQ", "CONSULTATION_CALL_REQ",
        "TRANSFER_CALL_REQ", "CONFERENCE_CALL_REQ", "DEFLECT_CALL_REQ", "START_RECORDING_REQ", "STOP_RECORDING_REQ",
        "SUPERVISE_CALL_REQ",
    ]
    /// Of those, the ones the simulator otherwise does not implement (FAILURE_CONF 12 as before).
    static let unimplementedFeatureRequests: Set<String> = [
        "RECONNECT_CALL_REQ", "DEFLECT_CALL_REQ", "START_RECORDING_REQ", "STOP_RECORDING_REQ", "SUPERVISE_CALL_REQ",
    ]

    /// The CTI Remote Device whose line DN or device name is `device`.
    func remoteDeviceIndex(_ device: String) -> Int? {
        remoteDevices.firstIndex { $0.lineDN == device || $0.name == device }
    }

    /// The customer calls (every call but the persistent ones) with a leg at `line`.
    func customerCalls(at line: String) -> [SimulatedCall] {
        calls.values.filter { $0.persistent == nil && $0.party(line) != nil }
    }

    /// Whether a fixed `…CallID` field of the request names a persistent call.
    func namesPersistentCall(_ fields: MessageFields) -> Bool {
        fields.fixedSpecs.contains { spec in
            spec.name.hasSuffix("CallID") && fields.number(spec.field).flatMap { calls[$0]?.persistent } != nil
        }
    }

    /// The persistent calls, by device.
    var persistentSnapshots: [PersistentCallSnapshot] {
        persistentByDevice.values.compactMap { calls[$0] }.sorted { $0.id < $1.id }.compactMap { call in
            guard let info = call.persistent else { return nil }
            let connected = call.party(info.remoteNumber)?.state == ConnectionStates.connect
            return PersistentCallSnapshot(device: info.line, callID: call.id, remoteNumber: info.remoteNumber,
                                          state: connected ? "CONNECTED" : "SETTING_UP", ageSeconds: now - call.began,
                                          dropPending: info.pendingDropCause != nil)
        }
    }

    // MARK: - Create

    /// PERSISTENT_CALL_REQ (CLIENT_CONTROL and PeripheralID already checked by ``handle(_:from:)``).
    mutating func makePersistentCall(_ request: ControlRequest, invokeID: UInt32) throws(ControlRefusal) -> [CallCenterOutput] {
        let fields = request.fields
        guard request.requester.services & ServiceBits.agentStateControlOnly == 0 else { throw ControlRefusal(.noClientControl) }
        guard let device = fields.string(.agentInstrument), !device.isEmpty,
              let callingID = fields.string(.callingDeviceID), !callingID.isEmpty else { throw ControlRefusal(.missingField) }
        guard fields.number(.devSpecificFlags) == PersistentCallFlags.create else { throw ControlRefusal(.persistentBadFlags) }
        guard request.requester.controlsAnyDevice || request.requester.device == device else {
            throw ControlRefusal(.persistentForeignDevice)
        }
        guard let index = remoteDeviceIndex(device) else { throw ControlRefusal(.persistentNotRemoteDevice) }
        let line = remoteDevices[index].lineDN
        guard let destination = remoteDevices[index].activeDestination else { throw ControlRefusal(.persistentNoActiveRD) }
        if let existing = persistentByDevice[line], let call = calls[existing] {
            throw ControlRefusal(call.party(call.persistent?.remoteNumber ?? "")?.state == ConnectionStates.connect
                ? .persistentAlreadyExists : .persistentBeingSetUp)
        }
        guard customerCalls(at: line).isEmpty else { throw ControlRefusal(.persistentOtherCall) }
        guard persistentByDevice.count < min(configuration.persistentCalls.perNode, configuration.persistentCalls.perCluster) else {
            throw ControlRefusal(.persistentCapacity)
        }
        let name = fields.string(.text).flatMap { $0.isEmpty ? nil : $0 }
        let id = newCallID()
        var call = SimulatedCall.toExternalParty(id: id, type: CallTypes.out, from: line, to: destination, callingDevice: callingID, began: now)
        call.namedVariables = [NamedValue(name: "user.PersistentCall", value: "1"), NamedValue(name: "user.PersistCgpn", value: callingID),
                               NamedValue(name: "user.PersistCgpnName", value: name ?? "")]
        call.persistent = PersistentCallInfo(line: line, remoteNumber: destination, callingPartyID: callingID, callingPartyName: name)
        calls[id] = call
        persistentByDevice[line] = id
        var outputs = [CallCenterOutput.reply(CallEventMessages.newCallConfirmation("PERSISTENT_CALL_CONF", invokeID: invokeID, callID: id,
                                                                                    device: line)),
                       .event(messages.beginCall(call), to: [line])]
        let failure = setupFailures.removeValue(forKey: line)
        if let failure, failure != .noanswer {
            return outputs + persistentSetupFailed(id, cause: failure.cause)
        }
        if !configuration.persistentCalls.suppressDelivered {
            outputs.append(.event(messages.delivered(call, at: destination), to: [line]))
        }
        if failure == .noanswer {
            schedule(.persistentSetupFail(callID: id, cause: failure!.cause), after: configuration.persistentCalls.answerSeconds ?? 1)
        } else if let delay = configuration.persistentCalls.answerSeconds {
            schedule(.persistentAnswer(callID: id), after: delay)
        }
        return outputs
    }

    // MARK: - Progress and teardown

    /// The remote destination answers: CALL_ESTABLISHED_EVENT (LCS_CONNECT), no media events.
    mutating func persistentAnswered(_ id: UInt32) -> [CallCenterOutput] {
        guard let call = calls[id], let info = call.persistent, call.party(info.remoteNumber)?.state == ConnectionStates.alerting else {
            return []
        }
        timers.removeAll { $0 == .persistentAnswer(callID: id) }
        if let limit = configuration.persistentCalls.maxDurationSeconds { schedule(.persistentTimeout(callID: id), after: limit) }
        return answer(callID: id, at: info.remoteNumber)
    }

    /// The set-up fails: CALL_FAILED_EVENT (LCS_FAIL) with `cause`, then CALL_CLEARED and END_CALL.
    mutating func persistentSetupFailed(_ id: UInt32, cause: UInt32) -> [CallCenterOutput] {
        guard let call = calls.removeValue(forKey: id), let info = call.persistent else { return [] }
        forgetPersistent(id, line: info.line)
        return [.event(messages.failed(call, device: info.remoteNumber, cause: cause), to: [info.line]),
                .event(messages.cleared(call, cause: cause), to: [info.line]),
                .event(messages.endCall(call), to: [info.line])]
    }

    /// The call ends: CALL_CONNECTION_CLEARED (the `releasing` leg), CALL_CLEARED, END_CALL, each
    /// with `cause` where the layout has EventCause.
    mutating func tearDownPersistent(_ id: UInt32, cause: UInt32, releasing: String? = nil) -> [CallCenterOutput] {
        guard let call = calls.removeValue(forKey: id), let info = call.persistent else { return [] }
        forgetPersistent(id, line: info.line)
        let device = releasing ?? info.line
        var remaining = call
        remaining.parties.removeAll { $0.device == device }
        let type = call.party(device)?.deviceType ?? CallEventMessages.devidDevice
        return [.event(messages.connectionCleared(remaining, device: device, deviceType: type, cause: cause), to: [info.line]),
                .event(messages.cleared(call, cause: cause), to: [info.line]),
                .event(messages.endCall(call), to: [info.line])]
    }

    private mutating func forgetPersistent(_ id: UInt32, line: String) {
        if persistentByDevice[line] == id { persistentByDevice[line] = nil }
        pendingPersistentDrops.remove(id)
        timers.removeAll { $0.callID == id }
    }

    /// Drops the persistent call at once when no customer call is on its line; else marks the
    /// drop pending (done when the last customer call ends) and returns `false`.
    mutating func dropPersistent(_ id: UInt32, cause: UInt32, releasing: String? = nil) -> (dropped: Bool, outputs: [CallCenterOutput]) {
        guard let info = calls[id]?.persistent else { return (false, []) }
        if customerCalls(at: info.line).isEmpty { return (true, tearDownPersistent(id, cause: cause, releasing: releasing)) }
        calls[id]?.persistent?.pendingDropCause = cause
        pendingPersistentDrops.insert(id)
        return (false, [])
    }

    /// Runs the deferred drops whose line has no customer call left (R11, R12).
    mutating func settlePendingPersistentDrops() -> [CallCenterOutput] {
        var outputs: [CallCenterOutput] = []
        for id in pendingPersistentDrops.sorted() {
            guard let info = calls[id]?.persistent else {
                pendingPersistentDrops.remove(id)
                continue
            }
            if customerCalls(at: info.line).isEmpty {
                outputs += tearDownPersistent(id, cause: info.pendingDropCause ?? CallEventMessages.causeNone)
            }
        }
        return outputs
    }

    /// CLEAR_CALL_REQ / CLEAR_CONNECTION_REQ on a persistent call (R11): the CONF and the
    /// teardown (CEC_NONE), or CONTROL_FAILURE_CONF CF_GENERIC_STATE_INCOMPATIBILITY 0x7E000104
    /// and a deferred drop while a customer call is active on the line.
    mutating func clearPersistent(_ call: SimulatedCall, device: String, confirmation: String, invokeID: UInt32) -> [CallCenterOutput] {
        let releasing = call.party(device) != nil ? device : call.persistent?.line
        let (dropped, outputs) = dropPersistent(call.id, cause: CallEventMessages.causeNone, releasing: releasing)
        guard dropped else { return [.reply(SimulatorFailureTable.reply(.persistentDropCallActive, invokeID: invokeID))] }
        return [.reply(CallEventMessages.confirmation(confirmation, invokeID: invokeID))] + outputs
    }

    // MARK: - Operator commands

    /// `rd add|remove|activate|deactivate DEVICE NUMBER`, `rd answer|reject|hangup DEVICE`.
    mutating func remoteDevice(_ device: String, _ action: RemoteDeviceAction) -> Result<[CallCenterOutput], CallCenterError> {
        guard let index = remoteDeviceIndex(device) else { return .failure(CallCenterError("no CTI Remote Device \(device)")) }
        let line = remoteDevices[index].lineDN
        let persistent = persistentByDevice[line].flatMap { calls[$0] }
        let ringing = persistent.map { $0.party($0.persistent!.remoteNumber)?.state == ConnectionStates.alerting } ?? false
        let wasActive = remoteDevices[index].activeDestination
        switch action {
        case .add(let number):
            guard !remoteDevices[index].destinations.contains(number) else {
                return .failure(CallCenterError("\(line) already has remote destination \(number)"))
            }
            if remoteDevices[index].destinations.isEmpty { remoteDevices[index].isActive = false }
            remoteDevices[index].destinations.append(number)
            return .success([])
        case .remove(let number):
            guard let position = remoteDevices[index].destinations.firstIndex(of: number) else {
                return .failure(CallCenterError("\(line) has no remote destination \(number)"))
            }
            remoteDevices[index].destinations.remove(at: position)
            if wasActive == number { remoteDevices[index].isActive = false }
        case .activate(let number):
            guard let position = remoteDevices[index].destinations.firstIndex(of: number) else {
                return .failure(CallCenterError("\(line) has no remote destination \(number)"))
            }
            remoteDevices[index].destinations.remove(at: position)
            remoteDevices[index].destinations.insert(number, at: 0)
            remoteDevices[index].isActive = true
            return .success([])
        case .deactivate(let number):
            guard remoteDevices[index].destinations.contains(number) else {
                return .failure(CallCenterError("\(line) has no remote destination \(number)"))
            }
            if wasActive == number { remoteDevices[index].isActive = false }
        case .answer:
            guard let persistent, ringing else { return .failure(CallCenterError("no persistent call ringing at \(line)")) }
            return .success(persistentAnswered(persistent.id))
        case .reject:
            guard let persistent, ringing else { return .failure(CallCenterError("no persistent call ringing at \(line)")) }
            return .success(persistentSetupFailed(persistent.id, cause: CauseCodes.busy))
        case .hangup:
            guard let persistent else { return .failure(CallCenterError("no persistent call at \(line)")) }
            if ringing { return .success(persistentSetupFailed(persistent.id, cause: CauseCodes.busy)) }
            return .success(tearDownPersistent(persistent.id, cause: CallEventMessages.causeNone, releasing: persistent.persistent!.remoteNumber))
        }
        // remove / deactivate: losing the active destination tears the call down (R12).
        guard let persistent, wasActive != nil, remoteDevices[index].activeDestination == nil else { return .success([]) }
        return .success(dropPersistent(persistent.id, cause: CauseCodes.callCancelled, releasing: persistent.persistent!.remoteNumber).outputs)
    }

    /// `timer expire CALLID`: the persistent call's maximum duration is over (CEC_TIME_OUT).
    mutating func expirePersistentTimer(_ id: UInt32) -> Result<[CallCenterOutput], CallCenterError> {
        guard calls[id]?.persistent != nil else { return .failure(CallCenterError("no persistent call \(id)")) }
        return .success(tearDownPersistent(id, cause: CauseCodes.timeOut))
    }

    /// `setup-fail DEVICE busy|noanswer|unreachable`.
    mutating func failNextSetup(_ device: String, _ failure: PersistentSetupFailure) -> Result<[CallCenterOutput], CallCenterError> {
        guard let index = remoteDeviceIndex(device) else { return .failure(CallCenterError("no CTI Remote Device \(device)")) }
        setupFailures[remoteDevices[index].lineDN] = failure
        return .success([])
    }
}
