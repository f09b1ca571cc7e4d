@testable import CTICapture
import CTIProtocol
import Testing

/// The fields the dissector registers: one per Cisco name and way of reading it, each display
/// filter name once.
@Suite struct WiresharkFieldTableTests {
    static let table = WiresharkFieldTable(catalog: .standard)

    @Test func aNameUsedWithSeveralTypesGetsOneFieldPerType() {
        let table = Self.table
        let skillGroupNumbers = table.fields.filter { $0.name == "SkillGroupNumber" }
        #expect(skillGroupNumbers.count >= 2)
        #expect(Set(skillGroupNumbers.map(\.abbreviation)).count == skillGroupNumbers.count)
        #expect(skillGroupNumbers.contains { $0.abbreviation == "cti.SkillGroupNumber" })
        let all = table.fields.map(\.abbreviation) + table.fields.flatMap { $0.bits.map(\.abbreviation) } + table.fields.compactMap(\.elementAbbreviation)
        #expect(Set(all).count == all.count, "every display filter name is registered once")
    }

    @Test func tagsOutsideTheLayoutHaveTheirTableTypeAndBytes() throws {
        let catalog = MessageCatalog.standard
        let info = try #require(catalog.tags.values.first { $0.type == .uint })
        #expect(Self.table.fields[Self.table.index(ofTag: info, type: .uint, secret: false)].kind == .unsigned)
        #expect(Self.table.fields[Self.table.index(ofTag: info, type: .unspec, secret: false)].kind == .bytes)
        #expect(Self.table.fields[Self.table.index(ofTag: info, type: .unspec, secret: false)].name == info.fieldName)
    }

    @Test func namesBecomeDisplayFilterComponents() {
        #expect(WiresharkFieldTable.component("Agent ID.x-y") == "Agent_ID_x_y")
        #expect(WiresharkFieldTable.component("") == "_")
        #expect(Self.table.field(abbreviation: "cti.InvokeID")?.name == "InvokeID")
        #expect(Self.table.field(abbreviation: "cti.NoSuchField") == nil)
    }
}
