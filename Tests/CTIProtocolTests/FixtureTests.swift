import NIOCore
import Testing
@testable import CTIProtocol

// Byte-exact encoder/decoder fixtures.
//
// Every fixture below was computed BY HAND from the spec (shared/spec: wire-format.md, session.md,
// events.md, client-control.md, field-tags.tsv, ERRATA.md), not copied from the encoder's output,
// so the tests are an independent check of the catalogue and the codec.
//
// Conventions (wire-format.md): MHDR = MessageLength (UINT, body bytes, header excluded) +
// MessageType (UINT); numbers big-endian; BOOL 2 bytes; floating field = tag USHORT + length
// USHORT (data bytes only) + data; STRING data includes its NUL; UNSPEC has no terminator.
//
// Values used repeatedly:
//   PeripheralID 5000 = 00 00 13 88          PT_ENTERPRISE_AGENT 17 = 00 11
//   ConnectionCallID 0x1234 = 00 00 12 34    CONNECTION_ID_STATIC 0 = 00 00
//   "1001" = 31 30 30 31 00 (5)   "5001" = 35 30 30 31 00 (5)   "8000" = 38 30 30 30 00 (5)
//   "ctiuser" = 63 74 69 75 73 65 72 00 (8)
//   "4085551234" = 34 30 38 35 35 35 31 32 33 34 00 (11)
//   ICMCentralControllerTime / timestamps 0x6553F100 = 65 53 f1 00

@Suite("FixtureTests")
struct FixtureTests {
    // MARK: - Helpers

    private static let encoder = CTIMessageEncoder(version: .v25)
    private static let decoder = CTIMessageDecoder(version: .v25)

    /// A message of the named type with the given fields set, in order (fixed fields by position in
    /// the layout, floating fields in the order given).
    private static func build(_ name: String, _ values: [(Field, FieldValue)]) throws -> MessageFields {
        var fields = try MessageFields(named: name)
        for (field, value) in values { try fields.set(field, value) }
        return fields
    }

    /// Splits a frame fixture into its MHDR type and body, checking MessageLength against the body.
    private static func frame(_ bytes: ByteBuffer, sourceLocation: SourceLocation = #_sourceLocation) throws -> CTIFrame {
        var rest = bytes
        let header = (rest.readInteger(as: UInt32.self), rest.readInteger(as: UInt32.self))
        let length = try #require(header.0, "fixture shorter than the MHDR", sourceLocation: sourceLocation)
        let type = try #require(header.1, "fixture shorter than the MHDR", sourceLocation: sourceLocation)
        #expect(Int(length) == rest.readableBytes, "fixture MessageLength vs. body size", sourceLocation: sourceLocation)
        return CTIFrame(type: type, body: rest)
    }

    private static func encode(_ fields: MessageFields) throws -> ByteBuffer {
        try encoder.encode(.fields(fields))
    }

    /// Decodes a whole frame fixture to its fields.
    private static func decode(_ bytes: ByteBuffer, sourceLocation: SourceLocation = #_sourceLocation) throws -> MessageFields {
        let message = try decoder.decode(frame(bytes, sourceLocation: sourceLocation))
        return try #require(message.fields, "decoded to \(message)", sourceLocation: sourceLocation)
    }

    /// (1) encoding `built` gives exactly `fixture`; (2) decoding `fixture` gives `built` back, with
    /// no notes. Returns the decoded message for field checks.
    @discardableResult
    private static func roundTrip(_ built: MessageFields, _ fixture: ByteBuffer,
                                  sourceLocation: SourceLocation = #_sourceLocation) throws -> CTIMessage {
        let encoded = try encode(built)
        #expect(Hex.string(encoded) == Hex.string(fixture), "encoder output vs. hand-computed fixture", sourceLocation: sourceLocation)
        let decoded = try decoder.decode(frame(fixture, sourceLocation: sourceLocation))
        #expect(decoded.name == built.descriptor.name, sourceLocation: sourceLocation)
        let fields = try #require(decoded.fields, "decoded to \(decoded)", sourceLocation: sourceLocation)
        #expect(fields == built, "decoded fixture vs. built message", sourceLocation: sourceLocation)
        #expect(fields.notes.isEmpty, "notes: \(fields.notes)", sourceLocation: sourceLocation)
        #expect(fields.alternateLayout == nil, sourceLocation: sourceLocation)
        return decoded
    }

    private static func isAlternateLayoutNote(_ note: DecodeNote) -> Bool {
        if case .alternateLayout = note { return true }
        return false
    }

    // MARK: - Session management

    @Test("OPEN_REQ: wire-format.md §7 worked example")
    func openRequestWorkedExample() throws {
        let fixture = Hex.buffer("""
            00 00 00 3c  00 00 00 03                 // MHDR: MessageLength 60 (44 fixed + 12 + 4), MessageType 3
            00 00 00 01                              // @0  InvokeID 1
            00 00 00 19                              // @4  VersionNumber 25
            00 00 00 78                              // @8  IdleTimeout 120
            ff ff ff ff                              // @12 PeripheralID NULL_PERIPHERAL_ID
            00 00 00 14                              // @16 ServicesRequested ALL_EVENTS|CLIENT_CONTROL
            00 00 00 00                              // @20 CallMsgMask
            00 00 00 00                              // @24 AgentStateMask
            00 00 00 00                              // @28 ConfigMsgMask
            00 00 00 00                              // @32 Reserved1
            00 00 00 00                              // @36 Reserved2
            00 00 00 00                              // @40 Reserved3
            00 01 00 08  63 74 69 75 73 65 72 00     // ClientID (tag 1, len 8) "ctiuser\\0"
            00 02 00 00                              // ClientPassword (tag 2, len 0) empty
            """)
        let built = try Self.build("OPEN_REQ", [
            (.invokeID, .number(1)),
            (.versionNumber, .number(25)),
            (.idleTimeout, .number(120)),
            (.peripheralID, .number(0xFFFF_FFFF)),
            (.servicesRequested, .number(0x14)),
            (.clientID, .text("ctiuser")),
            (.clientPassword, .bytes(ByteBuffer())),
        ])
        let decoded = try Self.roundTrip(built, fixture)
        #expect(decoded.typeID == 3)
        #expect(decoded[.versionNumber] == .number(25))
        #expect(decoded[.peripheralID] == .int(-1))
        #expect(decoded[.clientID] == .text("ctiuser"))
        #expect(decoded[.clientPassword] == .bytes(ByteBuffer()))
    }

