import NIOCore
import Testing
@testable import CTIProtocol

// Byte-exact fixtures for the layouts that differ between protocol versions 20 and 25 (issue 20).
//
// Like FixtureTests, every fixture was computed BY HAND, here from spec/protocol-versions.md §2 (the
// per-version layout table) and the sources it cites, not from the encoder's output. Each test names
// its sources by the keys of spec/protocol-versions.json `sources`:
//   [PV24-CHANGES]   PV24 guide, "Changes and Additions" (one list per version, 24 back to 20)
//   [PV25-CHANGES]   PV25 guide, "Changes and Additions"
//   [UCCE-CTIDRIVER] nshimaza/ucce-ctidriver, a protocol 20 codec (MessageRec.hs: OpenReqR,
//                    OpenConfR, AgentStateEventR)
//   [CTM]            cmhxone/ctm, a protocol 24 codec (session/open_conf.hpp, message/agent_state_event.hpp)
//   messages.json    the baseline, protocol 25 (/work/shared/spec)
//
// Conventions as in FixtureTests (wire-format.md): MHDR = MessageLength (UINT, body bytes) +
// MessageType (UINT); numbers big-endian; BOOL 2 bytes; from protocol 20 on a floating field is tag
// USHORT + length USHORT + data; STRING data includes its NUL.
//
// Values used repeatedly:
//   PeripheralID 5000 = 00 00 13 88      ICMCentralControllerTime 0x6553F100 = 65 53 f1 00
//   "5001" = 35 30 30 31 00 (5)   "1001" = 31 30 30 31 00 (5)   "8000" = 38 30 30 30 00 (5)
//   "ctiuser" = 63 74 69 75 73 65 72 00 (8)   "SEP001" = 53 45 50 30 30 31 00 (7)
//   "4085551234" = 34 30 38 35 35 35 31 32 33 34 00 (11)
//   "0f1e2d3c" = 30 66 31 65 32 64 33 63 00 (9)   "ccai1" = 63 63 61 69 31 00 (6)
//   RouterCallKeyDay 150000 = 00 02 49 f0         RouterCallKeyCallID 12345678 = 00 bc 61 4e
//   tags: 266 MaxBeyondTaskLimit = 01 0a, 294 ProtocolReferenceGUID = 01 26, 303 ActiveTerminal = 01 2f,
//         309 FltEnabledServices = 01 35, 310 NumOfEnabledServices = 01 36, 311 CcaiConfigId = 01 37

@Suite("VersionFixtureTests")
struct VersionFixtureTests {
    // MARK: - Helpers

    private static func version(_ number: UInt32, sourceLocation: SourceLocation = #_sourceLocation) throws -> ProtocolVersion {
        try #require(ProtocolVersion(number), "protocol \(number) is not supported", sourceLocation: sourceLocation)
    }

    /// A message of the named type in protocol `version`'s layout, with the given fields set in
    /// order (fixed fields by position, floating fields in the order given).
    private static func build(_ name: String, version: UInt32, _ values: [(Field, FieldValue)]) throws -> MessageFields {
        var fields = try MessageFields(named: name, catalog: MessageCatalog.standard.forVersion(version))
        for (field, value) in values { try fields.set(field, value) }
        return fields
    }

    /// The fixture as one frame, cut by the frame decoder: its MessageLength must cover exactly the body.
    private static func frame(_ fixture: ByteBuffer, sourceLocation: SourceLocation = #_sourceLocation) throws -> CTIFrame {
        var stream = fixture
        var framer = CTIFrameDecoder()
        let frame = try #require(try framer.decode(buffer: &stream), "fixture shorter than its MessageLength", sourceLocation: sourceLocation)
        #expect(stream.readableBytes == 0, "fixture longer than its MessageLength", sourceLocation: sourceLocation)
        return frame
    }

