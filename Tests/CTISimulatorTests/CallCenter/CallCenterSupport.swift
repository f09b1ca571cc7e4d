import CTIProtocol
@testable import CTISimulator

/// Builders for driving ``CallCenterModel`` directly.
enum Model {
    static let allControl = ControlRequester(services: 0x10 | 0x04, device: nil)
    static func own(_ device: String) -> ControlRequester { ControlRequester(services: 0x01 | 0x04, device: device) }

    static func make(agents: Int = 3, rate: Double = 0, seed: UInt64 = 7, initial: UInt32 = 3) -> CallCenterModel {
        CallCenterModel(configuration: CallCenterConfiguration(agents: agents, remoteDevices: 2, callRate: rate, seed: seed,
                                                               initialAgentState: initial),
                        peripheralID: 5000)
    }

    /// A request with PeripheralID 5000 and InvokeID 9 plus `assignments` (FieldAssignment syntax).
    static func request(_ name: String, _ assignments: [String]) -> MessageFields {
        try! FieldAssignment().build(name, assignments: ["InvokeID=9", "PeripheralID=5000"] + assignments)
    }

    static func call(_ id: UInt32, _ device: String, prefix: String = "") -> [String] {
        ["\(prefix)ConnectionCallID=\(id)", "\(prefix)ConnectionDeviceIDType=0", "\(prefix)ConnectionDeviceID=\(device)"]
    }
}

extension Array where Element == CallCenterOutput {
    /// The names of the messages, in order.
    var names: [String] { map(\.message.name) }
    /// The reply to the requester.
    var reply: CTIMessage? { first { $0.audience == .requester }?.message }
    /// The events (not the reply), as names.
    var eventNames: [String] { filter { $0.audience != .requester }.map(\.message.name) }
    /// The AgentStates announced, in order.
    var agentStates: [UInt32] { compactMap { $0.message.name == "AGENT_STATE_EVENT" ? $0.message.fields?.number(.agentState) : nil } }
}

extension CTIMessage {
    /// CONTROL_FAILURE_CONF.FailureCode or FAILURE_CONF.Status.
    var failureCode: UInt32? { fields?.number(.failureCode) ?? (name == "FAILURE_CONF" ? fields?.number(.status) : nil) }
}

func code(_ mistake: SimulatorFailureTable.Mistake) -> UInt32 { SimulatorFailureTable.row(for: mistake).code }