    @Test("OPEN_REQ: Client Events with AgentExtension, AgentID, AgentInstrument")
    func openRequestClientEvents() throws {
        let fixture = Hex.buffer("""
            00 00 00 5b  00 00 00 03                 // MHDR: MessageLength 91 (44 + 47), MessageType 3
            00 00 00 02                              // @0  InvokeID 2
            00 00 00 19                              // @4  VersionNumber 25
            ff ff ff ff                              // @8  IdleTimeout 0xFFFFFFFF (no heartbeats)
            00 00 13 88                              // @12 PeripheralID 5000
            00 00 00 05                              // @16 ServicesRequested CLIENT_EVENTS|CLIENT_CONTROL
            00 00 60 25                              // @20 CallMsgMask BEGIN|END|DELIVERED|ESTABLISHED|CLEARED
            00 00 00 1c                              // @24 AgentStateMask NOT_READY|AVAILABLE|TALKING
            00 00 00 00                              // @28 ConfigMsgMask
            00 00 00 00  00 00 00 00  00 00 00 00    // @32 Reserved1..3
            00 01 00 0a  61 67 65 6e 74 31 30 30 31 00   // ClientID (tag 1, len 10) "agent1001\\0"       14
            00 02 00 02  70 77                           // ClientPassword (tag 2, len 2) UNSPEC "pw"       6
            00 04 00 05  31 30 30 31 00                  // AgentExtension (tag 4, len 5) "1001\\0"          9
            00 05 00 05  35 30 30 31 00                  // AgentID (tag 5, len 5) "5001\\0"                 9
            00 06 00 05  31 30 30 31 00                  // AgentInstrument (tag 6, len 5) "1001\\0"         9
            """)
        let built = try Self.build("OPEN_REQ", [
            (.invokeID, .number(2)),
            (.versionNumber, .number(25)),
            (.idleTimeout, .number(0xFFFF_FFFF)),
            (.peripheralID, .number(5000)),
            (.servicesRequested, .number(0x05)),
            (.callMsgMask, .number(0x6025)),
            (.agentStateMask, .number(0x1C)),
            (.clientID, .text("agent1001")),
            (.clientPassword, .bytes(ByteBuffer(string: "pw"))),
            (.agentExtension, .text("1001")),
            (.agentID, .text("5001")),
            (.agentInstrument, .text("1001")),
        ])
        let decoded = try Self.roundTrip(built, fixture)
        #expect(decoded[.callMsgMask] == .number(0x6025))
        #expect(decoded[.agentExtension] == .text("1001"))
        #expect(decoded[.agentID] == .text("5001"))
        #expect(decoded[.clientPassword] == .bytes(ByteBuffer(string: "pw")))
    }

    @Test("OPEN_CONF: PV25 32-byte fixed part, NumPeripherals + one FltPeripheralID/MultilineAgentControl pair")
    func openConfirmation() throws {
        let fixture = Hex.buffer("""
            00 00 00 3d  00 00 00 04                 // MHDR: MessageLength 61 (32 + 29), MessageType 4
            00 00 00 02                              // @0  InvokeID 2
            00 00 00 05                              // @4  ServicesGranted CLIENT_EVENTS|CLIENT_CONTROL
            00 00 00 00                              // @8  MonitorID 0
            00 00 00 00                              // @12 PGStatus 0
            65 53 f1 00                              // @16 ICMCentralControllerTime 0x6553F100
            00 01                                    // @20 PeripheralOnline TRUE (BOOL, 2 bytes)
            00 11                                    // @22 PeripheralType 17 PT_ENTERPRISE_AGENT
            00 02                                    // @24 AgentState 2 NOT_READY
            ff ff ff ff                              // @26 DepartmentID -1
            00 01                                    // @30 SessionType 1 ACTIVE
            00 05 00 05  35 30 30 31 00              // AgentID (tag 5, len 5) "5001\\0"                9
            00 e4 00 02  00 01                       // NumPeripherals (tag 228, len 2) 1               6
            00 d0 00 04  00 00 13 88                 // FltPeripheralID (tag 208, len 4) 5000           8
            00 e0 00 02  00 01                       // MultilineAgentControl (tag 224, len 2) 1        6
            """)
        var built = try Self.build("OPEN_CONF", [
            (.invokeID, .number(2)),
            (.servicesGranted, .number(0x05)),
            (.icmCentralControllerTime, .number(0x6553_F100)),
            (.peripheralOnline, .number(1)),
            (.peripheralType, .number(17)),
            (.agentState, .number(2)),
            (.departmentID, .int(-1)),
            (.sessionType, .number(1)),
            (.agentID, .text("5001")),
            (.numPeripherals, .number(1)),
        ])
        try built.append(.fltPeripheralID, .number(5000))
        try built.append(.multilineAgentControl, .number(1))
        let decoded = try Self.roundTrip(built, fixture)
        #expect(decoded[.departmentID] == .number(0xFFFF_FFFF))
        #expect(decoded[.sessionType] == .number(1))
        #expect(decoded[.fltPeripheralID] == .number(5000))
        #expect(decoded.fields?.values(of: .multilineAgentControl) == [.number(1)])
    }

    @Test("FAILURE_CONF: 8-byte form (InvokeID, Status UINT)")
    func failureConfirmation() throws {
        let fixture = Hex.buffer("""
            00 00 00 08  00 00 00 01                 // MHDR: MessageLength 8, MessageType 1
            00 00 00 01                              // @0 InvokeID 1
            00 00 00 06                              // @4 Status 6 E_CTI_REQUIRED_DATA_MISSING
            """)
        let built = try Self.build("FAILURE_CONF", [(.invokeID, .number(1)), (.status, .number(6))])
        let decoded = try Self.roundTrip(built, fixture)
        #expect(decoded[.invokeID] == .number(1))
        #expect(decoded[.status] == .number(6))
        #expect(decoded[.failureCode] == nil)
    }

