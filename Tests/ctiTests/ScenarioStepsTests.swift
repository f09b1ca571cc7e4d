@testable import CTIConsole
import CTISimulator
import Foundation
import Testing

/// `[[step]]` tables in `cti simulate --scenario F`, with `cti` as the client: the simulator
/// exits 0 when the client did what the steps expect, 1 naming the first step that did not
/// happen, 64 naming the file, step and key of a bad scenario.
@Suite(.timeLimit(.minutes(3)))
struct ScenarioStepsTests {
    static let steps = """
    agents = 2

    [[step]]
    expect = "MAKE_CALL_REQ"
    fields = { DialedNumber = "%NUMBER%" }
    timeout = %TIMEOUT%

    [[step]]
    reply = "MAKE_CALL_CONF"
    fields = { NewConnectionCallID = 77, NewConnectionDeviceID = "2001" }

    [[step]]
    send = "AGENT_STATE_EVENT"
    fields = { PeripheralID = 5000, AgentState = "TALKING", AgentID = "1001" }

    [[step]]
    wait = 0.2

    [[step]]
    fail = "A"
    """

    static func scenario(number: String, timeout: Int = 10) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cti-steps-\(UUID().uuidString).toml").path
        let text = steps.replacingOccurrences(of: "%NUMBER%", with: number).replacingOccurrences(of: "%TIMEOUT%", with: String(timeout))
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// `cti -c open -c 'call make 5551234' -c 'wait AGENT_STATE_EVENT'`: the client.
    static func client(_ port: Int) throws -> CLIRunner.Result {
        try CLIRunner.run(["-c", "open --host 127.0.0.1:\(port) --instrument 2001 --agent-id 1001 -q",
                           "-c", "call make 5551234 --instrument 2001", "-c", "wait AGENT_STATE_EVENT --timeout 5", "-c", "sleep 1"])
    }

    @Test func aClientThatDoesWhatTheStepsExpectExits0() throws {
        let path = try Self.scenario(number: "5551234")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let simulator = try SimulatorProcess(["--scenario", path])
        defer { simulator.stop() }
        let client = try Self.client(simulator.portA)
        #expect(client.status == 0, "\(client.stderr)")
        #expect(client.stdout.contains("MAKE_CALL_CONF") && client.stdout.contains("call=77"), "the reply step: \(client.stdout)")
        #expect(client.stdout.contains("AGENT_STATE_EVENT") && client.stdout.contains("TALKING"), "the send step: \(client.stdout)")
        #expect(ReplayCommandTests.exitStatus(of: simulator) == 0, "\(simulator.logText)")
        try simulator.waitForLog(containing: "script: kill A")
    }

    @Test func aRequestWithOtherFieldsFailsNamingTheStep() throws {
        let path = try Self.scenario(number: "5559999")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let simulator = try SimulatorProcess(["--scenario", path])
        defer { simulator.stop() }
        _ = try Self.client(simulator.portA)
        #expect(ReplayCommandTests.exitStatus(of: simulator) == 1)
        try simulator.waitForLog(containing:
            "cti simulate: scenario \(path): step 1 (expect MAKE_CALL_REQ DialedNumber=5559999): DialedNumber is \"5551234\", expected \"5559999\"")
    }

    @Test func aRequestThatNeverComesFailsAtItsTimeout() throws {
        let path = try Self.scenario(number: "5551234", timeout: 1)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let simulator = try SimulatorProcess(["--scenario", path])
        defer { simulator.stop() }
        let idle = try CLIRunner.run(["-c", "open --host 127.0.0.1:\(simulator.portA) -q", "-c", "sleep 3"])
        #expect(ReplayCommandTests.exitStatus(of: simulator) == 1)
        try simulator.waitForLog(containing: "step 1 (expect MAKE_CALL_REQ DialedNumber=5551234): not received within 1 s")
        _ = idle
    }

    @Test func sigtermBeforeTheStepsHappenedExits1NamingTheFirst() throws {
        let path = try Self.scenario(number: "5551234")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let simulator = try SimulatorProcess(["--scenario", path])
        kill(simulator.process.processIdentifier, SIGTERM)
        #expect(ReplayCommandTests.exitStatus(of: simulator) == 1)
        try simulator.waitForLog(containing: "scenario \(path): step 1 (expect MAKE_CALL_REQ DialedNumber=5551234): "
            + "the simulator stopped before a session opened")
    }

    @Test(arguments: [
        ("[[step]]\nexpect = \"NO_SUCH_REQ\"\n", "step 1: key 'expect'"),
        ("[[step]]\nwait = 1\n[[step]]\nexpect = \"MAKE_CALL_REQ\"\nfields = { Bogus = 1 }\n", "step 2: key 'fields'"),
        ("[[step]]\nsend = \"END_CALL_EVENT\"\n", "step 1: key 'send'"),
        ("[[step]]\nfail = \"C\"\n", "step 1: key 'fail'"),
        ("[[step]]\nfail = \"A:explode\"\n", "step 1: key 'fail'"),
        ("[[step]]\nwait = 1\nreply = \"MAKE_CALL_CONF\"\n", "step 1: give exactly one of"),
        ("[[step]]\nwait = 1\ntimeout = 2\n", "step 1: key 'timeout' does not go with wait"),
        ("[[step]]\nexpect = \"MAKE_CALL_REQ\"\ntimeout = 0\n", "step 1: key 'timeout'"),
    ])
    func aBadStepIsNamedWithItsKey(_ text: String, _ named: String) throws {
        #expect(throws: Scenario.Failure.self) { try Scenario.parse(text, path: "s.toml") }
        do {
            _ = try Scenario.parse(text, path: "s.toml")
        } catch {
            #expect("\(error)".hasPrefix("scenario s.toml: \(named)"), "\(error)")
        }
    }

    @Test func aBadScenarioExits64NamingTheFileStepAndKey() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cti-steps-bad-\(UUID().uuidString).toml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("[[step]]\nexpect = \"MAKE_CALL_REQ\"\nfields = { DialedNumber = \"1\", Nope = 2 }\n".utf8).write(to: URL(fileURLWithPath: path))
        let result = try CLIRunner.run(["simulate", "--port-a", "0", "--port-b", "0", "--scenario", path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("scenario \(path): step 1: key 'fields'") && result.stderr.contains("Nope"), "\(result.stderr)")
    }

    @Test func stepsParseToTheScriptWithDefaults() throws {
        let scenario = try Scenario.parse("""
            [[step]]
            expect = "MAKE_CALL_REQ"
            [[step]]
            wait = 1.5
            [[step]]
            fail = "b:hang"
            """, path: "s.toml")
        #expect(scenario.steps == [.expect(try ExpectedRequest(name: "MAKE_CALL_REQ"), timeout: .seconds(10)), .wait(.milliseconds(1_500)),
                                   .fail(try FailStep("B:hang"))])
        var configuration = SimulatorConfiguration()
        scenario.apply(to: &configuration)
        #expect(configuration.script == ServerScript(steps: scenario.steps!, mode: .strict, scope: .firstSession))
    }
}
