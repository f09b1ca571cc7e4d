import CTIProtocol

/// A call connection as the Client Control requests name it (`client-control.md`):
/// ConnectionCallID, ConnectionDeviceIDType and ConnectionDeviceID.
public struct CallReference: Hashable, Sendable, CustomStringConvertible {
    public var callID: UInt32
    /// CONNECTION_ID_STATIC (0) or CONNECTION_ID_DYNAMIC (1).
    public var deviceIDType: UInt32
    public var deviceID: String

    public init(callID: UInt32, deviceID: String, deviceIDType: UInt32 = 0) {
        self.callID = callID
        self.deviceID = deviceID
        self.deviceIDType = deviceIDType
    }

    public var description: String { "\(callID)@\(deviceID)" }
}

/// Typed Client Control requests (`client-control.md`). Each returns the confirmation, or throws
/// ``CTIClientError/controlFailed(failureCode:peripheralErrorCode:)`` (CONTROL_FAILURE_CONF) or
/// ``CTIClientError/requestFailed(status:)`` (FAILURE_CONF) naming the code.
extension CTIClient {
    private func request(_ name: String, _ build: (inout MessageFields) throws -> Void) async throws -> CTIMessage {
        var fields = try MessageFields(named: name)
        try build(&fields)
        return try await send(fields)
    }

    private static func setCall(_ fields: inout MessageFields, _ call: CallReference, leg: CallLegFields = .connection) throws {
        try fields.set(leg.callID, .number(call.callID))
        try fields.set(leg.deviceIDType, .number(call.deviceIDType))
        try fields.set(leg.deviceID, .text(call.deviceID))
    }

    private static func setOptional(_ fields: inout MessageFields, _ field: Field, _ value: String?) throws {
        if let value { try fields.set(field, .text(value)) }
    }

    private static func setCallData(_ fields: inout MessageFields, variables: [Int: String], named: [(name: String, value: String)]) throws {
        for (index, value) in variables.sorted(by: { $0.key < $1.key }) { try fields.set(Field.callVariables[index - 1], .text(value)) }
        for variable in named { try fields.append(.namedVariable, .namedVariable(name: CTIString(variable.name), value: CTIString(variable.value))) }
        if !named.isEmpty { try fields.set(.numNamedVariables, .number(UInt32(named.count))) }
    }

    /// MAKE_CALL_REQ from `instrument` to `dialedNumber`.
    public func makeCall(peripheralID: UInt32, instrument: String, dialedNumber: String, callVariables: [Int: String] = [:],
                         namedVariables: [(name: String, value: String)] = []) async throws -> CTIMessage {
        try await request("MAKE_CALL_REQ") { fields in
            try fields.set(.peripheralID, .number(peripheralID))
            try fields.set(.agentInstrument, .text(instrument))
            try fields.set(.dialedNumber, .text(dialedNumber))
            try Self.setCallData(&fields, variables: callVariables, named: namedVariables)
        }
    }

    /// ANSWER_CALL_REQ.
    public func answer(_ call: CallReference, peripheralID: UInt32, instrument: String? = nil) async throws -> CTIMessage {
        try await simpleCallRequest("ANSWER_CALL_REQ", call, peripheralID: peripheralID, instrument: instrument)
    }

    /// HOLD_CALL_REQ.
    public func hold(_ call: CallReference, peripheralID: UInt32, instrument: String? = nil) async throws -> CTIMessage {
        try await simpleCallRequest("HOLD_CALL_REQ", call, peripheralID: peripheralID, instrument: instrument)
    }

    /// RETRIEVE_CALL_REQ for a held call.
    public func retrieve(_ held: CallReference, peripheralID: UInt32, instrument: String? = nil) async throws -> CTIMessage {
        try await request("RETRIEVE_CALL_REQ") { fields in
            try fields.set(.peripheralID, .number(peripheralID))
            try Self.setCall(&fields, held, leg: .held)
            try Self.setOptional(&fields, .agentInstrument, instrument)
        }
    }