    @Test("FAILURE_CONF: 10-byte PV24 guide form decodes via the alternate layout")
    func failureConfirmationPV24Form() throws {
        let fixture = Hex.buffer("""
            00 00 00 0a  00 00 00 01                 // MHDR: MessageLength 10, MessageType 1
            00 00 00 03                              // @0 InvokeID 3
            00 24                                    // @4 FailureCode 36 E_CTI_INVALID_PASSWORD (USHORT)
            12 34 56 78                              // @6 PeripheralErrorCode 0x12345678
            """)
        let decoded = try Self.decode(fixture)
        #expect(decoded.alternateLayout == 0)
        #expect(decoded.fixedSpecs.map(\.name) == ["InvokeID", "FailureCode", "PeripheralErrorCode"])
        #expect(decoded[.invokeID] == .number(3))
        #expect(decoded[.failureCode] == .number(36))
        #expect(decoded[.peripheralErrorCode] == .number(0x1234_5678))
        #expect(decoded[.status] == nil)
        #expect(decoded.floating.isEmpty)
        #expect(decoded.notes.count == 1)
        #expect(decoded.notes.allSatisfy(Self.isAlternateLayoutNote))

        // The same message built on the alternate layout encodes to the 10-byte form.
        var built = try MessageFields(named: "FAILURE_CONF")
        built.alternateLayout = 0
        built.fixed = Array(repeating: 0, count: built.fixedSpecs.count)
        try built.set(.invokeID, .number(3))
        try built.set(.failureCode, .number(36))
        try built.set(.peripheralErrorCode, .number(0x1234_5678))
        #expect(Hex.string(try Self.encode(built)) == Hex.string(fixture))
        var expected = built
        expected.notes = decoded.notes
        #expect(decoded == expected)
        // Re-encoding the decoded message keeps the form it arrived in.
        #expect(Hex.string(try Self.encode(decoded)) == Hex.string(fixture))
    }

    @Test("FAILURE_EVENT")
    func failureEvent() throws {
        let fixture = Hex.buffer("""
            00 00 00 04  00 00 00 02                 // MHDR: MessageLength 4, MessageType 2
            00 00 00 0f                              // @0 Status 15 E_CTI_CTI_SERVER_OFFLINE
            """)
        let built = try Self.build("FAILURE_EVENT", [(.status, .number(15))])
        let decoded = try Self.roundTrip(built, fixture)
        #expect(decoded.typeID == 2)
        #expect(decoded[.status] == .number(15))
    }

    @Test("HEARTBEAT_REQ: wire-format.md §7 worked example")
    func heartbeatRequest() throws {
        let fixture = Hex.buffer("""
            00 00 00 04  00 00 00 05                 // MHDR: MessageLength 4, MessageType 5
            00 00 00 01                              // @0 InvokeID 1
            """)
        let built = try Self.build("HEARTBEAT_REQ", [(.invokeID, .number(1))])
        let decoded = try Self.roundTrip(built, fixture)
        #expect(decoded.name == "HEARTBEAT_REQ")
        #expect(decoded[.invokeID] == .number(1))
    }

    @Test("HEARTBEAT_CONF")
    func heartbeatConfirmation() throws {
        let fixture = Hex.buffer("""
            00 00 00 04  00 00 00 06                 // MHDR: MessageLength 4, MessageType 6
            89 ab cd ef                              // @0 InvokeID 0x89ABCDEF (high bit set: unsigned)
            """)
        let built = try Self.build("HEARTBEAT_CONF", [(.invokeID, .number(0x89AB_CDEF))])
        let decoded = try Self.roundTrip(built, fixture)
        #expect(decoded.name == "HEARTBEAT_CONF")
        #expect(decoded[.invokeID] == .number(0x89AB_CDEF))
    }

    @Test("CLOSE_REQ")
    func closeRequest() throws {
        let fixture = Hex.buffer("""
            00 00 00 08  00 00 00 07                 // MHDR: MessageLength 8, MessageType 7
            00 00 00 09                              // @0 InvokeID 9
            00 00 00 10                              // @4 Status 16 E_CTI_TIMEOUT
            """)
        let built = try Self.build("CLOSE_REQ", [(.invokeID, .number(9)), (.status, .number(16))])
        let decoded = try Self.roundTrip(built, fixture)
        #expect(decoded[.invokeID] == .number(9))
        #expect(decoded[.status] == .number(16))
    }

    @Test("CLOSE_CONF")
    func closeConfirmation() throws {
        let fixture = Hex.buffer("""
            00 00 00 04  00 00 00 08                 // MHDR: MessageLength 4, MessageType 8
            00 00 00 09                              // @0 InvokeID 9
            """)
        let built = try Self.build("CLOSE_CONF", [(.invokeID, .number(9))])
        let decoded = try Self.roundTrip(built, fixture)
        #expect(decoded.typeID == 8)
        #expect(decoded[.invokeID] == .number(9))
    }

    @Test("SYSTEM_EVENT with Text and EventDeviceID")
    func systemEvent() throws {
        let fixture = Hex.buffer("""
            00 00 00 30  00 00 00 1f                 // MHDR: MessageLength 48 (26 + 22), MessageType 31
            00 00 00 00                              // @0  PGStatus 0
            65 53 f1 00                              // @4  ICMCentralControllerTime
            00 00 00 0a                              // @8  SystemEventID 10 SYS_INSTRUMENT_OUT_OF_SERVICE
            00 00 13 88                              // @12 SystemEventArg1 5000 (PeripheralID)
            00 00 00 00                              // @16 SystemEventArg2
            00 00 00 00                              // @20 SystemEventArg3
            00 00                                    // @24 EventDeviceType 0 DEVID_DEVICE_IDENTIFIER
            00 07 00 09  31 30 30 31 20 4f 4f 53 00  // Text (tag 7, len 9) "1001 OOS\\0"           13
            00 ce 00 05  31 30 30 31 00              // EventDeviceID (tag 206, len 5) "1001\\0"     9
            """)
        let built = try Self.build("SYSTEM_EVENT", [
            (.icmCentralControllerTime, .number(0x6553_F100)),
            (.systemEventID, .number(10)),
            (.systemEventArg1, .number(5000)),
            (.text, .text("1001 OOS")),
            (.eventDeviceID, .text("1001")),
        ])
        let decoded = try Self.roundTrip(built, fixture)
        #expect(decoded[.systemEventID] == .number(10))
        #expect(decoded[.systemEventArg1] == .number(5000))
        #expect(decoded[.text] == .text("1001 OOS"))
    }