    /// At protocol `version`: (1) encoding `built` gives exactly `fixture`; (2) decoding `fixture`
    /// gives `built` back, in the version's layout, with no notes.
    private static func roundTrip(_ built: MessageFields, _ fixture: ByteBuffer, version number: UInt32,
                                  sourceLocation: SourceLocation = #_sourceLocation) throws {
        let version = try Self.version(number, sourceLocation: sourceLocation)
        let encoded = try CTIMessageEncoder(version: version).encode(.fields(built))
        #expect(Hex.string(encoded) == Hex.string(fixture), "protocol \(number): encoder output vs. hand-computed fixture",
                sourceLocation: sourceLocation)
        let decoded = try CTIMessageDecoder(version: version).decode(frame(fixture, sourceLocation: sourceLocation))
        let fields = try #require(decoded.fields, "protocol \(number): decoded to \(decoded)", sourceLocation: sourceLocation)
        #expect(fields.descriptor === MessageCatalog.standard.forVersion(number).descriptor(type: built.descriptor.typeID),
                "protocol \(number): decoded in another version's layout", sourceLocation: sourceLocation)
        #expect(fields == built, "protocol \(number): decoded fixture vs. built message", sourceLocation: sourceLocation)
        #expect(fields.notes.isEmpty, "protocol \(number): notes \(fields.notes)", sourceLocation: sourceLocation)
    }

    /// What encoding `fields` at protocol `version` throws (`nil` when it encodes).
    private static func encodeError(_ fields: MessageFields, version number: UInt32) throws -> CTIEncodeError? {
        let encoder = CTIMessageEncoder(version: try Self.version(number))
        do {
            _ = try encoder.encode(.fields(fields))
            return nil
        } catch {
            return error
        }
    }

    /// The fixed size of a message's layout in protocol `version`.
    private static func fixedSize(_ name: String, version: UInt32) throws -> Int {
        try #require(MessageCatalog.standard.forVersion(version).descriptor(named: name)).fixedSize
    }

    // MARK: - OPEN_REQ

    /// Sources: [UCCE-CTIDRIVER] OpenReqR (protocol 20: eleven UINTs, InvokeID .. Reserved3) = [CTM]
    /// session/open_req.hpp (24) = messages.json (25); [PV24-CHANGES] 'Protocol Version 20' changes no
    /// OPEN_REQ field, 'Protocol Version 24' adds only the floating UniqueInstanceID.
    @Test("OPEN_REQ at 20: the 44-byte fixed part of 25 with VersionNumber 20 ([UCCE-CTIDRIVER] OpenReqR, [PV24-CHANGES])")
    func openRequestAt20() throws {
        // [UCCE-CTIDRIVER] OpenReqR: the same 44 bytes as messages.json (25) and [CTM] (24).
        let fixture = Hex.buffer("""
            00 00 00 3c  00 00 00 03                 // MHDR: MessageLength 60 (44 fixed + 12 + 4), MessageType 3
            00 00 00 01                              // @0  InvokeID 1
            00 00 00 14                              // @4  VersionNumber 20
            00 00 00 78                              // @8  IdleTimeout 120
            ff ff ff ff                              // @12 PeripheralID NULL_PERIPHERAL_ID
            00 00 00 14                              // @16 ServicesRequested ALL_EVENTS|CLIENT_CONTROL
            00 00 00 00                              // @20 CallMsgMask
            00 00 00 00                              // @24 AgentStateMask
            00 00 00 00                              // @28 ConfigMsgMask
            00 00 00 00                              // @32 Reserved1
            00 00 00 00                              // @36 Reserved2
            00 00 00 00                              // @40 Reserved3
            00 01 00 08  63 74 69 75 73 65 72 00     // ClientID (tag 1, len 8) "ctiuser"
            00 02 00 00                              // ClientPassword (tag 2, len 0) empty
            """)
        let built = try Self.build("OPEN_REQ", version: 20, [
            (.invokeID, .number(1)),
            (.versionNumber, .number(20)),
            (.idleTimeout, .number(120)),
            (.peripheralID, .number(0xFFFF_FFFF)),
            (.servicesRequested, .number(0x14)),
            (.clientID, .text("ctiuser")),
            (.clientPassword, .bytes(ByteBuffer())),
        ])
        for version: UInt32 in 20...25 { #expect(try Self.fixedSize("OPEN_REQ", version: version) == 44, "protocol \(version)") }
        try Self.roundTrip(built, fixture, version: 20)
        #expect(built[.versionNumber] == .number(20))
    }

    // MARK: - OPEN_CONF

    /// OPEN_CONF before protocol 24: 30 bytes, ending at DepartmentID.
    private static let openConfirmation23 = Hex.buffer("""
        00 00 00 3b  00 00 00 04                 // MHDR: MessageLength 59 (30 + 29), MessageType 4
        00 00 00 02                              // @0  InvokeID 2
        00 00 00 05                              // @4  ServicesGranted CLIENT_EVENTS|CLIENT_CONTROL
        00 00 00 00                              // @8  MonitorID 0
        00 00 00 00                              // @12 PGStatus 0
        65 53 f1 00                              // @16 ICMCentralControllerTime 0x6553F100
        00 01                                    // @20 PeripheralOnline TRUE
        00 11                                    // @22 PeripheralType 17 PT_ENTERPRISE_AGENT
        00 02                                    // @24 AgentState 2 NOT_READY
        ff ff ff ff                              // @26 DepartmentID -1 (last fixed field before 24)
        00 05 00 05  35 30 30 31 00              // AgentID (tag 5, len 5) "5001"                   9
        00 e4 00 02  00 01                       // NumPeripherals (tag 228, len 2) 1               6
        00 d0 00 04  00 00 13 88                 // FltPeripheralID (tag 208, len 4) 5000           8
        00 e0 00 02  00 01                       // MultilineAgentControl (tag 224, len 2) 1        6
        """)

    /// OPEN_CONF from protocol 24: 32 bytes, SessionType appended after DepartmentID.
    private static let openConfirmation24 = Hex.buffer("""
        00 00 00 3d  00 00 00 04                 // MHDR: MessageLength 61 (32 + 29), MessageType 4
        00 00 00 02                              // @0  InvokeID 2
        00 00 00 05                              // @4  ServicesGranted CLIENT_EVENTS|CLIENT_CONTROL
        00 00 00 00                              // @8  MonitorID 0
        00 00 00 00                              // @12 PGStatus 0
        65 53 f1 00                              // @16 ICMCentralControllerTime 0x6553F100
        00 01                                    // @20 PeripheralOnline TRUE
        00 11                                    // @22 PeripheralType 17 PT_ENTERPRISE_AGENT
        00 02                                    // @24 AgentState 2 NOT_READY
        ff ff ff ff                              // @26 DepartmentID -1
        00 01                                    // @30 SessionType 1 ACTIVE (new in 24)
        00 05 00 05  35 30 30 31 00              // AgentID (tag 5, len 5) "5001"                   9
        00 e4 00 02  00 01                       // NumPeripherals (tag 228, len 2) 1               6
        00 d0 00 04  00 00 13 88                 // FltPeripheralID (tag 208, len 4) 5000           8
        00 e0 00 02  00 01                       // MultilineAgentControl (tag 224, len 2) 1        6
        """)

    /// The OPEN_CONF of the fixtures in `version`'s layout; SessionType only where given.
    private static func openConfirmation(version: UInt32, sessionType: UInt32? = nil) throws -> MessageFields {
        var values: [(Field, FieldValue)] = [
            (.invokeID, .number(2)),
            (.servicesGranted, .number(0x05)),
            (.icmCentralControllerTime, .number(0x6553_F100)),
            (.peripheralOnline, .number(1)),
            (.peripheralType, .number(17)),
            (.agentState, .number(2)),
            (.departmentID, .int(-1)),
        ]
        if let sessionType { values.append((.sessionType, .number(sessionType))) }
        var fields = try build("OPEN_CONF", version: version, values + [(.agentID, .text("5001")), (.numPeripherals, .number(1))])
        try fields.append(.fltPeripheralID, .number(5000))
        try fields.append(.multilineAgentControl, .number(1))
        return fields
    }

    /// Sources: [UCCE-CTIDRIVER] OpenConfR (protocol 20) ends at DepartmentID: 30 bytes;
    /// [PV24-CHANGES] 'Protocol Version 24': 'Updated OPEN_REQ and OPEN_CONF' (SessionType arrives in 24).
    @Test("OPEN_CONF at 23: 30-byte fixed part without SessionType ([UCCE-CTIDRIVER] OpenConfR, [PV24-CHANGES])")
    func openConfirmationAt23() throws {
        #expect(try Self.fixedSize("OPEN_CONF", version: 23) == 30)
        let built = try Self.openConfirmation(version: 23)
        #expect(built.fixedSpecs.last?.name == "DepartmentID")
        try Self.roundTrip(built, Self.openConfirmation23, version: 23)
    }

    /// Sources: [CTM] session/open_conf.hpp (protocol 24) reads SessionType USHORT after DepartmentID:
    /// 32 bytes; messages.json (25) the same; [PV24-CHANGES] 'Protocol Version 24': 'Updated OPEN_REQ and OPEN_CONF'.
    @Test("OPEN_CONF at 24 and 25: 32-byte fixed part ending in SessionType ([CTM] open_conf.hpp, messages.json, [PV24-CHANGES])",
          arguments: [UInt32(24), 25])
    func openConfirmationFrom24(version: UInt32) throws {
        #expect(try Self.fixedSize("OPEN_CONF", version: version) == 32)
        try Self.roundTrip(try Self.openConfirmation(version: version, sessionType: 1), Self.openConfirmation24, version: version)
    }

    /// Sources: [UCCE-CTIDRIVER] OpenConfR (30 bytes at 20) and [CTM] open_conf.hpp (32 bytes at 24).
    @Test("OPEN_CONF built in the 25 layout encodes at 23 in the 30-byte form; SessionType 1 is refused ([UCCE-CTIDRIVER], [CTM])")
    func openConfirmationBuiltAt25EncodedAt23() throws {
        // SessionType 0 (UNKNOWN, what a server below 24 cannot say otherwise) and "none" are left out.
        for sessionType: UInt32 in [0, 0xFFFF] {
            let built = try Self.openConfirmation(version: 25, sessionType: sessionType)
            #expect(built.fixedCount == 10)
            let encoded = try CTIMessageEncoder(version: try Self.version(23)).encode(.fields(built))
            #expect(Hex.string(encoded) == Hex.string(Self.openConfirmation23), "SessionType \(sessionType)")
        }
        let active = try Self.openConfirmation(version: 25, sessionType: 1)
        #expect(try Self.encodeError(active, version: 23) == .notInVersion("OPEN_CONF.SessionType", arrivedIn: 24, version: 23))
        #expect(try Self.encodeError(active, version: 24) == nil)
    }

    /// Sources: [UCCE-CTIDRIVER] OpenConfR (30 bytes) vs. [CTM] open_conf.hpp (32 bytes): a
    /// protocol 23 reader takes the 2 bytes of SessionType for the start of the floating part.
    @Test("OPEN_CONF: the 32-byte form read by a 23 decoder is a decode error ([UCCE-CTIDRIVER], [CTM])")
    func openConfirmation32ByteFormDecodedAt23() throws {
        let decoder = CTIMessageDecoder(version: try Self.version(23))
        let frame = try Self.frame(Self.openConfirmation24)
        // @30: SessionType 00 01 + AgentID's tag 00 05 read as tag 1, length 5 (data 00 05 35 30 30);
        // @39: "1\0" of "5001" read as tag 0x3100, then NumPeripherals' tag 00 e4 as a length of 228.
        #expect(throws: CTIDecodeError(messageType: 4, messageName: "OPEN_CONF", offset: 39, tag: 0x3100, field: nil,
                                       rule: .floatingDataTruncated(length: 228, available: 18),
                                       frame: Array(Self.openConfirmation24.readableBytesView))) {
            try decoder.decode(frame)
        }
        // Without floating fields only SessionType is left after the 30 bytes: too short for a header.
        let bare = Hex.buffer("""
            00 00 00 20  00 00 00 04                 // MHDR: MessageLength 32, MessageType 4
            00 00 00 02  00 00 00 05  00 00 00 00  00 00 00 00   // InvokeID .. PGStatus
            65 53 f1 00  00 01  00 11  00 02  ff ff ff ff        // ICMCentralControllerTime .. DepartmentID
            00 01                                                // SessionType 1
            """)
        #expect(throws: CTIDecodeError(messageType: 4, messageName: "OPEN_CONF", offset: 30, tag: nil, field: nil,
                                       rule: .floatingHeaderTruncated(available: 2), frame: Array(bare.readableBytesView))) {
            try decoder.decode(try Self.frame(bare))
        }
        // A protocol 24 decoder reads both bytes as SessionType.
        let decoded = try CTIMessageDecoder(version: try Self.version(24)).decode(try Self.frame(bare))
        #expect(decoded[.sessionType] == .number(1))
        #expect(decoded.fields?.floating.isEmpty == true)
    }

    // MARK: - AGENT_STATE_EVENT

    /// The AGENT_STATE_EVENT fixed part, 62 bytes in every version 20-25.
    private static let agentStateFixedPart = """
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

        """

    /// At 21: AgentID and AgentInstrument only.
    private static let agentStateEvent21 = Hex.buffer("""
        00 00 00 50  00 00 00 1e                 // MHDR: MessageLength 80 (62 + 18), MessageType 30

        """ + agentStateFixedPart + """
        00 05 00 05  35 30 30 31 00              // AgentID (tag 5, len 5) "5001"                   9
        00 06 00 05  31 30 30 31 00              // AgentInstrument (tag 6, len 5) "1001"           9
        """)

    /// At 22 and 23: + MaxBeyondTaskLimit (tag 266).
    private static let agentStateEvent22 = Hex.buffer("""
        00 00 00 58  00 00 00 1e                 // MHDR: MessageLength 88 (62 + 26), MessageType 30

        """ + agentStateFixedPart + """
        00 05 00 05  35 30 30 31 00              // AgentID (tag 5, len 5) "5001"                   9
        00 06 00 05  31 30 30 31 00              // AgentInstrument (tag 6, len 5) "1001"           9
        01 0a 00 04  00 00 00 02                 // MaxBeyondTaskLimit (tag 266, len 4) 2           8
        """)

    /// At 24 and 25: + ActiveTerminal (tag 303).
    private static let agentStateEvent24 = Hex.buffer("""
        00 00 00 63  00 00 00 1e                 // MHDR: MessageLength 99 (62 + 37), MessageType 30

        """ + agentStateFixedPart + """
        00 05 00 05  35 30 30 31 00              // AgentID (tag 5, len 5) "5001"                   9
        01 2f 00 07  53 45 50 30 30 31 00        // ActiveTerminal (tag 303, len 7) "SEP001"       11
        00 06 00 05  31 30 30 31 00              // AgentInstrument (tag 6, len 5) "1001"           9
        01 0a 00 04  00 00 00 02                 // MaxBeyondTaskLimit (tag 266, len 4) 2           8
        """)

    /// The AGENT_STATE_EVENT of the fixtures in `version`'s layout, with the newer fields given.
    private static func agentStateEvent(version: UInt32, maxBeyondTaskLimit: Bool = false, activeTerminal: Bool = false) throws -> MessageFields {
        var floating: [(Field, FieldValue)] = [(.agentID, .text("5001"))]
        if activeTerminal { floating.append((.activeTerminal, .text("SEP001"))) }
        floating.append((.agentInstrument, .text("1001")))
        if maxBeyondTaskLimit { floating.append((.maxBeyondTaskLimit, .number(2))) }
        return try build("AGENT_STATE_EVENT", version: version, [
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
        ] + floating)
    }

    /// Sources: [UCCE-CTIDRIVER] AgentStateEventR (protocol 20): the 62-byte fixed part of
    /// messages.json; [PV24-CHANGES] 'Protocol Version 22' adds MaxBeyondTaskLimit (so not at 21).
    @Test("AGENT_STATE_EVENT at 21: 62-byte fixed part, no MaxBeyondTaskLimit ([UCCE-CTIDRIVER] AgentStateEventR, [PV24-CHANGES])")
    func agentStateEventAt21() throws {
        for version: UInt32 in 20...25 { #expect(try Self.fixedSize("AGENT_STATE_EVENT", version: version) == 62, "protocol \(version)") }
        try Self.roundTrip(try Self.agentStateEvent(version: 21), Self.agentStateEvent21, version: 21)
    }

    /// Source: [PV24-CHANGES] 'Protocol Version 22': 'Added MaxBeyondTaskLimit under AGENT_STATE_EVENT
    /// and QUERY_AGENT_STATE_CONF' (tag 266, as [CTM] agent_state_event.hpp decodes it).
    @Test("AGENT_STATE_EVENT at 22 and 23: + MaxBeyondTaskLimit tag 266 ([PV24-CHANGES] 'Protocol Version 22', [CTM])",
          arguments: [UInt32(22), 23])
    func agentStateEventFrom22(version: UInt32) throws {
        try Self.roundTrip(try Self.agentStateEvent(version: version, maxBeyondTaskLimit: true), Self.agentStateEvent22, version: version)
    }

    /// Sources: [CTM] message/agent_state_event.hpp (protocol 24) decodes tag 303 as ActiveTerminal;
    /// [FINESSE-DEVICES] device selection needs protocol 24; messages.json (25) has it.
    @Test("AGENT_STATE_EVENT at 24 and 25: + ActiveTerminal tag 303 ([CTM] agent_state_event.hpp, [FINESSE-DEVICES], messages.json)",
          arguments: [UInt32(24), 25])
    func agentStateEventFrom24(version: UInt32) throws {
        let built = try Self.agentStateEvent(version: version, maxBeyondTaskLimit: true, activeTerminal: true)
        try Self.roundTrip(built, Self.agentStateEvent24, version: version)
    }

    /// Source: [PV24-CHANGES] 'Protocol Version 22' (MaxBeyondTaskLimit is newer than 21).
    @Test("AGENT_STATE_EVENT: tag 266 decoded at 21 is kept and noted, encoding it at 21 is refused ([PV24-CHANGES] 'Protocol Version 22')")
    func maxBeyondTaskLimitAt21() throws {
        let decoded = try #require(try CTIMessageDecoder(version: try Self.version(21)).decode(try Self.frame(Self.agentStateEvent22)).fields)
        #expect(decoded.notes == [.notInVersion("AGENT_STATE_EVENT.MaxBeyondTaskLimit (tag 266)", arrivedIn: 22, version: 21)])
        #expect(decoded[.maxBeyondTaskLimit] == .number(2))
        var expected = try Self.agentStateEvent(version: 21, maxBeyondTaskLimit: true)
        expected.notes = decoded.notes
        #expect(decoded == expected)

        #expect(try Self.encodeError(expected, version: 21)
                == .notInVersion("AGENT_STATE_EVENT.MaxBeyondTaskLimit (tag 266)", arrivedIn: 22, version: 21))
        // At 23 the 24 form is kept the same way: ActiveTerminal noted, MaxBeyondTaskLimit not.
        let at23 = try #require(try CTIMessageDecoder(version: try Self.version(23)).decode(try Self.frame(Self.agentStateEvent24)).fields)
        #expect(at23.notes == [.notInVersion("AGENT_STATE_EVENT.ActiveTerminal (tag 303)", arrivedIn: 24, version: 23)])
        #expect(at23[.activeTerminal] == .text("SEP001"))
    }

    // MARK: - AGENT_PRE_CALL_EVENT

    /// The AGENT_PRE_CALL_EVENT fixed part, 34 bytes in every version 20-25.
    private static let agentPreCallFixedPart = """
        00 00 00 00                              // @0  MonitorID 0
        00 00                                    // @4  NumNamedVariables 0
        00 00                                    // @6  NumNamedArrays 0
        00 00 00 0a                              // @8  ServiceNumber 10
        00 00 13 8c                              // @12 ServiceID 5004
        00 00 00 65                              // @16 SkillGroupNumber 101
        00 00 13 89                              // @20 SkillGroupID 5001
        00 00                                    // @24 SkillGroupPriority 0
        00 00 00 01                              // @26 MRDID 1
        00 00 13 8a                              // @30 AgentSkillTargetID 5002 (since 20)

        """

    /// The floating fields every version 20-25 has.
    private static let agentPreCallFloating20 = """
        00 06 00 05  31 30 30 31 00              // AgentInstrument (tag 6, len 5) "1001"           9
        00 48 00 04  00 02 49 f0                 // RouterCallKeyDay (tag 72, len 4) 150000         8
        00 49 00 04  00 bc 61 4e                 // RouterCallKeyCallID (tag 73, len 4) 12345678    8
        00 6e 00 04  00 00 00 01                 // RouterCallKeySequenceNumber (tag 110, len 4) 1  8
        00 08 00 0b  34 30 38 35 35 35 31 32 33 34 00   // ANI (tag 8, len 11) "4085551234"    15
        00 05 00 05  35 30 30 31 00              // AgentID (tag 5, len 5) "5001" (since 20)        9

        """

    /// At 20-23.
    private static let agentPreCallEvent20 = Hex.buffer("""
        00 00 00 5b  00 00 00 69                 // MHDR: MessageLength 91 (34 + 57), MessageType 105

        """ + agentPreCallFixedPart + agentPreCallFloating20)

    /// At 24 and 25: + the agent-service fields.
    private static let agentPreCallEvent24 = Hex.buffer("""
        00 00 00 80  00 00 00 69                 // MHDR: MessageLength 128 (34 + 57 + 37), MessageType 105

        """ + agentPreCallFixedPart + agentPreCallFloating20 + """
        01 26 00 09  30 66 31 65 32 64 33 63 00  // ProtocolReferenceGUID (tag 294, len 9) "0f1e2d3c"  13
        01 36 00 02  00 02                       // NumOfEnabledServices (tag 310, len 2) 2         6
        01 35 00 04  00 01 00 02                 // FltEnabledServices (tag 309, len 4) [1, 2]      8
        01 37 00 06  63 63 61 69 31 00           // CcaiConfigId (tag 311, len 6) "ccai1"          10
        """)

    private static func agentPreCallEvent(version: UInt32, agentServices: Bool) throws -> MessageFields {
        var values: [(Field, FieldValue)] = [
            (.serviceNumber, .number(10)),
            (.serviceID, .number(5004)),
            (.skillGroupNumber, .number(101)),
            (.skillGroupID, .number(5001)),
            (.mrdid, .number(1)),
            (.agentSkillTargetID, .number(5002)),
            (.agentInstrument, .text("1001")),
            (.routerCallKeyDay, .number(150_000)),
            (.routerCallKeyCallID, .number(12_345_678)),
            (.routerCallKeySequenceNumber, .number(1)),
            (.ani, .text("4085551234")),
            (.agentID, .text("5001")),
        ]
        if agentServices {
            values += [
                (.protocolReferenceGUID, .text("0f1e2d3c")),
                (.numOfEnabledServices, .number(2)),
                (.fltEnabledServices, .numbers([1, 2])),
                (.ccaiConfigId, .text("ccai1")),
            ]
        }
        return try build("AGENT_PRE_CALL_EVENT", version: version, values)
    }

    /// Source: [PV24-CHANGES] 'Protocol Version 20': 'fixed AgentSkillTargetID and floating AgentID in
    /// AGENT_PRE_CALL_EVENT'; no later list changes the message before 24 (no public codec decodes it).
    @Test("AGENT_PRE_CALL_EVENT at 20 and 23: 34-byte fixed part with AgentSkillTargetID, floating AgentID ([PV24-CHANGES] 'Protocol Version 20')",
          arguments: [UInt32(20), 23])
    func agentPreCallEventBefore24(version: UInt32) throws {
        #expect(try Self.fixedSize("AGENT_PRE_CALL_EVENT", version: version) == 34)
        try Self.roundTrip(try Self.agentPreCallEvent(version: version, agentServices: false), Self.agentPreCallEvent20, version: version)
    }

    /// Source: [PV24-CHANGES] 'Protocol Version 24': 'Modified the existing messages: AGENT_PRE_CALL_EVENT,
    /// SNAPSHOT_CALL_CONF' and the tags FLT_ENABLED_SERVICES, NUM_OF_ENABLED_SERVICES, CCAI_CONFIG_ID;
    /// messages.json (25) for the layout.
    @Test("AGENT_PRE_CALL_EVENT at 24 and 25: + ProtocolReferenceGUID, NumOfEnabledServices, FltEnabledServices, CcaiConfigId ([PV24-CHANGES] 'Protocol Version 24', messages.json)",
          arguments: [UInt32(24), 25])
    func agentPreCallEventFrom24(version: UInt32) throws {
        #expect(try Self.fixedSize("AGENT_PRE_CALL_EVENT", version: version) == 34)
        try Self.roundTrip(try Self.agentPreCallEvent(version: version, agentServices: true), Self.agentPreCallEvent24, version: version)
    }

    /// Source: [PV24-CHANGES] 'Protocol Version 24' (the agent-service fields are newer than 23).
    @Test("AGENT_PRE_CALL_EVENT: the 24 form at 23 keeps and notes the four agent-service fields ([PV24-CHANGES] 'Protocol Version 24')")
    func agentPreCallEvent24DecodedAt23() throws {
        let decoded = try #require(try CTIMessageDecoder(version: try Self.version(23)).decode(try Self.frame(Self.agentPreCallEvent24)).fields)
        #expect(decoded.notes == [
            .notInVersion("AGENT_PRE_CALL_EVENT.ProtocolReferenceGUID (tag 294)", arrivedIn: 24, version: 23),
            .notInVersion("AGENT_PRE_CALL_EVENT.NumOfEnabledServices (tag 310)", arrivedIn: 24, version: 23),
            .notInVersion("AGENT_PRE_CALL_EVENT.FltEnabledServices (tag 309)", arrivedIn: 24, version: 23),
            .notInVersion("AGENT_PRE_CALL_EVENT.CcaiConfigId (tag 311)", arrivedIn: 24, version: 23),
        ])
        var expected = try Self.agentPreCallEvent(version: 23, agentServices: true)
        expected.notes = decoded.notes
        #expect(decoded == expected)
        #expect(try Self.encodeError(expected, version: 23)
                == .notInVersion("AGENT_PRE_CALL_EVENT.ProtocolReferenceGUID (tag 294)", arrivedIn: 24, version: 23))
    }

    // MARK: - SNAPSHOT_CALL_CONF

    /// The SNAPSHOT_CALL_CONF fixed part and the floating fields every version 20-25 has.
    private static let snapshotCallCommon = """
        00 00 00 09                              // @0  InvokeID 9
        00 01                                    // @4  CallType 1 ACD_IN
        00 00                                    // @6  NumCTIClients 0
        00 00                                    // @8  NumCallDevices 0
        00 00                                    // @10 NumNamedVariables 0
        00 00                                    // @12 NumNamedArrays 0
        00 00                                    // @14 CalledPartyDisposition 0
        00 08 00 0b  34 30 38 35 35 35 31 32 33 34 00   // ANI (tag 8, len 11) "4085551234"    15
        00 0a 00 05  38 30 30 30 00              // DNIS (tag 10, len 5) "8000"                     9
        00 48 00 04  00 02 49 f0                 // RouterCallKeyDay (tag 72, len 4) 150000         8
        00 49 00 04  00 bc 61 4e                 // RouterCallKeyCallID (tag 73, len 4) 12345678    8
        00 0d 00 05  61 63 63 74 00              // CallVariable1 (tag 13, len 5) "acct"            9

        """

    private static let snapshotCallConfirmation23 = Hex.buffer("""
        00 00 00 41  00 00 00 53                 // MHDR: MessageLength 65 (16 + 49), MessageType 83

        """ + snapshotCallCommon)

    private static let snapshotCallConfirmation24 = Hex.buffer("""
        00 00 00 66  00 00 00 53                 // MHDR: MessageLength 102 (16 + 49 + 37), MessageType 83

        """ + snapshotCallCommon + """
        01 26 00 09  30 66 31 65 32 64 33 63 00  // ProtocolReferenceGUID (tag 294, len 9) "0f1e2d3c"  13
        01 37 00 06  63 63 61 69 31 00           // CcaiConfigId (tag 311, len 6) "ccai1"          10
        01 36 00 02  00 02                       // NumOfEnabledServices (tag 310, len 2) 2         6
        01 35 00 04  00 01 00 02                 // FltEnabledServices (tag 309, len 4) [1, 2]      8
        """)

    private static func snapshotCallConfirmation(version: UInt32, agentServices: Bool) throws -> MessageFields {
        var values: [(Field, FieldValue)] = [
            (.invokeID, .number(9)),
            (.callType, .number(1)),
            (.ani, .text("4085551234")),
            (.dnis, .text("8000")),
            (.routerCallKeyDay, .number(150_000)),
            (.routerCallKeyCallID, .number(12_345_678)),
            (.callVariable1, .text("acct")),
        ]
        if agentServices {
            values += [
                (.protocolReferenceGUID, .text("0f1e2d3c")),
                (.ccaiConfigId, .text("ccai1")),
                (.numOfEnabledServices, .number(2)),
                (.fltEnabledServices, .numbers([1, 2])),
            ]
        }
        return try build("SNAPSHOT_CALL_CONF", version: version, values)
    }

    /// Source: [PV24-CHANGES]: no list before 'Protocol Version 24' changes SNAPSHOT_CALL_CONF;
    /// messages.json (25) for the 16-byte fixed part.
    @Test("SNAPSHOT_CALL_CONF at 23: 16-byte fixed part, no agent-service fields ([PV24-CHANGES], messages.json)")
    func snapshotCallConfirmationAt23() throws {
        #expect(try Self.fixedSize("SNAPSHOT_CALL_CONF", version: 23) == 16)
        try Self.roundTrip(try Self.snapshotCallConfirmation(version: 23, agentServices: false), Self.snapshotCallConfirmation23, version: 23)
        // The 24 form at 23: kept, each agent-service field noted; encoding it at 23 is refused.
        let decoded = try #require(try CTIMessageDecoder(version: try Self.version(23)).decode(try Self.frame(Self.snapshotCallConfirmation24)).fields)
        #expect(decoded.notes == ["ProtocolReferenceGUID (tag 294)", "CcaiConfigId (tag 311)", "NumOfEnabledServices (tag 310)",
                                  "FltEnabledServices (tag 309)"].map { DecodeNote.notInVersion("SNAPSHOT_CALL_CONF.\($0)", arrivedIn: 24, version: 23) })
        #expect(try Self.encodeError(try Self.snapshotCallConfirmation(version: 23, agentServices: true), version: 23)
                == .notInVersion("SNAPSHOT_CALL_CONF.ProtocolReferenceGUID (tag 294)", arrivedIn: 24, version: 23))
    }

    /// Source: [PV24-CHANGES] 'Protocol Version 24': 'Modified the existing messages: AGENT_PRE_CALL_EVENT,
    /// SNAPSHOT_CALL_CONF' (Agent Services); messages.json (25) for the layout.
    @Test("SNAPSHOT_CALL_CONF at 24 and 25: + ProtocolReferenceGUID, CcaiConfigId, NumOfEnabledServices, FltEnabledServices ([PV24-CHANGES] 'Protocol Version 24', messages.json)",
          arguments: [UInt32(24), 25])
    func snapshotCallConfirmationFrom24(version: UInt32) throws {
        #expect(try Self.fixedSize("SNAPSHOT_CALL_CONF", version: version) == 16)
        try Self.roundTrip(try Self.snapshotCallConfirmation(version: version, agentServices: true), Self.snapshotCallConfirmation24,
                           version: version)
    }
}
