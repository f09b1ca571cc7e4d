import CTIProtocol
@testable import CTISimulator
import Testing

/// OPEN_REQ decisions alone (`session.md` §2-3, §9), without sockets.
@Suite struct OpenPolicyTests {
    static let environment = OpenPolicy.Environment(
        role: .active, inMaintenance: false, password: Array("secret".utf8), peripherals: [5000],
        agents: [SimulatedAgent(agentID: "1001", agentExtension: "2001", agentInstrument: "2001")], heldDevices: [])

    func decide(_ request: OpenRequest, _ change: (inout OpenPolicy.Environment) -> Void = { _ in }) -> OpenPolicy.Decision {
        var environment = OpenPolicyTests.environment
        change(&environment)
        return OpenPolicy.evaluate(request.fields, in: environment)
    }

    func status(_ decision: OpenPolicy.Decision) -> UInt32? {
        if case .refuse(let status, _) = decision { return status.rawValue }
        return nil
    }

    @Test func grantsTheServicesRequestedWithTheSideSessionType() throws {
        let services = Fixtures.allEvents | Fixtures.activeStandby | Fixtures.clientControl
        guard case .accept(let grant) = decide(Fixtures.open(services: services)) else { Issue.record("refused"); return }
        #expect(grant.services == services)
        #expect(grant.sessionType == .active)
        guard case .accept(let standby) = decide(Fixtures.open(services: services), { $0.role = .standby }) else { Issue.record("refused"); return }
        #expect(standby.sessionType == .standby)
    }

    @Test func passwordsIgnoreTrailingNULsAndAreNotCheckedWhenNoneIsConfigured() {
        #expect(status(decide(Fixtures.open(password: "secret\0"))) == nil)
        #expect(status(decide(Fixtures.open(password: "other"))) == 36)
        #expect(status(decide(Fixtures.open(password: "other"), { $0.password = nil })) == nil)
    }

    /// The request as the engine reads it once it speaks the request's version: decoded by that
    /// version's decoder, which notes what the version lacks.
    func read(_ request: OpenRequest, in version: ProtocolVersion) throws -> MessageFields {
        let encoded = try CTIMessageEncoder(version: .v25, allowUndefinedMaskBits: true).encode(.fields(request.fields))
        return try #require(try CTIMessageDecoder(version: version).decode(CTIFrame(encoded: encoded)).fields)
    }

    static let max23: @Sendable (inout OpenPolicy.Environment) -> Void = { $0.maxProtocol = ProtocolVersion(23)! }

    @Test func versionsFrom20UpToTheMaximumAreAcceptedOthersAreInvalidVersion() {
        for version in UInt32(20)...25 {
            #expect(status(decide(Fixtures.open(version: version))) == nil, "version \(version), maximum 25")
        }
        for version in UInt32(20)...23 {
            #expect(status(decide(Fixtures.open(version: version), Self.max23)) == nil, "version \(version), maximum 23")
        }
        for version: UInt32 in [0, 19, 24, 25, 26] {
            #expect(status(decide(Fixtures.open(version: version), Self.max23)) == 1, "version \(version), maximum 23")
        }
        guard case .refuse(_, let reason) = decide(Fixtures.open(version: 25), Self.max23) else { Issue.record("accepted"); return }
        #expect(reason == "VersionNumber 25: this server speaks protocol 20 to 23 (--max-protocol 23)")
    }

    @Test func aStandbySideSendsClientsOlderThan24ToTheActiveSide() {
        let standby: (inout OpenPolicy.Environment) -> Void = { $0.role = .standby }
        for version in UInt32(20)...23 {
            #expect(status(decide(Fixtures.open(services: Fixtures.allEvents, version: version), standby)) == 15, "version \(version)")
        }
        #expect(status(decide(Fixtures.open(services: Fixtures.allEvents, version: 24), standby)) == 107)
        #expect(status(decide(Fixtures.open(services: Fixtures.allEvents | Fixtures.activeStandby, version: 24), standby)) == nil)
    }

    @Test func inMaintenanceClientsOlderThan24AreToldTheServerIsOffline() {
        let maintenance: (inout OpenPolicy.Environment) -> Void = { $0.inMaintenance = true }
        #expect(status(decide(Fixtures.open(version: 23), maintenance)) == 15, "23 has no status 110")
        #expect(status(decide(Fixtures.open(version: 24), maintenance)) == 110)
    }

    @Test func aValueNewerThanTheRequestsVersionIsInvalidTagForVersion() throws {
        let services = Fixtures.allEvents | Fixtures.activeStandby
        #expect(status(OpenPolicy.evaluate(try read(Fixtures.open(services: services, version: 23), in: ProtocolVersion(23)!),
                                           in: Self.environment)) == 49, "CTI_SERVICE_ACTIVE_STANDBY arrived in 24")
        #expect(status(OpenPolicy.evaluate(try read(Fixtures.open(services: services, version: 24), in: .v24), in: Self.environment)) == nil)
        var request = Fixtures.open(version: 22)
        request.callMessageMask = 0x1000_0000  // NETWORK_RECORDING_STARTED_MASK, arrived in 23
        let decision = OpenPolicy.evaluate(try read(request, in: ProtocolVersion(22)!), in: Self.environment)
        #expect(status(decision) == 49)
        guard case .refuse(_, let reason) = decision else { return }
        #expect(reason.contains("is not in protocol 22 (it arrived in 23)"), "\(reason)")
    }

    @Test func maintenanceComesFirst() {
        #expect(status(decide(Fixtures.open(version: 3), { $0.inMaintenance = true })) == 110)
    }

    @Test func theSameClientOnTheSameDeviceReplacesAnotherClientIsRefused() {
        let held = [OpenPolicy.HeldDevice(connection: ConnectionID(value: 4), clientID: "desktop", device: "2001")]
        guard case .accept(let grant) = decide(Fixtures.agentOpen(client: "desktop"), { $0.heldDevices = held }) else {
            Issue.record("refused")
            return
        }
        #expect(grant.replacing == [ConnectionID(value: 4)])
        #expect(grant.device == "2001")
        #expect(status(decide(Fixtures.agentOpen(client: "intruder"), { $0.heldDevices = held })) == 10)
    }

    @Test func theAgentTableRuleNeedsAConfiguredAgent() {
        #expect(status(decide(Fixtures.agentOpen(instrument: "2999"))) == 32)
        #expect(status(decide(Fixtures.agentOpen(instrument: "2999"), { $0.agents = [] })) == nil)
    }
}