    // MARK: - Call and agent events

    @Test("BEGIN_CALL_EVENT with a NamedVariable and a CTIClientSignature/CTIClientTimestamp pair")
    func beginCallEvent() throws {
        let fixture = Hex.buffer("""
            00 00 00 55  00 00 00 17                 // MHDR: MessageLength 85 (26 + 59), MessageType 23
            00 00 00 00                              // @0  MonitorID 0
            00 00 13 88                              // @4  PeripheralID 5000
            00 11                                    // @8  PeripheralType 17
            00 01                                    // @10 NumCTIClients 1
            00 01                                    // @12 NumNamedVariables 1
            00 00                                    // @14 NumNamedArrays 0
            00 01                                    // @16 CallType 1 CALLTYPE_ACD_IN
            00 00                                    // @18 ConnectionDeviceIDType 0 STATIC
            00 00 12 34                              // @20 ConnectionCallID 0x1234
            00 00                                    // @24 CalledPartyDisposition 0
            00 19 00 05  31 30 30 31 00                           // ConnectionDeviceID (tag 25, len 5) "1001"       9
            00 08 00 0b  34 30 38 35 35 35 31 32 33 34 00         // ANI (tag 8, len 11) "4085551234"               15
            00 52 00 0b  75 73 65 72 2e 78 00  61 62 63 00        // NamedVariable (tag 82, len 11) user.x="abc"   15
            00 17 00 08  63 74 69 75 73 65 72 00                  // CTIClientSignature (tag 23, len 8) "ctiuser"  12
            00 18 00 04  65 53 f1 00                              // CTIClientTimestamp (tag 24, len 4)            8
            """)
        var built = try Self.build("BEGIN_CALL_EVENT", [
            (.peripheralID, .number(5000)),
            (.peripheralType, .number(17)),
            (.numCTIClients, .number(1)),
            (.numNamedVariables, .number(1)),
            (.callType, .number(1)),
            (.connectionCallID, .number(0x1234)),
            (.connectionDeviceID, .text("1001")),
            (.ani, .text("4085551234")),
        ])
        try built.append(.namedVariable, .namedVariable(name: "user.x", value: "abc"))
        try built.append(.ctiClientSignature, .text("ctiuser"))
        try built.append(.ctiClientTimestamp, .number(0x6553_F100))
        let decoded = try Self.roundTrip(built, fixture)
        #expect(decoded[.connectionCallID] == .number(0x1234))
        #expect(decoded[.namedVariable] == .namedVariable(name: "user.x", value: "abc"))
        #expect(decoded[.ctiClientSignature] == .text("ctiuser"))
        #expect(decoded[.ctiClientTimestamp] == .number(0x6553_F100))
    }

    @Test("CALL_DELIVERED_EVENT")
    func callDeliveredEvent() throws {
        let fixture = Hex.buffer("""
            00 00 00 71  00 00 00 09                 // MHDR: MessageLength 113 (54 + 59), MessageType 9
            00 00 00 00                              // @0  MonitorID 0
            00 00 13 88                              // @4  PeripheralID 5000
            00 11                                    // @8  PeripheralType 17
            00 00                                    // @10 ConnectionDeviceIDType 0
            00 00 12 34                              // @12 ConnectionCallID 0x1234
            00 00                                    // @16 LineHandle 0
            00 00                                    // @18 LineType 0 INBOUND_ACD
            ff ff ff ff                              // @20 ServiceNumber NULL_SERVICE
            ff ff ff ff                              // @24 ServiceID NULL_SERVICE
            00 00 00 65                              // @28 SkillGroupNumber 101
            00 00 13 89                              // @32 SkillGroupID 5001
            00 00                                    // @36 SkillGroupPriority 0
            00 00                                    // @38 AlertingDeviceType 0
            00 00                                    // @40 CallingDeviceType 0
            00 00                                    // @42 CalledDeviceType 0
            ff ff                                    // @44 LastRedirectDeviceType DEVID_NONE
            00 02                                    // @46 LocalConnectionState 2 LCS_ALERTING
            00 16                                    // @48 EventCause 22 CEC_NEW_CALL
            00 00                                    // @50 NumNamedVariables 0
            00 00                                    // @52 NumNamedArrays 0
            00 19 00 05  31 30 30 31 00                      // ConnectionDeviceID (tag 25, len 5) "1001"      9
            00 1a 00 05  31 30 30 31 00                      // AlertingDeviceID (tag 26, len 5) "1001"        9
            00 1b 00 0b  34 30 38 35 35 35 31 32 33 34 00    // CallingDeviceID (tag 27, len 11)              15
            00 1c 00 05  38 30 30 30 00                      // CalledDeviceID (tag 28, len 5) "8000"          9
            00 79 00 04  00 00 00 07                         // TrunkNumber (tag 121, len 4) 7                 8
            00 0a 00 05  38 30 30 30 00                      // DNIS (tag 10, len 5) "8000"                    9
            """)
        let built = try Self.build("CALL_DELIVERED_EVENT", [
            (.peripheralID, .number(5000)),
            (.peripheralType, .number(17)),
            (.connectionCallID, .number(0x1234)),
            (.serviceNumber, .number(0xFFFF_FFFF)),
            (.serviceID, .number(0xFFFF_FFFF)),
            (.skillGroupNumber, .number(101)),
            (.skillGroupID, .number(5001)),
            (.lastRedirectDeviceType, .number(0xFFFF)),
            (.localConnectionState, .number(2)),
            (.eventCause, .number(22)),
            (.connectionDeviceID, .text("1001")),
            (.alertingDeviceID, .text("1001")),
            (.callingDeviceID, .text("4085551234")),
            (.calledDeviceID, .text("8000")),
            (.trunkNumber, .number(7)),
            (.dnis, .text("8000")),
        ])
        let decoded = try Self.roundTrip(built, fixture)
        #expect(decoded[.connectionCallID] == .number(0x1234))
        #expect(decoded[.skillGroupID] == .number(5001))
        #expect(decoded[.localConnectionState] == .number(2))
        #expect(decoded[.callingDeviceID] == .text("4085551234"))
    }

