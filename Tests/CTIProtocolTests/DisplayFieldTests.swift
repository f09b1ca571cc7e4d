import NIOCore
import Testing
@testable import CTIProtocol

/// ``MessageFields/displayField(named:catalog:)`` renders one field alone (the text form's
/// summary line); it must show exactly what ``MessageFields/displayFields(catalog:)`` shows
/// under that name.
@Suite struct DisplayFieldTests {
    let catalog = MessageCatalog.standard

    @Test func oneFieldAloneAgreesWithTheWholeDisplayOnRandomMessagesOfEveryLayout() {
        var compared = 0
        RandomMessage(catalog: catalog).forEachMessageOfEveryLayout(rounds: 10, seed: 0xD15) { fields, round in
            // Besides the repeated field: some rounds drop every floating field.
            if round % 4 == 3 { fields.floating.removeAll() }
            let display = fields.displayFields(catalog: catalog)
            for name in fields.descriptor.fieldNames {
                let expected = display.first { $0.name == name && $0.inLayout }
                #expect(fields.displayField(named: name, catalog: catalog) == expected, "\(fields.descriptor.name).\(name)")
                compared += 1
            }
            #expect(fields.displayField(named: "NoSuchField", catalog: catalog) == nil)
        }
        #expect(compared > 1000)
    }

    @Test func theAlternateLayoutsFieldsAreFoundByTheirOwnPositions() throws {
        // FAILURE_CONF's 10-byte form: FailureCode is its second field, not the canonical layout's.
        var fields = try MessageFields(named: "FAILURE_CONF")
        fields.alternateLayout = 0
        fields.fixed = Array(repeating: 0, count: fields.fixedSpecs.count)
        try fields.set("InvokeID", .number(3))
        try fields.set("FailureCode", .number(36))
        let failureCode = try #require(fields.displayField(named: "FailureCode"))
        #expect(failureCode.value == .enumeration(name: "E_CTI_INVALID_PASSWORD", value: 36))
        #expect(failureCode == fields.displayFields().first { $0.name == "FailureCode" })
        #expect(fields.displayField(named: "Status") == nil)
    }

    @Test func casingMustBeExact() throws {
        var fields = try MessageFields(named: "AGENT_STATE_EVENT")
        try fields.set("AgentID", .text("1001"))
        #expect(fields.displayField(named: "AgentID")?.value == .text("1001"))
        #expect(fields.displayField(named: "agentid") == nil)
    }
}