    /// CLEAR_CALL_REQ: the whole call.
    public func clearCall(_ call: CallReference, peripheralID: UInt32, instrument: String? = nil) async throws -> CTIMessage {
        try await simpleCallRequest("CLEAR_CALL_REQ", call, peripheralID: peripheralID, instrument: instrument)
    }

    /// CLEAR_CONNECTION_REQ: one party.
    public func clearConnection(_ call: CallReference, peripheralID: UInt32, instrument: String? = nil) async throws -> CTIMessage {
        try await simpleCallRequest("CLEAR_CONNECTION_REQ", call, peripheralID: peripheralID, instrument: instrument)
    }

    /// RELEASE_CALL_REQ: the client is done updating the call's data.
    public func release(_ call: CallReference, peripheralID: UInt32) async throws -> CTIMessage {
        try await request("RELEASE_CALL_REQ") { fields in
            try fields.set(.peripheralID, .number(peripheralID))
            try Self.setCall(&fields, call)
        }
    }

    /// CONSULTATION_CALL_REQ from the active call to `dialedNumber` (ConsultType: 1 transfer, 2 conference).
    public func consult(_ active: CallReference, peripheralID: UInt32, dialedNumber: String, consultType: ConsultType = .transfer,
                        instrument: String? = nil) async throws -> CTIMessage {
        try await request("CONSULTATION_CALL_REQ") { fields in
            try fields.set(.peripheralID, .number(peripheralID))
            try Self.setCall(&fields, active, leg: .active)
            try fields.set(.dialedNumber, .text(dialedNumber))
            try fields.set(.consultType, .number(consultType.rawValue))
            try Self.setOptional(&fields, .agentInstrument, instrument)
        }
    }

    /// TRANSFER_CALL_REQ joining the held and active calls (and dropping the transferring party).
    public func transfer(active: CallReference, held: CallReference, peripheralID: UInt32, instrument: String? = nil) async throws -> CTIMessage {
        try await twoCallRequest("TRANSFER_CALL_REQ", active: active, held: held, peripheralID: peripheralID, instrument: instrument)
    }

    /// CONFERENCE_CALL_REQ joining the held and active calls.
    public func conference(active: CallReference, held: CallReference, peripheralID: UInt32, instrument: String? = nil) async throws -> CTIMessage {
        try await twoCallRequest("CONFERENCE_CALL_REQ", active: active, held: held, peripheralID: peripheralID, instrument: instrument)
    }

    /// ALTERNATE_CALL_REQ: hold the active call, retrieve the other.
    public func alternate(active: CallReference, other: CallReference, peripheralID: UInt32, instrument: String? = nil) async throws -> CTIMessage {
        try await request("ALTERNATE_CALL_REQ") { fields in
            try fields.set(.peripheralID, .number(peripheralID))
            try Self.setCall(&fields, active, leg: .active)
            try Self.setCall(&fields, other, leg: .other)
            try Self.setOptional(&fields, .agentInstrument, instrument)
        }
    }

    /// SET_AGENT_STATE_REQ (AgentState values: `constants.md` §9; AgentWorkMode §18); a login may
    /// name the skill groups (NumSkillGroups and one SkillGroupNumber each).
    public func setAgentState(peripheralID: UInt32, instrument: String, state: AgentState, agentID: String? = nil, password: String? = nil,
                              workMode: AgentWorkMode = .unspecified, reasonCode: UInt32 = 0, skillGroups: [UInt32] = []) async throws -> CTIMessage {
        try await request("SET_AGENT_STATE_REQ") { fields in
            try fields.set(.peripheralID, .number(peripheralID))
            try fields.set(.agentState, .number(state.rawValue))
            try fields.set(.agentWorkMode, .number(workMode.rawValue))
            try fields.set(.eventReasonCode, .number(reasonCode))
            try fields.set(.agentInstrument, .text(instrument))
            try Self.setOptional(&fields, .agentID, agentID)
            try Self.setOptional(&fields, .agentPassword, password)
            if !skillGroups.isEmpty {
                try fields.set(.numSkillGroups, .number(UInt32(skillGroups.count)))
                for group in skillGroups { try fields.append(.skillGroupNumber, .number(group)) }
            }
        }
    }