    @Test("CALL_ESTABLISHED_EVENT")
    func callEstablishedEvent() throws {
        let fixture = Hex.buffer("""
            00 00 00 64  00 00 00 0a                 // MHDR: MessageLength 100 (50 + 50), MessageType 10
            00 00 00 00                              // @0  MonitorID 0
            00 00 13 88                              // @4  PeripheralID 5000
            00 11                                    // @8  PeripheralType 17
            00 00                                    // @10 ConnectionDeviceIDType 0
            00 00 12 34                              // @12 ConnectionCallID 0x1234
            00 00                                    // @16 LineHandle 0
            00 00                                    // @18 LineType 0
            ff ff ff ff                              // @20 ServiceNumber NULL_SERVICE
            ff ff ff ff                              // @24 ServiceID NULL_SERVICE
            00 00 00 65                              // @28 SkillGroupNumber 101
            00 00 13 89                              // @32 SkillGroupID 5001
            00 00                                    // @36 SkillGroupPriority 0
            00 00                                    // @38 AnsweringDeviceType 0
            00 00                                    // @40 CallingDeviceType 0
            00 00                                    // @42 CalledDeviceType 0
            ff ff                                    // @44 LastRedirectDeviceType DEVID_NONE
            00 03                                    // @46 LocalConnectionState 3 LCS_CONNECT
            00 16                                    // @48 EventCause 22 CEC_NEW_CALL
            00 19 00 05  31 30 30 31 00                      // ConnectionDeviceID (tag 25, len 5) "1001"      9
            00 1e 00 05  31 30 30 31 00                      // AnsweringDeviceID (tag 30, len 5) "1001"       9
            00 1b 00 0b  34 30 38 35 35 35 31 32 33 34 00    // CallingDeviceID (tag 27, len 11)              15
            00 1c 00 05  38 30 30 30 00                      // CalledDeviceID (tag 28, len 5) "8000"          9
            00 7a 00 04  00 00 00 03                         // TrunkGroupNumber (tag 122, len 4) 3            8
            """)
        let built = try Self.build("CALL_ESTABLISHED_EVENT", [
            (.peripheralID, .number(5000)),
            (.peripheralType, .number(17)),
            (.connectionCallID, .number(0x1234)),
            (.serviceNumber, .number(0xFFFF_FFFF)),
            (.serviceID, .number(0xFFFF_FFFF)),
            (.skillGroupNumber, .number(101)),
            (.skillGroupID, .number(5001)),
            (.lastRedirectDeviceType, .number(0xFFFF)),
            (.localConnectionState, .number(3)),
            (.eventCause, .number(22)),
            (.connectionDeviceID, .text("1001")),
            (.answeringDeviceID, .text("1001")),
            (.callingDeviceID, .text("4085551234")),
            (.calledDeviceID, .text("8000")),
            (.trunkGroupNumber, .number(3)),
        ])
        let decoded = try Self.roundTrip(built, fixture)
        #expect(decoded[.connectionCallID] == .number(0x1234))
        #expect(decoded[.lastRedirectDeviceType] == .number(0xFFFF))
        #expect(decoded[.answeringDeviceID] == .text("1001"))
        #expect(decoded[.trunkGroupNumber] == .number(3))
    }

    @Test("CALL_CLEARED_EVENT")
    func callClearedEvent() throws {
        let fixture = Hex.buffer("""
            00 00 00 1d  00 00 00 0d                 // MHDR: MessageLength 29 (20 + 9), MessageType 13
            00 00 00 00                              // @0  MonitorID 0
            00 00 13 88                              // @4  PeripheralID 5000
            00 11                                    // @8  PeripheralType 17
            00 00                                    // @10 ConnectionDeviceIDType 0
            00 00 12 34                              // @12 ConnectionCallID 0x1234
            00 00                                    // @16 LocalConnectionState 0 LCS_NULL
            ff ff                                    // @18 EventCause CEC_NONE
            00 19 00 05  31 30 30 31 00              // ConnectionDeviceID (tag 25, len 5) "1001"      9
            """)
        let built = try Self.build("CALL_CLEARED_EVENT", [
            (.peripheralID, .number(5000)),
            (.peripheralType, .number(17)),
            (.connectionCallID, .number(0x1234)),
            (.eventCause, .number(0xFFFF)),
            (.connectionDeviceID, .text("1001")),
        ])
        let decoded = try Self.roundTrip(built, fixture)
        #expect(decoded[.connectionCallID] == .number(0x1234))
        #expect(decoded[.eventCause] == .number(0xFFFF))
        #expect(decoded[.connectionDeviceID] == .text("1001"))
    }

    @Test("END_CALL_EVENT")
    func endCallEvent() throws {
        let fixture = Hex.buffer("""
            00 00 00 19  00 00 00 18                 // MHDR: MessageLength 25 (16 + 9), MessageType 24
            00 00 00 00                              // @0  MonitorID 0
            00 00 13 88                              // @4  PeripheralID 5000
            00 11                                    // @8  PeripheralType 17
            00 00                                    // @10 ConnectionDeviceIDType 0
            00 00 12 34                              // @12 ConnectionCallID 0x1234
            00 19 00 05  31 30 30 31 00              // ConnectionDeviceID (tag 25, len 5) "1001"      9
            """)
        let built = try Self.build("END_CALL_EVENT", [
            (.peripheralID, .number(5000)),
            (.peripheralType, .number(17)),
            (.connectionCallID, .number(0x1234)),
            (.connectionDeviceID, .text("1001")),
        ])
        let decoded = try Self.roundTrip(built, fixture)
        #expect(decoded[.peripheralID] == .number(5000))
        #expect(decoded[.connectionCallID] == .number(0x1234))
        #expect(decoded[.connectionDeviceID] == .text("1001"))
    }

