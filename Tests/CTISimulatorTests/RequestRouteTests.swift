import CTIProtocol
@testable import CTISimulator
import Testing

/// The request dispatch table alone, for what a session's protocol version lacks (issue 20).
@Suite struct RequestRouteTests {
    static let pv23 = ProtocolVersion(23)!

    /// A request built against the PV25 catalogue, sent in its layout and read by `version`'s decoder.
    static func read(_ name: String, _ assignments: [String], in version: ProtocolVersion) throws -> CTIMessage {
        let fields = try FieldAssignment().build(name, assignments: ["InvokeID=12"] + assignments)
        let encoded = try CTIMessageEncoder(version: .v25, allowUndefinedMaskBits: true).encode(.fields(fields))
        return try CTIMessageDecoder(version: version).decode(CTIFrame(encoded: encoded))
    }

    static let setAgentState = ["PeripheralID=5000", "AgentInstrument=2001", "AgentState=2"]

    @Test func aMessageNewerThanTheSessionsVersionIsInvalidMessageTypeForVersion() throws {
        let message = try Self.read("SET_AGENT_SERVICE_DATA_REQ", [], in: Self.pv23)
        #expect(RequestRoute.of(message, phase: .open(.active)) == .refuseForVersion(
            invokeID: 12, status: StatusCode.invalidMsgTypeForVersion,
            reason: "message SET_AGENT_SERVICE_DATA_REQ is not in protocol 23 (it arrived in 24)"))
        // On a standby side too: the version comes before the side's rules.
        guard case .refuseForVersion(_, let status, _) = RequestRoute.of(message, phase: .open(.standby)) else {
            Issue.record("not refused for its version")
            return
        }
        #expect(status == StatusCode.invalidMsgTypeForVersion)
    }

    @Test func aFieldOrValueNewerThanTheSessionsVersionIsInvalidTagForVersion() throws {
        let tag = try Self.read("SET_AGENT_STATE_REQ", Self.setAgentState + ["ActiveTerminal=SEP0001"], in: Self.pv23)
        #expect(RequestRoute.of(tag, phase: .open(.active)) == .refuseForVersion(
            invokeID: 12, status: StatusCode.invalidTagForVersion,
            reason: "SET_AGENT_STATE_REQ.ActiveTerminal (tag 303) is not in protocol 23 (it arrived in 24)"))
        // A value the version lacks: status 107 arrived in 24.
        let value = try Self.read("CLOSE_REQ", ["Status=107"], in: Self.pv23)
        guard case .refuseForVersion(12, let status, let reason) = RequestRoute.of(value, phase: .open(.active)) else {
            Issue.record("not refused for its version")
            return
        }
        #expect(status == StatusCode.invalidTagForVersion)
        #expect(reason.hasPrefix("CLOSE_REQ.Status value 107"), "\(reason)")
    }

    @Test func whatTheVersionHasIsRoutedAsBefore() throws {
        let request = try Self.read("SET_AGENT_STATE_REQ", Self.setAgentState, in: Self.pv23)
        #expect(RequestRoute.of(request, phase: .open(.active)) == .clientControl(request.fields!))
        // The same PV24 message in a PV24 session is no version matter.
        let service = try Self.read("SET_AGENT_SERVICE_DATA_REQ", [], in: .v24)
        #expect(RequestRoute.of(service, phase: .open(.active)) == .refuse(invokeID: 12, status: StatusCode.functionNotAvailable))
        // Before OPEN_CONF only OPEN_REQ counts, whatever the version.
        #expect(RequestRoute.of(try Self.read("SET_AGENT_SERVICE_DATA_REQ", [], in: Self.pv23), phase: .notOpen)
                == .refuse(invokeID: 12, status: StatusCode.sessionNotOpen))
    }
}
