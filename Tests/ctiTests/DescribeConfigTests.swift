import Foundation
import Testing

@Suite struct DescribeConfigTests {
    @Test func describeListsNamesAndNumbers() throws {
        let masks = try CLIRunner.run(["describe", "masks"])
        #expect(masks.status == 0)
        #expect(masks.stdout.contains("0x02000000  CTI_SERVICE_ACTIVE_STANDBY"))
        #expect(masks.stdout.contains("0x00002000  AGENT_NOT_ACTIVE_MASK"))
        let open = try CLIRunner.run(["describe", "messages", "open-req"])
        #expect(open.stdoutLines.first == "OPEN_REQ (3, C->S, Session), protocol 25: fixed part 44 bytes")
        #expect(open.stdout.contains("floating  ClientID STRING[64] tag 1 (required)"))
        let status = try CLIRunner.run(["describe", "status"])
        #expect(status.stdout.contains("15    E_CTI_CTI_SERVER_OFFLINE"))
        let failures = try CLIRunner.run(["describe", "failures"])
        #expect(failures.stdout.contains("70    CF_GENERIC_UNSPECIFIED_REJECTION"))
        let events = try CLIRunner.run(["describe", "events"])
        #expect(events.stdout.contains("AGENT_STATE_EVENT"))
        #expect(!events.stdout.contains("OPEN_REQ"))
        let unknown = try CLIRunner.run(["describe", "messages", "NOPE"])
        #expect(unknown.status == 64)
    }

    @Test func configShowNamesSourcesAndNeverThePassword() throws {
        let result = try CLIRunner.run(["config", "show", "--no-config", "--host", "cti.example.com", "--instrument", "2001"],
                                       environment: ["CTI_PASSWORD": "s3cr3t-value", "CTI_CLIENT_ID": "bridge-7"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("host             cti.example.com:42027  (flag)"))
        #expect(result.stdout.contains("client-id        bridge-7  (env CTI_CLIENT_ID)"))
        #expect(result.stdout.contains("password         *** (from CTI_PASSWORD)"))
        #expect(!result.stdout.contains("s3cr3t") && !result.stderr.contains("s3cr3t"))
    }
}

@Suite struct SimulateScenarioCommandTests {
    @Test func aBadScenarioIsAUsageErrorNamingTheKey() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cti-scenario-\(UUID().uuidString).toml").path
        try "agents = 3\ncolour = 1\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLIRunner.run(["simulate", "--port-a", "0", "--port-b", "0", "--scenario", path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("unknown key 'colour'"))
    }
}