    /// AGENT_STATE_EVENT body with CTIClientSignature under `signatureTag` (canonical 3, alias 23).
    private static func agentStateEventFixture(signatureTag: String) -> ByteBuffer {
        Hex.buffer("""
            00 00 00 6d  00 00 00 1e                 // MHDR: MessageLength 109 (62 + 47), MessageType 30
            00 00 00 00                              // @0  MonitorID 0
            00 00 13 88                              // @4  PeripheralID 5000
            00 00 00 2a                              // @8  SessionID 42
            00 11                                    // @12 PeripheralType 17
            00 03                                    // @14 SkillGroupState 3 AVAILABLE
            00 00 00 00                              // @16 StateDuration 0
            00 00 00 65                              // @20 SkillGroupNumber 101
            00 00 13 89                              // @24 SkillGroupID 5001
            00 00                                    // @28 SkillGroupPriority 0
            00 03                                    // @30 AgentState 3 AVAILABLE
            00 00                                    // @32 EventReasonCode 0
            00 00 00 01                              // @34 MRDID 1
            00 00 00 00                              // @38 NumTasks 0
            00 01                                    // @42 AgentMode 1 ROUTABLE
            00 00 00 01                              // @44 MaxTaskLimit 1
            00 00 13 8a                              // @48 ICMAgentID 5002
            00 00 00 01                              // @52 AgentAvailabilityStatus 1
            00 00                                    // @56 NumFltSkillGroups 0
            ff ff ff ff                              // @58 DepartmentID -1
            \(signatureTag) 00 08  63 74 69 75 73 65 72 00   // CTIClientSignature (tag 3 / 23, len 8)  12
            00 05 00 05  35 30 30 31 00              // AgentID (tag 5, len 5) "5001"                  9
            00 04 00 05  31 30 30 31 00              // AgentExtension (tag 4, len 5) "1001"           9
            00 06 00 05  31 30 30 31 00              // AgentInstrument (tag 6, len 5) "1001"          9
            00 f4 00 04  00 00 00 01                 // Direction (tag 244, len 4) 1 In                8
            """)
    }

    private static func makeAgentStateEvent() throws -> MessageFields {
        try build("AGENT_STATE_EVENT", [
            (.peripheralID, .number(5000)),
            (.sessionID, .number(42)),
            (.peripheralType, .number(17)),
            (.skillGroupState, .number(3)),
            (.skillGroupNumber, .number(101)),
            (.skillGroupID, .number(5001)),
            (.agentState, .number(3)),
            (.mrdid, .number(1)),
            (.agentMode, .number(1)),
            (.maxTaskLimit, .number(1)),
            (.icmAgentID, .number(5002)),
            (.agentAvailabilityStatus, .number(1)),
            (.departmentID, .int(-1)),
            (.ctiClientSignature, .text("ctiuser")),
            (.agentID, .text("5001")),
            (.agentExtension, .text("1001")),
            (.agentInstrument, .text("1001")),
            (.direction, .number(1)),
        ])
    }

    @Test("AGENT_STATE_EVENT: CTIClientSignature encoded with tag 3 (ERRATA)")
    func agentStateEvent() throws {
        let fixture = Self.agentStateEventFixture(signatureTag: "00 03")
        let built = try Self.makeAgentStateEvent()
        let decoded = try Self.roundTrip(built, fixture)
        #expect(decoded[.agentState] == .number(3))
        #expect(decoded[.icmAgentID] == .number(5002))
        #expect(decoded[.departmentID] == .int(-1))
        #expect(decoded[.ctiClientSignature] == .text("ctiuser"))
        #expect(decoded.fields?.floating.first?.tag == 3)
    }

    @Test("AGENT_STATE_EVENT: signature under tag 23 decodes leniently and re-encodes with tag 3")
    func agentStateEventAliasedSignature() throws {
        let aliased = Self.agentStateEventFixture(signatureTag: "00 17")
        let canonical = Self.agentStateEventFixture(signatureTag: "00 03")
        let decoded = try Self.decode(aliased)
        #expect(decoded.notes == [.aliasedTag(field: "CTIClientSignature", received: 23, canonical: 3)])
        #expect(decoded[.ctiClientSignature] == .text("ctiuser"))
        #expect(decoded.floating.first?.tag == 3)
        var expected = try Self.makeAgentStateEvent()
        expected.notes = decoded.notes
        #expect(decoded == expected)
        #expect(Hex.string(try Self.encode(decoded)) == Hex.string(canonical))
    }

    // MARK: - Client Control

    @Test("MAKE_CALL_REQ with CallVariable1, a NamedVariable and a NamedArray")
    func makeCallRequest() throws {
        let fixture = Hex.buffer("""
            00 00 00 63  00 00 00 38                 // MHDR: MessageLength 99 (32 + 67), MessageType 56
            00 00 00 07                              // @0  InvokeID 7
            00 00 13 88                              // @4  PeripheralID 5000
            00 00                                    // @8  CallPlacementType 0
            00 00                                    // @10 CallMannerType 0
            00 00                                    // @12 AlertRings 0
            00 00                                    // @14 CallOption 0
            00 00                                    // @16 FacilityType 0
            00 00                                    // @18 AnsweringMachine 0
            00 00                                    // @20 Priority FALSE
            00 00                                    // @22 PostRoute FALSE
            00 01                                    // @24 NumNamedVariables 1
            00 01                                    // @26 NumNamedArrays 1
            ff ff ff ff                              // @28 SkillGroupNumber NULL_SKILL_GROUP
            00 06 00 05  31 30 30 31 00                          // AgentInstrument (tag 6, len 5) "1001"        9
            00 0b 00 0b  39 30 30 35 35 35 31 32 33 34 00        // DialedNumber (tag 11, len 11) "9005551234"  15
            00 0d 00 08  61 63 63 74 3d 34 32 00                 // CallVariable1 (tag 13, len 8) "acct=42"     12
            00 52 00 0b  75 73 65 72 2e 78 00  61 62 63 00       // NamedVariable (tag 82, len 11) user.x="abc" 15
            00 53 00 0c  02  75 73 65 72 2e 61 72 72 00  76 00   // NamedArray (tag 83, len 12) user.arr[2]="v" 16
            """)
        let built = try Self.build("MAKE_CALL_REQ", [
            (.invokeID, .number(7)),
            (.peripheralID, .number(5000)),
            (.numNamedVariables, .number(1)),
            (.numNamedArrays, .number(1)),
            (.skillGroupNumber, .number(0xFFFF_FFFF)),
            (.agentInstrument, .text("1001")),
            (.dialedNumber, .text("9005551234")),
            (.callVariable1, .text("acct=42")),
            (.namedVariable, .namedVariable(name: "user.x", value: "abc")),
            (.namedArray, .namedArray(index: 2, name: "user.arr", value: "v")),
        ])
        let decoded = try Self.roundTrip(built, fixture)
        #expect(decoded[.dialedNumber] == .text("9005551234"))
        #expect(decoded[.skillGroupNumber] == .int(-1))
        #expect(decoded[.namedArray] == .namedArray(index: 2, name: "user.arr", value: "v"))
    }

