import CTIProtocol

/// The session a Client Control request comes from.
struct ControlRequester: Hashable, Sendable {
    /// ServicesGranted of its OPEN_CONF.
    var services: UInt32
    /// The agent device of a CLIENT_EVENTS session (its AgentInstrument or AgentExtension, or
    /// its agent's phone), `nil` otherwise.
    var device: String?

    /// ALL_EVENTS sessions may control any agent device; CLIENT_EVENTS sessions only their own
    /// (`client-control.md`, general rules).
    var controlsAnyDevice: Bool { services & ServiceBits.allEvents != 0 }
}

/// A request refused: the mistake names the reply (``SimulatorFailureTable``).
struct ControlRefusal: Error {
    var mistake: SimulatorFailureTable.Mistake
    init(_ mistake: SimulatorFailureTable.Mistake) { self.mistake = mistake }
}

/// Reading the device and call a request names.
struct ControlRequest {
    var fields: MessageFields
    var requester: ControlRequester

    /// A CLIENT_EVENTS session may only name its own device.
    func checkOwn(_ device: String) throws(ControlRefusal) {
        if !requester.controlsAnyDevice && requester.device != device { throw ControlRefusal(.notOwnDevice) }
    }

    /// The AgentInstrument, which must be an agent phone.
    func agentPhone(in model: CallCenterModel) throws(ControlRefusal) -> String {
        guard let device = fields.string(.agentInstrument), !device.isEmpty else { throw ControlRefusal(.missingField) }
        try checkOwn(device)
        guard model.agentIndex(device: device) != nil else { throw ControlRefusal(.unknownDevice) }
        return device
    }

    /// The call and device named by the `leg`'s call ID and device ID fields.
    /// The device must be a leg of the call, or the call's connection device; with
    /// `answering`, ConnectionCallID 0xFFFFFFFF means the call alerting at the device.
    func call(in model: CallCenterModel, leg: CallLegFields = .connection, answering: Bool = false) throws(ControlRefusal) -> (SimulatedCall, String) {
        guard let device = fields.string(leg.deviceID) ?? (answering ? fields.string(.agentInstrument) : nil),
              !device.isEmpty else { throw ControlRefusal(.missingField) }
        try checkOwn(device)
        guard model.agentIndex(device: device) != nil || model.calls.values.contains(where: { $0.party(device) != nil }) else {
            throw ControlRefusal(.unknownDevice)
        }
        let id = fields.number(leg.callID) ?? 0xFFFF_FFFF
        if answering && id == 0xFFFF_FFFF,
           let call = model.calls(at: device).first(where: { $0.party(device)?.state == ConnectionStates.alerting }) {
            return (call, device)
        }
        guard let call = model.calls[id], call.party(device) != nil || call.connectionDevice == device else {
            throw ControlRefusal(.unknownCall)
        }
        return (call, call.party(device) != nil ? device : call.parties.first(where: \.isAgentPhone)?.device ?? device)
    }
}
