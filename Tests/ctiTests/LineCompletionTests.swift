import CTIProtocol
import Testing
@testable import CTIConsole

/// REPL tab completion by context (``LineCompletion``): commands, subcommands, flags, mask,
/// message and field names, derived from the command tree and the message catalog.
@Suite struct LineCompletionTests {
    func complete(_ line: String, seen: [String] = []) -> [String] {
        LineCompletion.cti.candidates(lineBeforeCursor: line, seen: seen)
    }

    @Test func theFirstWordCompletesCommands() {
        #expect(complete("ag") == ["agent"])
        #expect(Set(complete("s")) == ["status", "stats", "send", "sim", "simulate", "sleep"])
        #expect(Set(complete("")).isSuperset(of: ["open", "close", "agent", "call", "describe", "quit", "help"]))
    }

    @Test func aCommandsNextWordCompletesItsSubcommands() {
        let agent = Set(complete("agent "))
        #expect(agent.isSuperset(of: ["login", "logout", "ready"]))
        #expect(!agent.contains("agent"))
        #expect(Set(complete("agent lo")) == ["login", "logout"])
        #expect(complete("call ma") == ["make"])
    }

    @Test func aDashCompletesTheCommandsOptionsAndFlags() {
        let flags = complete("call make --")
        #expect(flags.contains("--instrument"))
        #expect(flags.contains("--follow"))
        #expect(flags.contains("--services"))
        #expect(flags.contains("--help"))
        #expect(flags.allSatisfy { $0.hasPrefix("--") })
        // Another command's options are not offered.
        #expect(!flags.contains("--list"))
        #expect(complete("encode --li") == ["--list"])
    }

    @Test func maskOptionsCompleteMaskNamesInListsToo() {
        #expect(complete("open --services CTI_SERVICE_CLIENT_E") == ["CTI_SERVICE_CLIENT_EVENTS"])
        let catalog = MessageCatalog.standard
        #expect(complete("open --services ") == catalog.serviceMask.entries.map(\.name))
        #expect(complete("open --call-mask ") == catalog.callEventMask.entries.map(\.name))
        #expect(complete("open --agent-mask ") == catalog.agentStateMask.entries.map(\.name))
        #expect(complete("open --config-mask ") == catalog.configMask.entries.map(\.name))
        // After a comma, the names not yet in the list, the list kept.
        let listed = complete("watch --services CTI_SERVICE_CLIENT_EVENTS,CTI_SERVICE_ALL_E")
        #expect(listed == ["CTI_SERVICE_CLIENT_EVENTS,CTI_SERVICE_ALL_EVENTS"])
        #expect(!complete("watch --services CTI_SERVICE_CLIENT_EVENTS,").contains("CTI_SERVICE_CLIENT_EVENTS,CTI_SERVICE_CLIENT_EVENTS"))
    }

    @Test func messageArgumentsCompleteMessageNames() {
        #expect(complete("send QUERY_DEVICE_INFO_R") == ["QUERY_DEVICE_INFO_REQ"])
        // `send` offers requests only; `describe messages` every message.
        #expect(complete("send QUERY_DEVICE_INFO_C").isEmpty)
        #expect(Set(complete("describe messages QUERY_DEVICE_INFO_")) == ["QUERY_DEVICE_INFO_REQ", "QUERY_DEVICE_INFO_CONF"])
        #expect(complete("encode HEARTBEAT_R") == ["HEARTBEAT_REQ"])
        #expect(complete("watch --filter END_CALL_EV") == ["END_CALL_EVENT"])
        #expect(complete("watch --filter BEGIN_CALL_EVENT,END_CALL_EV") == ["BEGIN_CALL_EVENT,END_CALL_EVENT"])
        // The topic first: an enum's values.
        #expect(complete("describe me") == ["messages"])
        #expect(complete("describe masks CTI_SERVICE_ALL_E") == ["CTI_SERVICE_ALL_EVENTS"])
    }

    @Test func afterAMessageNameItsFieldNamesComplete() throws {
        let descriptor = try #require(MessageCatalog.standard.descriptor(named: "QUERY_DEVICE_INFO_REQ"))
        #expect(complete("send QUERY_DEVICE_INFO_REQ ") == descriptor.fieldNames.map { $0 + "=" })
        #expect(complete("send QUERY_DEVICE_INFO_REQ Periph") == ["PeripheralID="])
        #expect(complete("send QUERY_DEVICE_INFO_REQ PeripheralID=5000 AgentIn") == ["AgentInstrument="])
        // Lower case typed, the field's spelling offered.
        #expect(complete("encode OPEN_REQ servicesreq") == ["ServicesRequested="])
        // A mask field's value: its mask names.
        #expect(complete("encode OPEN_REQ ServicesRequested=CTI_SERVICE_CLIENT_E") == ["ServicesRequested=CTI_SERVICE_CLIENT_EVENTS"])
        #expect(complete("encode OPEN_REQ ServicesRequested=CTI_SERVICE_CLIENT_EVENTS,CTI_SERVICE_ALL_E")
            == ["ServicesRequested=CTI_SERVICE_CLIENT_EVENTS,CTI_SERVICE_ALL_EVENTS"])
    }

    @Test func otherValuesCompleteToWhatTheSessionHasSeen() {
        #expect(complete("call hold 10", seen: ["1001", "1002", "2001"]) == ["1001", "1002"])
        #expect(complete("agent login --agent-id ", seen: ["1001", "agent7"]) == ["1001", "agent7"])
        // A flag takes no value: the word after it is the next argument.
        #expect(complete("send --force QUERY_DEVICE_INFO_R") == ["QUERY_DEVICE_INFO_REQ"])
    }
}