    @Test("MAKE_CALL_CONF")
    func makeCallConfirmation() throws {
        let fixture = Hex.buffer("""
            00 00 00 17  00 00 00 39                 // MHDR: MessageLength 23 (14 + 9), MessageType 57
            00 00 00 07                              // @0  InvokeID 7
            00 00 12 35                              // @4  NewConnectionCallID 0x1235
            00 00                                    // @8  NewConnectionDeviceIDType 0
            00 01                                    // @10 LineHandle 1
            00 07                                    // @12 LineType 7 OUTBOUND
            00 2f 00 05  31 30 30 31 00              // NewConnectionDeviceID (tag 47, len 5) "1001"   9
            """)
        let built = try Self.build("MAKE_CALL_CONF", [
            (.invokeID, .number(7)),
            (.newConnectionCallID, .number(0x1235)),
            (.lineHandle, .number(1)),
            (.lineType, .number(7)),
            (.newConnectionDeviceID, .text("1001")),
        ])
        let decoded = try Self.roundTrip(built, fixture)
        #expect(decoded[.newConnectionCallID] == .number(0x1235))
        #expect(decoded[.lineType] == .number(7))
        #expect(decoded[.newConnectionDeviceID] == .text("1001"))
    }

    /// CLEAR_CONNECTION_REQ in canonical form (ERRATA: 14-byte fixed part, RequestingDeviceIDType
    /// as floating tag 220). Tag 220 is placed first: that is where the decoder puts the value it
    /// moves out of a guide-style fixed part, so both tests share this fixture.
    private static let clearConnectionCanonical = Hex.buffer("""
        00 00 00 26  00 00 00 2e                 // MHDR: MessageLength 38 (14 + 24), MessageType 46
        00 00 00 08                              // @0  InvokeID 8
        00 00 13 88                              // @4  PeripheralID 5000
        00 00 12 34                              // @8  ConnectionCallID 0x1234
        00 00                                    // @12 ConnectionDeviceIDType 0
        00 dc 00 02  00 4c                       // RequestingDeviceIDType (tag 220, len 2) 76 DEVID_AGENT_DEVICE  6
        00 19 00 05  31 30 30 31 00              // ConnectionDeviceID (tag 25, len 5) "1001"                      9
        00 db 00 05  31 30 30 31 00              // RequestingDeviceID (tag 219, len 5) "1001"                     9
        """)

    private static func makeClearConnectionRequest() throws -> MessageFields {
        try build("CLEAR_CONNECTION_REQ", [
            (.invokeID, .number(8)),
            (.peripheralID, .number(5000)),
            (.connectionCallID, .number(0x1234)),
            (.requestingDeviceIDType, .number(76)),
            (.connectionDeviceID, .text("1001")),
            (.requestingDeviceID, .text("1001")),
        ])
    }

    @Test("CLEAR_CONNECTION_REQ: 14-byte fixed part, RequestingDeviceIDType floating (ERRATA)")
    func clearConnectionRequest() throws {
        let built = try Self.makeClearConnectionRequest()
        #expect(built.descriptor.fixedSize == 14)
        let decoded = try Self.roundTrip(built, Self.clearConnectionCanonical)
        #expect(decoded[.connectionCallID] == .number(0x1234))
        #expect(decoded[.requestingDeviceIDType] == .number(76))
        #expect(decoded[.connectionDeviceID] == .text("1001"))
    }

    @Test("CLEAR_CONNECTION_REQ: 16-byte guide-style fixed part decodes and re-encodes canonically")
    func clearConnectionRequestGuideForm() throws {
        let guideForm = Hex.buffer("""
            00 00 00 22  00 00 00 2e                 // MHDR: MessageLength 34 (16 + 18), MessageType 46
            00 00 00 08                              // @0  InvokeID 8
            00 00 13 88                              // @4  PeripheralID 5000
            00 00 12 34                              // @8  ConnectionCallID 0x1234
            00 00                                    // @12 ConnectionDeviceIDType 0
            00 4c                                    // @14 RequestingDeviceIDType 76 (guide's fixed field)
            00 19 00 05  31 30 30 31 00              // ConnectionDeviceID (tag 25, len 5) "1001"      9
            00 db 00 05  31 30 30 31 00              // RequestingDeviceID (tag 219, len 5) "1001"     9
            """)
        let decoded = try Self.decode(guideForm)
        #expect(decoded.alternateLayout == nil)
        #expect(decoded.fixed.count == 4)
        #expect(decoded[.invokeID] == .number(8))
        #expect(decoded[.connectionCallID] == .number(0x1234))
        #expect(decoded[.requestingDeviceIDType] == .number(76))
        #expect(decoded.floating.map(\.tag) == [220, 25, 219])
        #expect(decoded.notes.count == 1)
        #expect(decoded.notes.allSatisfy(Self.isAlternateLayoutNote))
        var expected = try Self.makeClearConnectionRequest()
        expected.notes = decoded.notes
        #expect(decoded == expected)
        #expect(Hex.string(try Self.encode(decoded)) == Hex.string(Self.clearConnectionCanonical))
    }

