import NIOCore
import Testing
@testable import CTIProtocol

/// How a message fits an older protocol version (issue 20): the catalogue of each version is the
/// baseline less what the ``VersionHistory`` says had not arrived; the encoder refuses what the
/// version lacks (``CTIEncodeError/notInVersion(_:arrivedIn:version:)``) or, with
/// `omitsFieldsNewerThanVersion`, leaves newer fields out; the decoder keeps and notes it.
@Suite struct VersionFitTests {
    let standard = MessageCatalog.standard
    let history = VersionHistory.standard

    private static func version(_ number: UInt32) throws -> ProtocolVersion { try #require(ProtocolVersion(number)) }

    /// A message in the baseline (25) layout with the given fields set.
    private static func build(_ name: String, catalog: MessageCatalog = .standard, _ values: [(Field, FieldValue)] = []) throws -> MessageFields {
        var fields = try MessageFields(named: name, catalog: catalog)
        for (field, value) in values { try fields.set(field, value) }
        return fields
    }

    /// What encoding at `version` throws (`nil` when it encodes). Encodes after a prefix already in
    /// the buffer: a refusal must leave the buffer as it was.
    private static func refusal(_ message: CTIMessage, version: UInt32, omittingNewer: Bool = false) throws -> CTIEncodeError? {
        var encoder = CTIMessageEncoder(version: try Self.version(version))
        encoder.omitsFieldsNewerThanVersion = omittingNewer
        var buffer = ByteBuffer(bytes: [0xAA, 0xBB])
        do {
            try encoder.encode(message, into: &buffer)
            return nil
        } catch {
            #expect(buffer == ByteBuffer(bytes: [0xAA, 0xBB]), "\(error)")
            return error
        }
    }

    private static func refusal(_ fields: MessageFields, version: UInt32, omittingNewer: Bool = false) throws -> CTIEncodeError? {
        try refusal(.fields(fields), version: version, omittingNewer: omittingNewer)
    }

    private static func encode(_ fields: MessageFields, version: UInt32, omittingNewer: Bool = false) throws -> ByteBuffer {
        var encoder = CTIMessageEncoder(version: try Self.version(version))
        encoder.omitsFieldsNewerThanVersion = omittingNewer
        return try encoder.encode(.fields(fields))
    }

    /// `frame` (encoded at any version) decoded at `version`.
    private static func decode(_ frame: ByteBuffer, version: UInt32) throws -> CTIMessage {
        var stream = frame
        var framer = CTIFrameDecoder()
        return try CTIMessageDecoder(version: try Self.version(version)).decode(try #require(try framer.decode(buffer: &stream)))
    }

    // MARK: - The catalogue of each version

    @Test(arguments: UInt32(20)...24)
    func olderCataloguesLeaveOutExactlyTheFixedFieldsThatHadNotArrived(version: UInt32) throws {
        let older = standard.forVersion(version)
        #expect(older.version == version)
        #expect(older.isRestricted)
        #expect(older.messages.map(\.typeID) == standard.messages.map(\.typeID))
        let newer = history.arrivals.filter { $0.since > version }
        var shortened = 0
        for descriptor in standard.messages {
            let layout = try #require(older.descriptor(type: descriptor.typeID))
            #expect(layout.name == descriptor.name)
            func kept(_ fields: [FixedFieldSpec]) -> [String] {
                fields.map(\.name).filter { name in !newer.contains { $0.subject == .fixedField(message: descriptor.name, field: name) } }
            }
            #expect(layout.fixed.map(\.name) == kept(descriptor.fixed), "protocol \(version): \(descriptor.name)")
            #expect(layout.fixedSize == layout.fixed.reduce(0) { $0 + $1.size })
            #expect(layout.fixed.map(\.offset) == layout.fixed.indices.map { index in layout.fixed[..<index].reduce(0) { $0 + $1.size } })
            #expect(layout.alternateFixed.map { $0.fixed.map(\.name) } == descriptor.alternateFixed.map { kept($0.fixed) })
            if layout.fixed.count != descriptor.fixed.count { shortened += 1 }
        }
        let messagesWithNewerFixedFields = Set(newer.compactMap { arrival -> String? in
            if case .fixedField(let message, _) = arrival.subject { return message }
            return nil
        })
        #expect(shortened == messagesWithNewerFixedFields.count)
        // OPEN_CONF.SessionType (24) is the one fixed field the data has: gone up to 23.
        #expect((shortened == 1) == (version <= 23))
    }

    @Test(arguments: UInt32(20)...25)
    func everyArrivalIsMarkedWithItsVersionInTheVersionsThatLackIt(version: UInt32) throws {
        let catalog = standard.forVersion(version)
        func expected(_ since: UInt32) -> UInt32? { since > version ? since : nil }
        for arrival in history.arrivals {
            switch arrival.subject {
            case .message(let name):
                let descriptor = try #require(catalog.messages.first { $0.name == name })
                #expect(descriptor.arrivesIn == expected(arrival.since), "protocol \(version): \(name)")
            case .fixedField(let name, let field):
                let descriptor = try #require(catalog.messages.first { $0.name == name })
                #expect(descriptor.fixed.contains { $0.name == field } == (arrival.since <= version), "protocol \(version): \(name).\(field)")
            case .floatingField(let name, let field):
                let descriptor = try #require(catalog.messages.first { $0.name == name })
                guard let spec = descriptor.floating.first(where: { $0.name == field }) else {
                    #expect(descriptor.untaggedFields.contains(field), "\(name).\(field)")
                    continue
                }
                #expect(spec.arrivesIn == expected(arrival.since), "protocol \(version): \(name).\(field)")
            case .tag(let tag):
                #expect(catalog.tags[tag]?.arrivesIn == expected(arrival.since), "protocol \(version): tag \(tag)")
                #expect(catalog.tagInfo(tag)?.arrivesIn == expected(arrival.since), "protocol \(version): tag \(tag)")
            case .value(let table, let value):
                let enumTable = try #require(catalog.enumTable(named: table))
                #expect(enumTable.arrivals[value] == expected(arrival.since), "protocol \(version): \(table) \(value)")
                #expect(enumTable.name(of: value) != nil, "a newer value keeps its name for display")
            }
        }
        // Nothing else is marked: every mark comes from an entry (a floating field from its own
        // entry or from its tag's).
        let since = Dictionary(history.arrivals.map { ($0.subject, $0.since) }, uniquingKeysWith: min)
        for descriptor in catalog.messages {
            if let arrivesIn = descriptor.arrivesIn { #expect(since[.message(descriptor.name)] == arrivesIn, "\(descriptor.name)") }
            for field in descriptor.floating {
                guard let arrivesIn = field.arrivesIn else { continue }
                let sources = [since[.floatingField(message: descriptor.name, field: field.name)], since[.tag(field.tag)]].compactMap { $0 }
                #expect(sources.contains(arrivesIn), "protocol \(version): \(descriptor.name).\(field.name) arrivesIn \(arrivesIn)")
            }
        }
        for (tag, info) in catalog.tags {
            if let arrivesIn = info.arrivesIn { #expect(since[.tag(tag)] == arrivesIn, "tag \(tag)") }
        }
        for (name, table) in catalog.enumTables {
            for (value, arrivesIn) in table.arrivals { #expect(since[.value(table: name, value: value)] == arrivesIn, "\(name) \(value)") }
        }
        #expect(catalog.isRestricted == (version < 25))
    }

    // MARK: - Encoder refusals, one per kind

    @Test func aMessageNewerThanTheVersionIsRefused() throws {
        for source in [standard, standard.forVersion(23)] {
            let terminal = try Self.build("CONFIG_TERMINAL_EVENT", catalog: source)
            #expect(try Self.refusal(terminal, version: 23) == .notInVersion("message CONFIG_TERMINAL_EVENT", arrivedIn: 24, version: 23))
            #expect(try Self.refusal(terminal, version: 20) == .notInVersion("message CONFIG_TERMINAL_EVENT", arrivedIn: 24, version: 20))
            #expect(try Self.refusal(terminal, version: 24) == nil)
        }
        // A message without a layout, kept as bytes.
        let tasks = try #require(standard.descriptor(named: "AGENT_TASKS_EVENT"))
        #expect(!tasks.hasLayout)
        let opaque = CTIMessage.opaque(tasks, body: ByteBuffer(bytes: [1, 2]))
        #expect(try Self.refusal(opaque, version: 22) == .notInVersion("message AGENT_TASKS_EVENT", arrivedIn: 23, version: 22))
        #expect(try Self.refusal(opaque, version: 23) == nil)
    }

    @Test func aFixedFieldNewerThanTheVersionIsRefusedWhenItHasAValue() throws {
        var conf = try Self.build("OPEN_CONF", [(.invokeID, .number(1)), (.sessionType, .number(1))])
        #expect(try Self.refusal(conf, version: 23) == .notInVersion("OPEN_CONF.SessionType", arrivedIn: 24, version: 23))
        #expect(try Self.refusal(conf, version: 24) == nil)
        // 0 and all ones ("none") are no value: the field is left out.
        for empty: UInt32 in [0, 0xFFFF] {
            try conf.set(.sessionType, .number(empty))
            let frame = try Self.encode(conf, version: 23)
            #expect(frame.getInteger(at: 0, as: UInt32.self) == 30, "SessionType \(empty): body is the 30-byte fixed part")
        }
    }

    @Test func aFloatingFieldNewerThanTheVersionIsRefused() throws {
        let event = try Self.build("AGENT_STATE_EVENT", [(.maxBeyondTaskLimit, .number(2))])
        #expect(try Self.refusal(event, version: 21)
                == .notInVersion("AGENT_STATE_EVENT.MaxBeyondTaskLimit (tag 266)", arrivedIn: 22, version: 21))
        #expect(try Self.refusal(event, version: 22) == nil)
    }

    /// BEGIN_CALL_EVENT with tag 303 (ActiveTerminal, 24), which its layout does not have.
    private static func beginCallWithTag303() throws -> MessageFields {
        var fields = try build("BEGIN_CALL_EVENT", [(.connectionDeviceID, .text("2001"))])
        #expect(fields.descriptor.floatingSpec(tag: 303) == nil)
        fields.floating.append(FloatingField(tag: 303, value: .text("SEP001")))
        return fields
    }

    @Test func aTagNewerThanTheVersionIsRefusedOutsideTheLayoutToo() throws {
        // The tag table names 303 after the first layout that has it (AGENT_STATE_EVENT.ActiveTerminal).
        #expect(standard.tags[303]?.fieldName == "ActiveTerminal")
        let begin = try Self.beginCallWithTag303()
        #expect(try Self.refusal(begin, version: 23) == .notInVersion("ActiveTerminal (tag 303)", arrivedIn: 24, version: 23))
        #expect(try Self.refusal(begin, version: 24) == nil)
    }

    @Test func anEnumValueNewerThanTheVersionIsRefused() throws {
        let failure = try Self.build("FAILURE_CONF", [(.invokeID, .number(1)), (.status, .number(107))])
        #expect(try Self.refusal(failure, version: 23)
                == .notInVersion("FAILURE_CONF.Status value 107 (E_CTI_INVALID_CLIENT_FOR_STANDBY)", arrivedIn: 24, version: 23))
        #expect(try Self.refusal(failure, version: 24) == nil)
    }

    @Test func aMaskBitNewerThanTheVersionIsRefused() throws {
        let credentials: [(Field, FieldValue)] = [(.clientID, .text("tester")), (.clientPassword, .bytes(ByteBuffer(string: "pw")))]
        let standby = try Self.build("OPEN_REQ", [(.servicesRequested, .number(0x0200_0014))] + credentials)
        #expect(try Self.refusal(standby, version: 23)
                == .notInVersion("OPEN_REQ.ServicesRequested bit 0x2000000 (CTI_SERVICE_ACTIVE_STANDBY)", arrivedIn: 24, version: 23))
        #expect(try Self.refusal(standby, version: 24) == nil)
        // Of several newer bits, the lowest is named.
        let recording = try Self.build("OPEN_REQ", [(.callMsgMask, .number(0x3000_0000))] + credentials)
        #expect(try Self.refusal(recording, version: 22)
                == .notInVersion("OPEN_REQ.CallMsgMask bit 0x10000000 (NETWORK_RECORDING_STARTED_MASK)", arrivedIn: 23, version: 22))
        #expect(try Self.refusal(recording, version: 23) == nil)
    }

    // MARK: - omitsFieldsNewerThanVersion

    @Test func omittingNewerFieldsLeavesThemOut() throws {
        // A fixed field with a value.
        let active = try Self.build("OPEN_CONF", [(.invokeID, .number(1)), (.sessionType, .number(1))])
        let unknown = try Self.build("OPEN_CONF", [(.invokeID, .number(1))])
        #expect(try Self.encode(active, version: 23, omittingNewer: true) == (try Self.encode(unknown, version: 23)))
        // Floating fields of the layout.
        let full = try Self.build("AGENT_STATE_EVENT", [(.agentID, .text("5001")), (.activeTerminal, .text("SEP001")),
                                                         (.agentInstrument, .text("1001")), (.maxBeyondTaskLimit, .number(2))])
        let at21 = try Self.build("AGENT_STATE_EVENT", [(.agentID, .text("5001")), (.agentInstrument, .text("1001"))])
        #expect(try Self.encode(full, version: 21, omittingNewer: true) == (try Self.encode(at21, version: 21)))
        let at23 = try Self.build("AGENT_STATE_EVENT", [(.agentID, .text("5001")), (.agentInstrument, .text("1001")),
                                                         (.maxBeyondTaskLimit, .number(2))])
        #expect(try Self.encode(full, version: 23, omittingNewer: true) == (try Self.encode(at23, version: 23)))
        // A tag outside the layout.
        var begin = try Self.beginCallWithTag303()
        let withTag = try Self.encode(begin, version: 23, omittingNewer: true)
        begin.floating.removeAll { $0.tag == 303 }
        #expect(withTag == (try Self.encode(begin, version: 23)))
        // The version's own fields stay.
        #expect(try Self.encode(full, version: 24, omittingNewer: true) == (try Self.encode(full, version: 24)))
    }

    @Test func omittingNewerFieldsStillRefusesANewerMessage() throws {
        let terminal = try Self.build("CONFIG_TERMINAL_EVENT")
        #expect(try Self.refusal(terminal, version: 23, omittingNewer: true)
                == .notInVersion("message CONFIG_TERMINAL_EVENT", arrivedIn: 24, version: 23))
        let tasks = try #require(standard.descriptor(named: "AGENT_TASKS_EVENT"))
        #expect(try Self.refusal(.opaque(tasks, body: ByteBuffer()), version: 22, omittingNewer: true)
                == .notInVersion("message AGENT_TASKS_EVENT", arrivedIn: 23, version: 22))
    }

    /// `omitsFieldsNewerThanVersion` is documented "Messages and values newer than the version are
    /// still refused"; the encoder checks only the message then (CTIMessageEncoder.fitted), so newer
    /// enum values and mask bits go out. Known issue until the encoder or its documentation changes.
    @Test func omittingNewerFieldsStillRefusesNewerValues() throws {
        let failure = try Self.build("FAILURE_CONF", [(.invokeID, .number(1)), (.status, .number(107))])
        let standby = try Self.build("OPEN_REQ", [(.servicesRequested, .number(0x0200_0014)), (.clientID, .text("tester")),
                                                  (.clientPassword, .bytes(ByteBuffer(string: "pw")))])
        let refusals = (status: try Self.refusal(failure, version: 23, omittingNewer: true),
                        bit: try Self.refusal(standby, version: 23, omittingNewer: true))
        #expect(refusals.status == .notInVersion("FAILURE_CONF.Status value 107 (E_CTI_INVALID_CLIENT_FOR_STANDBY)", arrivedIn: 24, version: 23))
        #expect(refusals.bit == .notInVersion("OPEN_REQ.ServicesRequested bit 0x2000000 (CTI_SERVICE_ACTIVE_STANDBY)", arrivedIn: 24, version: 23))
    }

    // MARK: - Decoder notes, one per kind

    @Test func aMessageNewerThanTheVersionIsKeptAndNoted() throws {
        var terminal = try Self.build("CONFIG_TERMINAL_EVENT", [(.numRecords, .number(1))])
        let frame = try Self.encode(terminal, version: 24)
        let decoded = try #require(try Self.decode(frame, version: 23).fields)
        #expect(decoded.notes == [.notInVersion("message CONFIG_TERMINAL_EVENT", arrivedIn: 24, version: 23)])
        #expect(decoded.descriptor === standard.forVersion(23).descriptor(named: "CONFIG_TERMINAL_EVENT"))
        #expect(decoded.fixed == terminal.fixed)
        #expect(try Self.decode(frame, version: 24).fields?.notes == [])
        // Everything the version lacks is noted, in message order: the message, then its fields.
        try terminal.set(.terminalDeviceName, .text("SEP001"))
        #expect(try Self.decode(try Self.encode(terminal, version: 24), version: 23).fields?.notes == [
            .notInVersion("message CONFIG_TERMINAL_EVENT", arrivedIn: 24, version: 23),
            .notInVersion("CONFIG_TERMINAL_EVENT.TerminalDeviceName (tag 303)", arrivedIn: 24, version: 23),
        ])
    }

    /// A message without a layout decodes to `.opaque`, which has no notes: what the version lacks
    /// is only in its descriptor (`arrivesIn`).
    @Test func aMessageWithoutLayoutNewerThanTheVersionIsKeptWithItsArrival() throws {
        let body = ByteBuffer(bytes: [1, 2, 3])
        let message = try CTIMessageDecoder(version: try Self.version(22)).decode(wireType: 262, body: body)
        let descriptor = try #require(standard.forVersion(22).descriptor(named: "AGENT_TASKS_EVENT"))
        #expect(message == .opaque(descriptor, body: body))
        #expect(message.descriptor?.arrivesIn == 23)
        #expect(try CTIMessageDecoder(version: try Self.version(23)).decode(wireType: 262, body: body).descriptor?.arrivesIn == nil)
    }

    @Test func aFloatingFieldNewerThanTheVersionIsKeptAndNoted() throws {
        let event = try Self.build("AGENT_STATE_EVENT", [(.agentID, .text("5001")), (.maxBeyondTaskLimit, .number(2))])
        let frame = try Self.encode(event, version: 25)
        let decoded = try #require(try Self.decode(frame, version: 21).fields)
        #expect(decoded.notes == [.notInVersion("AGENT_STATE_EVENT.MaxBeyondTaskLimit (tag 266)", arrivedIn: 22, version: 21)])
        #expect(decoded.floating == event.floating)
        #expect(try Self.decode(frame, version: 22).fields?.notes == [])
    }

    @Test func aTagNewerThanTheVersionIsKeptAndNotedOutsideTheLayout() throws {
        let begin = try Self.beginCallWithTag303()
        let frame = try Self.encode(begin, version: 24)
        let decoded = try #require(try Self.decode(frame, version: 23).fields)
        #expect(decoded.notes == [.notInVersion("ActiveTerminal (tag 303)", arrivedIn: 24, version: 23)])
        #expect(decoded.floating == begin.floating)
        #expect(try Self.decode(frame, version: 24).fields?.notes == [])
    }

    @Test func anEnumValueNewerThanTheVersionIsKeptAndNoted() throws {
        let failure = try Self.build("FAILURE_CONF", [(.invokeID, .number(1)), (.status, .number(107))])
        let frame = try Self.encode(failure, version: 24)
        let decoded = try #require(try Self.decode(frame, version: 23).fields)
        #expect(decoded.notes == [.notInVersion("FAILURE_CONF.Status value 107 (E_CTI_INVALID_CLIENT_FOR_STANDBY)", arrivedIn: 24, version: 23)])
        #expect(decoded[.status] == .number(107))
        #expect(try Self.decode(frame, version: 24).fields?.notes == [])
        // The 10-byte FAILURE_CONF (ERRATA) is checked in its own layout: FailureCode is a StatusCode too.
        let tenBytes = ByteBuffer(bytes: [0, 0, 0, 10, 0, 0, 0, 1, 0, 0, 0, 1, 0, 107, 0, 0, 0, 0])
        let alternate = try #require(try Self.decode(tenBytes, version: 23).fields)
        let condition = try #require(alternate.descriptor.alternateFixed.first?.condition)
        #expect(alternate.notes == [
            .alternateLayout(condition),
            .notInVersion("FAILURE_CONF.FailureCode value 107 (E_CTI_INVALID_CLIENT_FOR_STANDBY)", arrivedIn: 24, version: 23),
        ])
    }

    @Test func aMaskBitNewerThanTheVersionIsKeptAndNoted() throws {
        let standby = try Self.build("OPEN_REQ", [(.servicesRequested, .number(0x0200_0014)), (.clientID, .text("tester")),
                                                  (.clientPassword, .bytes(ByteBuffer(string: "pw")))])
        let frame = try Self.encode(standby, version: 25)
        let decoded = try #require(try Self.decode(frame, version: 23).fields)
        #expect(decoded.notes == [.notInVersion("OPEN_REQ.ServicesRequested bit 0x2000000 (CTI_SERVICE_ACTIVE_STANDBY)", arrivedIn: 24, version: 23)])
        #expect(decoded[.servicesRequested] == .number(0x0200_0014))
        #expect(try Self.decode(frame, version: 24).fields?.notes == [])
    }

    // MARK: - Values of floating fields

    /// No entry of the real history is a value of a floating field's table, so a history where
    /// AgentState 4 and AgentService 2 arrive in 25 checks that path: a single value
    /// (NextAgentState) and a USHORT_ARRAY (FltEnabledServices).
    @Test func valuesOfFloatingFieldsAreRefusedAndNoted() throws {
        let document = VersionDocument(baseline: 25, sources: [:], versions: [], since: [
            .init(kind: "value", table: "AgentState", value: 4, since: 25, source: "test"),
            .init(kind: "value", table: "AgentService", value: 2, since: 25, source: "test"),
        ], retired: [])
        let catalog = MessageCatalog(spec: SpecDocument.load(), fieldTagsTSV: EmbeddedSpec.fieldTagsTSV, version: 24,
                                     history: VersionHistory(document))
        let encoder = CTIMessageEncoder(version: try Self.version(24), catalog: catalog)
        let decoder = CTIMessageDecoder(version: try Self.version(24), catalog: catalog)
        #expect(encoder.catalog === catalog)

        let state = try Self.build("AGENT_STATE_EVENT", catalog: catalog, [(.agentState, .number(3)), (.nextAgentState, .number(4))])
        let talking = CTIEncodeError.notInVersion("AGENT_STATE_EVENT.NextAgentState value 4 (AGENT_STATE_TALKING)", arrivedIn: 25, version: 24)
        #expect(throws: talking) { try encoder.encode(.fields(state)) }
        let stateFrame = try CTIMessageEncoder().encode(.fields(state))
        #expect(try decoder.decode(CTIFrame(type: 30, body: stateFrame.getSlice(at: 8, length: stateFrame.readableBytes - 8)!)).fields?.notes
                == [.notInVersion("AGENT_STATE_EVENT.NextAgentState value 4 (AGENT_STATE_TALKING)", arrivedIn: 25, version: 24)])

        let services = try Self.build("AGENT_PRE_CALL_EVENT", catalog: catalog, [
            (.agentInstrument, .text("1001")), (.routerCallKeyDay, .number(1)), (.routerCallKeyCallID, .number(2)),
            (.routerCallKeySequenceNumber, .number(3)), (.numOfEnabledServices, .number(2)), (.fltEnabledServices, .numbers([1, 2])),
        ])
        let transcription = "AGENT_PRE_CALL_EVENT.FltEnabledServices value 2 (AGENT_CALL_TRANSCRIPTION)"
        #expect(throws: CTIEncodeError.notInVersion(transcription, arrivedIn: 25, version: 24)) { try encoder.encode(.fields(services)) }
        let servicesFrame = try CTIMessageEncoder().encode(.fields(services))
        #expect(try decoder.decode(CTIFrame(type: 105, body: servicesFrame.getSlice(at: 8, length: servicesFrame.readableBytes - 8)!)).fields?.notes
                == [.notInVersion(transcription, arrivedIn: 25, version: 24)])
    }
}
