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
