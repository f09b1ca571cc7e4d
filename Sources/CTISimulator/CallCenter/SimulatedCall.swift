import CTIProtocol

/// One leg of a call: a device and its LocalConnectionState (`constants.md` §11).
struct CallParty: Hashable, Sendable {
    var device: String
    /// DeviceIDType (`constants.md` §13): DEVID_DEVICE_IDENTIFIER (0) for agent phones and
    /// CTI Remote Device lines, DEVID_EXTERNAL (75) for customers and dialed numbers.
    var deviceType: UInt32
    var state: UInt32
    /// An agent phone: its sessions see the call.
    var isAgentPhone: Bool
}

/// A named (ECC) variable of a call.
struct NamedValue: Hashable, Sendable {
    var name: String
    var value: String
}

/// A call the simulated peripheral knows.
struct SimulatedCall: Hashable, Sendable {
    var id: UInt32
    /// CallType (`constants.md` §15).
    var callType: UInt32
    /// The device BEGIN_CALL_EVENT / END_CALL_EVENT name as ConnectionDeviceID.
    var connectionDevice: String
    var parties: [CallParty]
    var ani: String?
    var dnis: String?
    var dialedNumber: String?
    var callingDevice: String
    var calledDevice: String
    var variables: [Int: String] = [:]
    var namedVariables: [NamedValue] = []
    /// The skill group of a routed call.
    var skillGroup: SkillGroup?
    /// Router call key (RouterCallKeyCallID) of a routed call.
    var routerCallKey: UInt32?
    /// Routed by the ACD (the agent wraps up afterwards).
    var isRouted: Bool
    /// Generated traffic: the customer hangs up after the handle time.
    var hangsUpAutomatically = false
    /// The persistent leg of a nailed-connection mobile agent.
    var isNailed = false
    /// Simulated time the call began.
    var began: Double
    /// Set for a persistent call on a CTI Remote Device (`persistent-calls-design.md` §6).
    var persistent: PersistentCallInfo?

    /// A call the agent line `line` places to `remote`, a number outside the simulated
    /// peripheral: the line initiating, the far end alerting (a nailed leg, a persistent call).
    static func toExternalParty(id: UInt32, type: UInt32, from line: String, to remote: String, callingDevice: String,
                                began: Double) -> SimulatedCall {
        SimulatedCall(id: id, callType: type, connectionDevice: line,
                      parties: [CallParty(device: line, deviceType: CallEventMessages.devidDevice, state: ConnectionStates.initiate,
                                          isAgentPhone: true),
                                CallParty(device: remote, deviceType: CallEventMessages.devidExternal, state: ConnectionStates.alerting,
                                          isAgentPhone: false)],
                      dialedNumber: remote, callingDevice: callingDevice, calledDevice: remote, isRouted: false, began: began)
    }

    func party(_ device: String) -> CallParty? { parties.first { $0.device == device } }
    func partyIndex(_ device: String) -> Int? { parties.firstIndex { $0.device == device } }
    /// The agent phones on the call: the devices whose sessions see its events.
    var agentDevices: Set<String> { Set(parties.filter(\.isAgentPhone).map(\.device)) }
}

/// LocalConnectionState values (`constants.md` §11).
enum ConnectionStates {
    static let none = LocalConnectionState.none.rawValue
    static let null = LocalConnectionState.null.rawValue
    static let initiate = LocalConnectionState.initiate.rawValue
    static let alerting = LocalConnectionState.alerting.rawValue
    static let connect = LocalConnectionState.connect.rawValue
    static let hold = LocalConnectionState.hold.rawValue
    static let queued = LocalConnectionState.queued.rawValue
    static let fail = LocalConnectionState.fail.rawValue
}

/// What makes a call a persistent call.
struct PersistentCallInfo: Hashable, Sendable {
    /// The CTI Remote Device line that owns the call.
    var line: String
    /// The remote destination called (the active one at create time).
    var remoteNumber: String
    /// CallingDeviceID of the request: the number shown at the remote destination.
    var callingPartyID: String
    /// Text of the request: the name shown there.
    var callingPartyName: String?
    /// The EventCause of a drop deferred until the last customer call on the line ends.
    var pendingDropCause: UInt32?
}
