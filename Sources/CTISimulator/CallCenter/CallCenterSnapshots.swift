/// An agent as the `agents` command and ``CTISimulator/agents()`` show it.
public struct AgentSnapshot: Hashable, Sendable, CustomStringConvertible {
    public var agentID: String
    /// The phone's DN (instrument and extension).
    public var instrument: String
    /// AgentState (`constants.md` §9).
    public var state: UInt32
    public var reasonCode: UInt32
    /// The remote phone of a mobile agent.
    public var remotePhone: String?

    init(_ agent: AgentRecord) {
        agentID = agent.agentID
        instrument = agent.instrument
        state = agent.state
        reasonCode = agent.reasonCode
        remotePhone = agent.remotePhone
    }

    /// `1001  2001  AGENT_STATE_AVAILABLE`.
    public var description: String {
        "\(agentID)  \(instrument)  \(AgentStates.name(state))" + (state == AgentStates.notReady && reasonCode != 0 ? " (reason \(reasonCode))" : "")
            + (remotePhone.map { "  remote \($0)" } ?? "")
    }
}

/// A call as the `calls` command and ``CTISimulator/calls()`` show it.
public struct CallSnapshot: Hashable, Sendable, CustomStringConvertible {
    public var callID: UInt32
    /// CallType (`constants.md` §15).
    public var callType: UInt32
    /// Each leg: device and LocalConnectionState (`constants.md` §11).
    public var legs: [(device: String, state: UInt32)] { zip(devices, states).map { ($0, $1) } }
    public var devices: [String]
    public var states: [UInt32]

    init(_ call: SimulatedCall) {
        callID = call.id
        callType = call.callType
        devices = call.parties.map(\.device)
        states = call.parties.map(\.state)
    }

    private static let stateNames: [UInt32: String] = [0: "NULL", 1: "INITIATE", 2: "ALERTING", 3: "CONNECT", 4: "HOLD", 5: "QUEUED", 6: "FAIL"]

    /// `16777300  type 2  9195550100 CONNECT, 2001 ALERTING`.
    public var description: String {
        "\(callID)  type \(callType)  " + legs.map { "\($0.device) \(Self.stateNames[$0.state] ?? String($0.state))" }.joined(separator: ", ")
    }
}
