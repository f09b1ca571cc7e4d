import NIOCore
import Testing
@testable import CTIProtocol

/// ``SummaryFields`` plans where names sit once per layout; what it picks must be what a plain
/// search of ``MessageFields/displayFields(catalog:)`` finds: per group, the first name present.
@Suite struct SummaryFieldsTests {
    let catalog = MessageCatalog.standard

    /// Groups over names of fixed fields, floating fields, both, and none.
    static let groups: [SummaryFields.Group] = [
        .init("call", ["ConnectionCallID", "NewConnectionCallID", "ActiveConnectionCallID"]),
        .init("device", ["ConnectionDeviceID", "AgentInstrument", "NewConnectionDeviceID", "EventDeviceID"]),
        .init("agent", ["AgentID"]),
        .init("state", ["AgentState", "LocalConnectionState", "CallState"]),
        .init("status", ["Status", "FailureCode"]),
        .init("invoke", ["InvokeID"]),
        .init("ani", ["ANI", "DNIS"]),
        .init("nothing", ["NoSuchField"]),
    ]

    /// The plain search the plans must agree with.
    static func reference(_ fields: MessageFields, groups: [SummaryFields.Group]) -> [SummaryFields.Pick] {
        let display = fields.displayFields()
        return groups.compactMap { group in
            group.names.lazy.compactMap { name in display.first { $0.name == name && $0.inLayout } }.first
                .map { SummaryFields.Pick(label: group.label, field: $0) }
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

    @Test func theAlternateLayoutIsPlannedByItsOwnPositions() throws {
        // FAILURE_CONF's 10-byte form: FailureCode is its second field, and there is no Status.
        var fields = try MessageFields(named: "FAILURE_CONF")
        fields.alternateLayout = 0
        fields.fixed = Array(repeating: 0, count: fields.fixedSpecs.count)
        try fields.set("InvokeID", .number(3))
        try fields.set("FailureCode", .number(36))
        let picks = SummaryFields(Self.groups).pick(from: fields)
        #expect(picks.map(\.label) == ["status", "invoke"])
        #expect(picks.first?.field.value == .enumeration(name: "E_CTI_INVALID_PASSWORD", value: 36))
        #expect(picks == Self.reference(fields, groups: Self.groups))
    }

    @Test func aFloatingFieldCountsOnlyWhenTheMessageCarriesIt() throws {
        let summary = SummaryFields([.init("device", ["AgentInstrument", "AgentID"])])
        var fields = try MessageFields(named: "AGENT_STATE_EVENT")
        #expect(summary.pick(from: fields).isEmpty)
        try fields.set("AgentID", .text("1001"))
        #expect(summary.pick(from: fields) == [.init(label: "device", field: DisplayField(name: "AgentID", value: .text("1001"), inLayout: true))])
        try fields.set("AgentInstrument", .text("2001"))
        #expect(summary.pick(from: fields).map(\.field.name) == ["AgentInstrument"])
    }
}
