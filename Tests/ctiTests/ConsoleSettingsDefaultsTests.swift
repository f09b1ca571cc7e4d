import CTIProtocol
import Testing
@testable import CTIConsole

/// The services a command opens with when `--services` is not given: what its requests need,
/// never a mask the server would refuse for want of an agent.
@Suite struct ConsoleSettingsDefaultsTests {
    func services(_ arguments: [String], _ defaults: ConsoleSettings.Defaults) throws -> UInt32 {
        try ConsoleSettings.resolve(ConnectionOptions.parse(["--no-config"] + arguments), defaults: defaults, environment: [:]).services
    }

    @Test func aCommandNamingAnAgentOpensAsItsDesktop() throws {
        let desktop = ServiceMaskBits.clientEvents | ServiceMaskBits.clientControl
        #expect(try services(["--instrument", "2001"], .request) == desktop)
        #expect(try services(["--agent-id", "1001"], .session) == desktop)
    }

    @Test func aCommandNamingOnlyCallsOrDevicesOpensAsABridge() throws {
        let bridge = ServiceMaskBits.allEvents | ServiceMaskBits.clientControl
        #expect(try services([], .request) == bridge)
        #expect(try services([], .session) == bridge)
        #expect(try services([], .watch) == ServiceMaskBits.allEvents)
    }

    @Test func askingForClientEventsWithoutAnAgentIsStillAnError() throws {
        #expect(throws: ConsoleSettings.Failure.self) { try services(["--services", "CLIENT_EVENTS"], .request) }
    }
}
