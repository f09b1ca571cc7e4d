import Testing
@testable import CTIProtocol

@Suite struct MaskParserTests {
    let services = MessageCatalog.standard.serviceMask

    @Test(arguments: [
        ("CLIENT_EVENTS", UInt32(0x1)),
        ("CTI_SERVICE_CLIENT_EVENTS", 0x1),
        ("client-events", 0x1),
        ("0x11", 0x11),
        ("17", 0x11),
        ("CLIENT_EVENTS,ALL_EVENTS", 0x11),
        ("client-events|all-events", 0x11),
        ("ALL_EVENTS | CLIENT_CONTROL", 0x14),
        ("AGENT_STATE_CONTROL_ONLY", 0x2000),
        ("ACTIVE_STANDBY", 0x0200_0000),
        ("none", 0),
    ])
    func serviceMaskSpellings(text: String, value: UInt32) throws {
        #expect(try MaskParser.parse(text, table: services) == value)
    }

    @Test func allIsEveryDefinedBit() throws {
        #expect(try MaskParser.parse("all", table: services) == services.definedBits)
        #expect(services.definedBits & 0x200 == 0, "0x200 is unassigned")
        #expect(try MaskParser.parse("all", table: MessageCatalog.standard.callEventMask) == 0xFFFF_FFFF)
        #expect(try MaskParser.parse("ALL", table: MessageCatalog.standard.configMask) == 0x3FF)
    }

    @Test func allIsWhatTheVersionHasAndLaterBitsAreRefused() throws {
        let pv22 = MessageCatalog.standard.forVersion(22)
        // Network recording's call event bits 28-31 arrived in 23; config bits 0x100/0x200 in 24.
        #expect(try MaskParser.parse("all", table: pv22.callEventMask) == 0x0FFF_FFFF)
        #expect(try MaskParser.parse("all", table: pv22.configMask) == 0xFF)
        #expect(try MaskParser.parse("all", table: pv22.serviceMask) & ServiceMaskBits.activeStandby == 0)
        #expect(throws: MaskParser.Failure.self) { try MaskParser.parse("NETWORK_RECORDING_STARTED", table: pv22.callEventMask) }
        #expect(throws: MaskParser.Failure.self) { try MaskParser.parse("0x10000000", table: pv22.callEventMask) }
        #expect(throws: MaskParser.Failure.self) { try MaskParser.parse("ACTIVE_STANDBY", table: pv22.serviceMask) }
        #expect(try MaskParser.parse("NETWORK_RECORDING_STARTED", table: MessageCatalog.standard.forVersion(23).callEventMask) == 0x1000_0000)
    }

    @Test func undefinedBitsAreRefusedUnlessForced() throws {
        #expect(throws: MaskParser.Failure.self) { try MaskParser.parse("0x200", table: services) }
        #expect(try MaskParser.parse("0x200", table: services, allowUndefined: true) == 0x200)
    }

    @Test func unknownNamesNameTheProblem() {
        do {
            _ = try MaskParser.parse("CLIENT_EVENTS,BOGUS", table: services)
            Issue.record("expected a failure")
        } catch {
            #expect(error.text == "BOGUS")
            #expect(error.description.contains("ServiceMask"))
        }
    }

    @Test func callAndAgentMaskShortNames() throws {
        let catalog = MessageCatalog.standard
        #expect(try MaskParser.parse("DELIVERED,ESTABLISHED,CLEARED", table: catalog.callEventMask) == 0x25)
        #expect(try MaskParser.parse("BEGIN_CALL|END_CALL", table: catalog.callEventMask) == 0x6000)
        #expect(try MaskParser.parse("login,logout,available", table: catalog.agentStateMask) == 0xB)
        #expect(try MaskParser.parse("CONFIG_AGENT,device", table: catalog.configMask) == 0xC)
    }
}
