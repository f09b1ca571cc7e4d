@testable import CTICapture
import CTIProtocol
import Testing

/// The Lua the generator writes: everything of the catalog in it, under the right names and
/// types, deterministic, and names of any spelling quoted safely.
@Suite struct LuaDissectorGeneratorTests {
    static let catalog = MessageCatalog.standard
    static let generator = LuaDissectorGenerator(catalog: catalog)
    static let source = generator.generate()
    static let lines = source.split(separator: "\n").map(String.init)

    /// The generated line of a message (`messages[3] = { name = "OPEN_REQ", … }`).
    static func messageLine(_ descriptor: MessageDescriptor) -> String? {
        lines.first { $0.hasPrefix("messages[\(descriptor.typeID)] = {") }
    }

    @Test func everyMessageIsListedByNumberAndName() throws {
        for descriptor in Self.catalog.messages {
            let line = try #require(Self.messageLine(descriptor), "\(descriptor.name)")
            #expect(line.contains("name = \"\(descriptor.name)\", has_layout = \(descriptor.hasLayout)"))
        }
        #expect(Self.lines.filter { $0.hasPrefix("messages[") }.count == Self.catalog.messages.count)
    }

    @Test func everyFixedFieldAndFloatingTagIsInItsMessage() throws {
        let table = Self.generator.fieldTable
        for descriptor in Self.catalog.messages where descriptor.hasLayout {
            let line = try #require(Self.messageLine(descriptor))
            let fixed = descriptor.fixed.map { "F[\(table.index(of: $0) + 1)]" }.joined(separator: ", ")
            #expect(line.contains("fixed = { \(fixed) }, fixed_size = \(descriptor.fixedSize)"), "\(descriptor.name)")
            for spec in descriptor.floating {
                #expect(line.contains("[\(spec.tag)] = { field = F[\(table.index(of: spec) + 1)]"), "\(descriptor.name).\(spec.name)")
                #expect(table.fields[table.index(of: spec)].name == spec.name)
            }
            for spec in descriptor.fixed { #expect(table.fields[table.index(of: spec)].name == spec.name) }
        }
    }

    @Test func everyTagOfTheTagTableIsListed() {
        for (tag, info) in Self.catalog.tags {
            #expect(Self.lines.contains { $0.hasPrefix("tags[\(tag)] = { symbol = \"\(info.symbol)\"") }, "\(info.symbol)")
        }
    }

    @Test func fieldsHaveTheCiscoNameAndTheirWireType() throws {
        let table = Self.generator.fieldTable
        let open = try #require(Self.catalog.descriptor(named: "OPEN_REQ"))
        let invokeID = table.fields[table.index(of: open.fixed[0])]
        #expect(invokeID.abbreviation == "cti.InvokeID")
        #expect(invokeID.kind == .unsigned && invokeID.width == 4)
        #expect(Self.source.contains("ProtoField.uint32(\"cti.InvokeID\", \"InvokeID\", base.DEC)"))

        let services = table.fields[table.index(of: open.fixed[open.fixedIndex(named: "ServicesRequested")!])]
        #expect(services.kind == .mask)
        #expect(services.bits.map(\.name) == Self.catalog.serviceMask.entries.map(\.name))
        #expect(Self.source.contains("ProtoField.bool(\"cti.ServicesRequested.CTI_SERVICE_CLIENT_EVENTS\", \"CTI_SERVICE_CLIENT_EVENTS\", 32, nil, 0x00000001)"))

        let password = table.fields[table.index(of: open.floatingSpec(named: "ClientPassword")!)]
        #expect(password.kind == .secret)
        let clientID = table.fields[table.index(of: open.floatingSpec(named: "ClientID")!)]
        #expect(clientID.kind == .string && clientID.abbreviation == "cti.ClientID")

        let delivered = try #require(Self.catalog.descriptor(named: "CALL_DELIVERED_EVENT"))
        #expect(table.fields[table.index(of: delivered.floatingSpec(named: "NamedVariable")!)].kind == .namedVariable)
        #expect(table.fields[table.index(of: delivered.floatingSpec(named: "NamedArray")!)].kind == .namedArray)
        let configAgent = try #require(Self.catalog.descriptor(named: "CONFIG_AGENT_EVENT"))
        let states = table.fields[table.index(of: configAgent.floatingSpec(named: "FltAgentMRDState")!)]
        #expect(states.kind == .array && states.width == 2 && states.table?.name == "AgentState")
        #expect(states.elementAbbreviation == states.abbreviation + ".element")
    }

    @Test func enumerationsAreValueStringsWithNone() throws {
        let eventCause = try #require(Self.catalog.enumTable(named: "EventCause"))
        let line = try #require(Self.lines.first { $0.hasPrefix("vs[\"EventCause/2\"] = {") })
        for entry in eventCause.entries where entry.value <= 0xFFFF { #expect(line.contains("[\(entry.value)] = \"\(entry.name)\"")) }
        if eventCause.name(of: 0xFFFF) == nil { #expect(line.contains("[65535] = \"NONE\"")) }
    }

    @Test func alternativeLayoutsCarryTheErrataRule() throws {
        let failure = try #require(Self.messageLine(Self.catalog.descriptor(named: "FAILURE_CONF")!))
        #expect(failure.contains("rule = { kind = \"length\", length = 10, layout = 1 }"))
        #expect(!failure.contains("moved ="))
        let clear = try #require(Self.messageLine(Self.catalog.descriptor(named: "CLEAR_CONNECTION_REQ")!))
        #expect(clear.contains("rule = { kind = \"fallback\" }"))
        #expect(clear.contains("moved = { [5] = F["))
    }

    @Test func theFileIsASCII() {
        #expect(Self.source.utf8.allSatisfy { $0 < 0x80 })
    }

    @Test func generatingTwiceGivesTheSameFile() {
        #expect(LuaDissectorGenerator(catalog: Self.catalog).generate() == Self.source)
    }
}
