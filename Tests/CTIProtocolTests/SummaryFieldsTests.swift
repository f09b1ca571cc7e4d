import NIOCore
import Testing
@testable import CTIProtocol

/// ``SummaryFields`` plans where names sit once per layout; what it picks must be what a plain
/// search of ``MessageFields/displayFields(catalog:)`` finds: per group, the first name present.
@Suite struct SummaryFieldsTests {
    let catalog = MessageCatalog.standard

    /// Groups over names of fixed fields, floating fields, both, and none.
    static let groups: [SummaryFields.Group] = [
        .init("call", [.connectionCallID, .newConnectionCallID, .activeConnectionCallID]),
        .init("device", [.connectionDeviceID, .agentInstrument, .newConnectionDeviceID, .eventDeviceID]),
        .init("agent", [.agentID]),
        .init("state", [.agentState, .localConnectionState, .callState]),
        .init("status", [.status, .failureCode]),
        .init("invoke", [.invokeID]),
        .init("ani", [.ani, .dnis]),
        .init("named", [.namedVariable, .callConnectionCallID]),
        .init("skills", qualified: [("QUERY_AGENT_STATE_CONF", .skillGroupNumber), ("AGENT_STATE_EVENT", .fltSkillGroupNumber)]),
        .init("nothing", qualified: [(nil, Field(named: "NoSuchField")), ("NO_SUCH_MESSAGE", .invokeID)]),
    ]

    /// The plain search the plans must agree with: per group, the first name (for
    /// `MESSAGE.Field`, in MESSAGE only) whose field is in the layout and not empty.
    static func reference(_ fields: MessageFields, groups: [SummaryFields.Group]) -> [SummaryFields.Pick] {
        let display = fields.displayFields()
        return groups.compactMap { group in
            group.fields.lazy.compactMap { qualified -> DisplayField? in
                guard qualified.message == nil || qualified.message == fields.descriptor.name else { return nil }
                return display.first { $0.name == qualified.field.name && $0.inLayout && !$0.value.isEmpty }
            }.first.map { SummaryFields.Pick(label: group.label, field: $0) }
        }
    }

    @Test func picksAgreeWithTheWholeDisplayOnRandomMessagesOfEveryLayout() {
        let summary = SummaryFields(Self.groups, catalog: catalog)
        var picked = 0
        RandomMessage(catalog: catalog).forEachMessageOfEveryLayout(rounds: 10, seed: 0xD15) { fields, round in
            // Besides the repeated field: some rounds drop every floating field.
            if round % 4 == 3 { fields.floating.removeAll() }
            let picks = summary.pick(from: fields)
            #expect(picks == Self.reference(fields, groups: Self.groups), "\(fields.descriptor.name)")
            picked += picks.count
        }
        #expect(picked > 1000)
    }

    @Test func theSummaryWritesThePicksTextFormsOnRandomMessagesOfEveryLayout() {
        // Strings are written from their bytes: the line must be the picks' text forms.
        let summary = SummaryFields(Self.groups, valueWidth: 24, catalog: catalog)
        RandomMessage(catalog: catalog).forEachMessageOfEveryLayout(rounds: 4, seed: 0x7E87) { fields, _ in
            var expected: [UInt8] = []
            for pick in summary.pick(from: fields) {
                expected += Array(" \(pick.label)=".utf8)
                let start = expected.count
                expected += Array(pick.field.value.text.utf8)
                TextCut.cut(&expected, from: start, toScalars: 24)
            }
            var line: [UInt8] = []
            summary.appendSummary(of: fields, to: &line)
            #expect(line == expected, "\(fields.descriptor.name)")
        }
    }

    @Test func theAlternateLayoutIsPlannedByItsOwnPositions() throws {
        // FAILURE_CONF's 10-byte form: FailureCode is its second field, and there is no Status.
        var fields = try MessageFields(named: "FAILURE_CONF")
        fields.alternateLayout = 0
        fields.fixed = Array(repeating: 0, count: fields.fixedSpecs.count)
        try fields.set(.invokeID, .number(3))
        try fields.set(.failureCode, .number(36))
        let picks = SummaryFields(Self.groups).pick(from: fields)
        #expect(picks.map(\.label) == ["status", "invoke"])
        #expect(picks.first?.field.value == .enumeration(name: "E_CTI_INVALID_PASSWORD", value: 36))
        #expect(picks == Self.reference(fields, groups: Self.groups))
    }

    @Test func aFloatingFieldCountsOnlyWhenTheMessageCarriesIt() throws {
        let summary = SummaryFields([.init("device", [.agentInstrument, .agentID])])
        var fields = try MessageFields(named: "AGENT_STATE_EVENT")
        #expect(summary.pick(from: fields).isEmpty)
        try fields.set(.agentID, .text("1001"))
        #expect(summary.pick(from: fields) == [.init(label: "device", field: DisplayField(name: "AgentID", value: .text("1001"), inLayout: true))])
        try fields.set(.agentInstrument, .text("2001"))
        #expect(summary.pick(from: fields).map(\.field.name) == ["AgentInstrument"])
    }

    @Test func anEmptyValueCountsAsAbsent() throws {
        let summary = SummaryFields([.init("device", [.agentInstrument, .agentID])])
        var fields = try MessageFields(named: "AGENT_STATE_EVENT")
        try fields.set(.agentInstrument, .text(""))
        #expect(summary.pick(from: fields).isEmpty)
        try fields.set(.agentID, .text("1001"))
        #expect(summary.pick(from: fields).map(\.field.name) == ["AgentID"])
    }

    @Test func aQualifiedNameCountsInItsMessageOnly() throws {
        let summary = SummaryFields([.init("skills", qualified: [("QUERY_AGENT_STATE_CONF", .skillGroupNumber)])])
        var query = try MessageFields(named: "QUERY_AGENT_STATE_CONF")
        try query.append(.skillGroupNumber, .number(10))
        try query.append(.skillGroupNumber, .number(20))
        #expect(summary.pick(from: query).map(\.field.value) == [.list([.unsigned(10), .unsigned(20)])])
        var event = try MessageFields(named: "AGENT_STATE_EVENT")
        try event.set(.skillGroupNumber, .number(10))
        #expect(summary.pick(from: event).isEmpty)
    }

    @Test func theSummaryIsLabelledValuesCutToTheWidth() throws {
        let summary = SummaryFields([.init("call", [.connectionCallID]), .init("ani", [.ani]), .init("named", [.namedVariable])],
                                    valueWidth: 12)
        var fields = try MessageFields(named: "BEGIN_CALL_EVENT")
        try fields.set(.connectionCallID, .number(16_777_300))
        try fields.set(.ani, .text("4085551234"))
        try fields.append(.namedVariable, .namedVariable(name: "user.a", value: "one two"))
        var line = Array("BEGIN_CALL_EVENT".utf8)
        summary.appendSummary(of: fields, to: &line)
        #expect(String(decoding: line, as: UTF8.self) == #"BEGIN_CALL_EVENT call=16777300 ani=4085551234 named={user.a="o…}"#)
    }
}