    @Test("SET_AGENT_STATE_REQ: login with password and one skill group (UCHAR ForcedFlag, unaligned UINT)")
    func setAgentStateRequest() throws {
        let fixture = Hex.buffer("""
            00 00 00 40  00 00 00 26                 // MHDR: MessageLength 64 (21 + 43), MessageType 38
            00 00 00 04                              // @0  InvokeID 4
            00 00 13 88                              // @4  PeripheralID 5000
            00 00                                    // @8  AgentState 0 LOGIN
            00 00                                    // @10 AgentWorkMode 0 AWM_UNSPECIFIED
            00 01                                    // @12 NumSkillGroups 1
            00 00                                    // @14 EventReasonCode 0
            01                                       // @16 ForcedFlag 1 (UCHAR)
            00 00 00 01                              // @17 AgentServiceReq OUTBOUND_SUPPORT
            00 06 00 05  31 30 30 31 00              // AgentInstrument (tag 6, len 5) "1001"          9
            00 05 00 05  35 30 30 31 00              // AgentID (tag 5, len 5) "5001"                  9
            00 31 00 07  73 65 63 72 65 74 00        // AgentPassword (tag 49, len 7) "secret"        11
            00 3e 00 04  00 00 00 65                 // SkillGroupNumber (tag 62, len 4) 101           8
            00 40 00 02  00 01                       // SkillGroupPriority (tag 64, len 2) 1           6
            """)
        let built = try Self.build("SET_AGENT_STATE_REQ", [
            (.invokeID, .number(4)),
            (.peripheralID, .number(5000)),
            (.agentState, .number(0)),
            (.numSkillGroups, .number(1)),
            (.forcedFlag, .number(1)),
            (.agentServiceReq, .number(1)),
            (.agentInstrument, .text("1001")),
            (.agentID, .text("5001")),
            (.agentPassword, .text("secret")),
            (.skillGroupNumber, .number(101)),
            (.skillGroupPriority, .number(1)),
        ])
        let decoded = try Self.roundTrip(built, fixture)
        #expect(decoded[.forcedFlag] == .number(1))
        #expect(decoded[.agentServiceReq] == .number(1))
        #expect(decoded[.agentPassword] == .text("secret"))
        #expect(decoded[.skillGroupNumber] == .number(101))
    }

    @Test("CONTROL_FAILURE_CONF")
    func controlFailureConfirmation() throws {
        let fixture = Hex.buffer("""
            00 00 00 0a  00 00 00 23                 // MHDR: MessageLength 10, MessageType 35
            00 00 00 07                              // @0 InvokeID 7
            00 46                                    // @4 FailureCode 70 CF_GENERIC_UNSPECIFIED_REJECTION (USHORT)
            00 00 0b b8                              // @6 PeripheralErrorCode 3000
            """)
        let built = try Self.build("CONTROL_FAILURE_CONF", [
            (.invokeID, .number(7)),
            (.failureCode, .number(70)),
            (.peripheralErrorCode, .number(3000)),
        ])
        let decoded = try Self.roundTrip(built, fixture)
        #expect(decoded[.invokeID] == .number(7))
        #expect(decoded[.failureCode] == .number(70))
        #expect(decoded[.peripheralErrorCode] == .number(3000))
    }
}

extension FixtureTests {
    /// A guide-style frame whose 16-byte reading is the only one that fits the layout, but whose
    /// bytes ALSO parse under the 14-byte layout with only known tags: RequestingDeviceIDType 76
    /// (DEVID_AGENT_DEVICE) and the next tag 25's header read as tag 76 (MONITORED_DEVID_TAG) with
    /// length 0x0019, which happens to end exactly where AgentInstrument starts. ERRATA says the
    /// decoder accepts both lengths; the 14-byte reading loses ConnectionDeviceID (required) and
    /// invents a MonitoredDeviceID that CLEAR_CONNECTION_REQ does not carry, so the 16-byte one
    /// must win.
    @Test("CLEAR_CONNECTION_REQ: guide-style frame that also parses under the 14-byte layout")
    func clearConnectionRequestGuideFormAmbiguous() throws {
        let guideForm = Hex.buffer("""
            00 00 00 33  00 00 00 2e                 // MHDR: MessageLength 51 (16 + 35), MessageType 46
            00 00 00 08                              // @0  InvokeID 8
            00 00 13 88                              // @4  PeripheralID 5000
            00 00 12 34                              // @8  ConnectionCallID 0x1234
            00 00                                    // @12 ConnectionDeviceIDType 0
            00 4c                                    // @14 RequestingDeviceIDType 76 (guide's fixed field)
            00 19 00 05  31 30 30 31 00                                 // ConnectionDeviceID (tag 25, len 5) "1001"   9
            00 db 00 0e  31 32 33 34 35 36 37 38 39 30 31 32 33 00      // RequestingDeviceID (tag 219, len 14)       18
            00 06 00 04  31 30 30 00                                    // AgentInstrument (tag 6, len 4) "100"        8
            """)
        let canonical = Hex.buffer("""
            00 00 00 37  00 00 00 2e                 // MHDR: MessageLength 55 (14 + 41), MessageType 46
            00 00 00 08  00 00 13 88  00 00 12 34  00 00                // InvokeID, PeripheralID, ConnectionCallID, ConnectionDeviceIDType
            00 dc 00 02  00 4c                                          // RequestingDeviceIDType (tag 220, len 2) 76   6
            00 19 00 05  31 30 30 31 00                                 // ConnectionDeviceID (tag 25, len 5) "1001"   9
            00 db 00 0e  31 32 33 34 35 36 37 38 39 30 31 32 33 00      // RequestingDeviceID (tag 219, len 14)       18
            00 06 00 04  31 30 30 00                                    // AgentInstrument (tag 6, len 4) "100"        8
            """)
        let decoded = try Self.decode(guideForm)
        #expect(decoded[.connectionDeviceID] == .text("1001"))
        #expect(decoded[.requestingDeviceIDType] == .number(76))
        #expect(decoded[.requestingDeviceID] == .text("1234567890123"))
        #expect(decoded.floating.map(\.tag) == [220, 25, 219, 6])
        #expect(!decoded.notes.contains(.missingRequired(field: "ConnectionDeviceID")), "notes: \(decoded.notes)")
        #expect(Hex.string(try Self.encode(decoded)) == Hex.string(canonical))
    }
}
