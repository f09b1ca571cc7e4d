import Foundation
import Testing
@testable import CTIProtocol

@Suite struct CatalogTests {
    let catalog = MessageCatalog.standard

    /// The repository's spec directory beside the checkout (`../shared/spec`), when present.
    static let specDirectory: URL? = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/spec").standardized
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("messages.json").path) ? url : nil
    }()

    @Test(.enabled(if: CatalogTests.specDirectory != nil, "needs ../shared/spec"))
    func embeddedSpecMatchesSharedSpec() throws {
        let directory = try #require(CatalogTests.specDirectory)
        let messages = try String(contentsOf: directory.appendingPathComponent("messages.json"), encoding: .utf8)
        let tags = try String(contentsOf: directory.appendingPathComponent("field-tags.tsv"), encoding: .utf8)
        #expect(EmbeddedSpec.messagesJSON == messages.trimmingCharacters(in: .newlines), "run scripts/embed-spec.py")
        #expect(EmbeddedSpec.fieldTagsTSV == tags.trimmingCharacters(in: .newlines), "run scripts/embed-spec.py")
    }

    @Test(.enabled(if: CatalogTests.specDirectory != nil, "needs ../shared/spec"))
    func everyNamedMessageTypeOfTheTypeTableIsInTheCatalogue() throws {
        let directory = try #require(CatalogTests.specDirectory)
        let table = try String(contentsOf: directory.appendingPathComponent("message-types.tsv"), encoding: .utf8)
        var named = 0
        for line in table.split(separator: "\n") where !line.hasPrefix("#") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count > 1, let type = UInt32(columns[0]) else { continue }
            let name = String(columns[1])
            guard name.allSatisfy({ $0.isUppercase || $0 == "_" || $0.isNumber }), name != "RESERVED", name != "UNASSIGNED" else { continue }
            let descriptor = try #require(catalog.descriptor(type: type), "type \(type) \(name)")
            #expect(descriptor.name == name || descriptor.name == name + "_MSG" || name == descriptor.name.replacingOccurrences(of: "_MSG", with: ""))
            named += 1
        }
        #expect(named > 240)
    }

    @Test func layoutCountsMatchTheSpecReport() {
        // tools/messages-json-report.md §4: 165 layouts (163 Cisco + 2 project extension).
        #expect(catalog.messages.filter(\.hasLayout).count == 165)
        #expect(catalog.messages.filter(\.isExtension).map(\.name) == ["PERSISTENT_CALL_REQ", "PERSISTENT_CALL_CONF"])
        #expect(catalog.descriptor(type: 0x0001_0001)?.name == "PERSISTENT_CALL_REQ")
    }

    @Test func fixedOffsetsFollowTheLayout() throws {
        let open = try #require(catalog.descriptor(named: "OPEN_REQ"))
        #expect(open.fixedSize == 44)
        #expect(open.fixed.map(\.offset) == [0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40])
        let conf = try #require(catalog.descriptor(named: "open-conf"))
        #expect(conf.fixedSize == 32)
        #expect(conf.fixed.last?.name == "SessionType")
        #expect(conf.fixed.last?.offset == 30)
    }

    @Test func namesResolveInAnySpellingAndWithoutMSG() {
        #expect(catalog.descriptor(named: "heartbeat_req")?.typeID == 5)
        #expect(catalog.descriptor(named: "STANDBY_ACTIVE_EVENT")?.typeID == 277)
        #expect(catalog.descriptor(named: "NO_SUCH_MESSAGE") == nil)
    }

    @Test func tagTableNamesTagsByLayoutNameOrConstant() throws {
        #expect(catalog.tags[25]?.fieldName == "ConnectionDeviceID")
        #expect(catalog.tags[194]?.symbol == "AGENT_ID_LONG_TAG")
        #expect(catalog.tags[194]?.type == .string)
        #expect(catalog.tags[54] == nil, "reserved rows are not tags")
        #expect(catalog.tags[99]?.type == nil, "UNVERIFIED types are kept as bytes")
    }

    @Test func enumTablesResolveBothWays() throws {
        let cause = try #require(catalog.enumTable(named: "EventCause"))
        #expect(cause.name(of: 22) == "CEC_NEW_CALL")
        #expect(cause.value(named: "new-call") == 22)
        let agentState = try #require(catalog.enumTable(named: "AgentState"))
        #expect(agentState.value(named: "talking") == 4)
        #expect(agentState.value(named: "AGENT_STATE_TALKING") == 4)
        #expect(catalog.enumTable(named: "CallType")?.value(named: "acd_in") == 1)
        #expect(catalog.enumTable(named: "StatusCode")?.name(of: 15) == "E_CTI_CTI_SERVER_OFFLINE")
        #expect(catalog.enumTable(named: "ControlFailureCode")?.name(of: 70) == "CF_GENERIC_UNSPECIFIED_REJECTION")
    }

    @Test func agentStateMaskBitsSkipUnknownState() {
        // constants.md §3: HOLD (10) .. NOT_ACTIVE (14) use bits 9..13, not 1 << state.
        let mask = catalog.agentStateMask
        #expect(mask.value(named: "AGENT_HOLD_MASK") == 0x0200)
        #expect(mask.value(named: "NOT_ACTIVE") == 0x2000)
        #expect(mask.definedBits == 0x3FFF)
    }
}