    /// QUERY_AGENT_STATE_REQ by instrument and/or agent ID.
    public func queryAgentState(peripheralID: UInt32, instrument: String? = nil, agentID: String? = nil) async throws -> CTIMessage {
        try await request("QUERY_AGENT_STATE_REQ") { fields in
            try fields.set(.peripheralID, .number(peripheralID))
            try fields.set(.icmAgentID, .number(0xFFFF_FFFF))
            try Self.setOptional(&fields, .agentInstrument, instrument)
            try Self.setOptional(&fields, .agentID, agentID)
        }
    }

    /// QUERY_DEVICE_INFO_REQ.
    public func queryDeviceInfo(peripheralID: UInt32, instrument: String) async throws -> CTIMessage {
        try await request("QUERY_DEVICE_INFO_REQ") { fields in
            try fields.set(.peripheralID, .number(peripheralID))
            try fields.set(.agentInstrument, .text(instrument))
        }
    }

    /// SNAPSHOT_CALL_REQ.
    public func snapshotCall(_ call: CallReference, peripheralID: UInt32) async throws -> CTIMessage {
        try await request("SNAPSHOT_CALL_REQ") { fields in
            try fields.set(.peripheralID, .number(peripheralID))
            try Self.setCall(&fields, call)
        }
    }

    /// SNAPSHOT_DEVICE_REQ.
    public func snapshotDevice(peripheralID: UInt32, instrument: String) async throws -> CTIMessage {
        try await request("SNAPSHOT_DEVICE_REQ") { fields in
            try fields.set(.peripheralID, .number(peripheralID))
            try fields.set(.snapshotDeviceType, .number(0))
            try fields.set(.agentInstrument, .text(instrument))
        }
    }

    /// SET_CALL_DATA_REQ: call variables (1-10) and named variables.
    public func setCallData(_ call: CallReference, peripheralID: UInt32, callVariables: [Int: String] = [:],
                            namedVariables: [(name: String, value: String)] = []) async throws -> CTIMessage {
        try await request("SET_CALL_DATA_REQ") { fields in
            try fields.set(.peripheralID, .number(peripheralID))
            try Self.setCall(&fields, call)
            try fields.set(.callType, .number(0xFFFF))
            try fields.set(.campaignID, .number(0xFFFF_FFFF))
            try fields.set(.queryRuleID, .number(0xFFFF_FFFF))
            try Self.setCallData(&fields, variables: callVariables, named: namedVariables)
        }
    }

    /// SEND_DTMF_SIGNAL_REQ.
    public func sendDTMF(_ call: CallReference, peripheralID: UInt32, digits: String, instrument: String? = nil) async throws -> CTIMessage {
        try await request("SEND_DTMF_SIGNAL_REQ") { fields in
            try fields.set(.peripheralID, .number(peripheralID))
            try Self.setCall(&fields, call)
            try fields.set(.dtmfString, .text(digits))
            try Self.setOptional(&fields, .agentInstrument, instrument)
        }
    }

    private func simpleCallRequest(_ name: String, _ call: CallReference, peripheralID: UInt32, instrument: String?) async throws -> CTIMessage {
        try await request(name) { fields in
            try fields.set(.peripheralID, .number(peripheralID))
            try Self.setCall(&fields, call)
            try Self.setOptional(&fields, .agentInstrument, instrument)
        }
    }

    private func twoCallRequest(_ name: String, active: CallReference, held: CallReference, peripheralID: UInt32,
                                instrument: String?) async throws -> CTIMessage {
        try await request(name) { fields in
            try fields.set(.peripheralID, .number(peripheralID))
            try Self.setCall(&fields, active, leg: .active)
            try Self.setCall(&fields, held, leg: .held)
            try Self.setOptional(&fields, .agentInstrument, instrument)
        }
    }
}
