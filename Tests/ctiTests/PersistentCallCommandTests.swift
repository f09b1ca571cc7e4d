import Foundation
import Testing

/// Persistent calls end to end: the built `cti` against `cti simulate` (issue 5 of 7).
@Suite(.timeLimit(.minutes(3)))
struct PersistentCallCommandTests {
    @Test func makeCustomerCallDeferredDropAndSurvivingTheMakingProcess() throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let hosts = ["--no-config", "--host", "127.0.0.1:\(simulator.portA)", "--host-b", "127.0.0.1:\(simulator.portB)", "-q"]

        // make → connected
        let made = try CLIRunner.run(["persistent", "make", "--device", "5001", "--calling-id", "4000", "--calling-name", "Ops",
                                      "--wait", "connected", "--timeout", "10"] + hosts)
        #expect(made.status == 0, "\(made.stderr)")
        let persistentID = try #require(made.stdoutLines.first.flatMap { UInt32($0) })
        #expect(made.stdoutLines.count == 1, "only the call ID on stdout (ID=$(cti persistent make ...)): \(made.stdout)")

        // A customer call arrives and ends on the same device: the persistent call stays up.
        let first = try simulator.ask("call in 5001", expecting: "ringing")
        let firstCustomer = try #require(first.split(separator: " ").dropFirst().first.flatMap { UInt32($0) })
        _ = try simulator.ask("call end \(firstCustomer)", expecting: "\(firstCustomer)")
        usleep(300_000)
        let stillUp = try CLIRunner.run(["persistent", "list", "--device", "5001"] + hosts)
        #expect(stillUp.stdout.contains("call=\(persistentID)"), "\(stillUp.stdout) \(stillUp.stderr)")

        // Another customer call arrives; now the drop is refused and deferred.
        let ringing = try simulator.ask("call in 5001", expecting: "ringing")
        let customerID = try #require(ringing.split(separator: " ").dropFirst().first.flatMap { UInt32($0) })
        let refused = try CLIRunner.run(["persistent", "drop", "--device", "5001"] + hosts)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("a customer call is active on 5001"), "\(refused.stderr)")
        #expect(refused.stderr.contains("PERSISTENT_CALL_DROP_FAILED_CALL_ACTIVE"))
        let listed = try CLIRunner.run(["persistent", "list", "--device", "5001"] + hosts)
        #expect(listed.stdout.contains("call=\(persistentID)"), "the persistent call is still up: \(listed.stdout) \(listed.stderr)")

        // The customer call ends: the persistent call goes with it (deferred drop).
        _ = try simulator.ask("call end \(customerID)", expecting: "\(customerID)")
        usleep(500_000)
        let after = try CLIRunner.run(["persistent", "list", "--device", "5001"] + hosts)
        #expect(after.stdout.contains("no persistent call on 5001"), "\(after.stdout) \(after.stderr)")

        // Made by a process that exits, dropped by a new one found by its device.
        let again = try CLIRunner.run(["persistent", "make", "--device", "5001", "--calling-id", "4000", "--wait", "connected"] + hosts)
        #expect(again.status == 0, "\(again.stderr)")
        let secondID = try #require(again.stdoutLines.first.flatMap { UInt32($0) })
        #expect(secondID != persistentID, "call IDs are never reused")
        let dropped = try CLIRunner.run(["persistent", "drop", "--device", "5001"] + hosts)
        #expect(dropped.status == 0, "\(dropped.stderr)")
        #expect(dropped.stdout.contains("CLEAR_CONNECTION_CONF call=\(secondID)"))
        usleep(300_000)
        let cleared = try CLIRunner.run(["persistent", "list", "--device", "5001"] + hosts)
        #expect(cleared.stdout.contains("no persistent call on 5001"), "\(cleared.stdout)")
    }

    @Test func refusalsNameTheRuleAndCiscosError() throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let hosts = ["--no-config", "--host", "127.0.0.1:\(simulator.portA)", "--host-b", "127.0.0.1:\(simulator.portB)", "-q"]
        _ = try simulator.ask("rd deactivate 5001 91955500011", expecting: "5001")
        let refused = try CLIRunner.run(["persistent", "make", "--device", "5001", "--calling-id", "4000"] + hosts)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("no active remote destination on 5001 (LINEERR_OPERATION_FAIL_NO_ACTIVE_RD_SET)"), "\(refused.stderr)")
        let phone = try CLIRunner.run(["persistent", "make", "--device", "2001", "--calling-id", "4000"] + hosts)
        #expect(phone.status == 1)
        #expect(phone.stderr.contains("2001 is not a CTI Remote Device"), "\(phone.stderr)")
    }

    @Test func jsonMarksTheEventsOfAPersistentCall() throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let hosts = "--no-config --host 127.0.0.1:\(simulator.portA) --host-b 127.0.0.1:\(simulator.portB) -q"
        // One-shot, `--wait connected -o json` prints the confirmation alone; a session watching
        // in JSON (a script here) shows the call's events marked.
        let made = try CLIRunner.run(["-c", "open \(hosts)", "-c", "watch -o json",
                                      "-c", "persistent make --device 5002 --calling-id 4000 --wait connected -o json"])
        #expect(made.status == 0, "\(made.stderr)")
        let objects = try made.stdoutLines.filter { $0.hasPrefix("{") }.map(CLIRunner.json).filter { $0["type"] as? String != "SYSTEM_EVENT" }
        let confirmation = try #require(objects.first { $0["type"] as? String == "PERSISTENT_CALL_CONF" })
        #expect(confirmation["extension"] as? Bool == true)
        let established = try #require(objects.first { $0["type"] as? String == "CALL_ESTABLISHED_EVENT" })
        #expect(established["persistent"] as? Bool == true)
        #expect(established["tapiState"] as? String == "CONNECTED|PERSISTENT 0x20000100")
    }

    @Test func aMobileAgentLogsInWithANailedConnectionAndOut() throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let hosts = ["--no-config", "--host", "127.0.0.1:\(simulator.portA)", "--host-b", "127.0.0.1:\(simulator.portB)", "-q",
                     "--instrument", "2001", "--agent-id", "1001"]
        #expect(try CLIRunner.run(["agent", "not-ready"] + hosts).status == 0)
        #expect(try CLIRunner.run(["agent", "logout"] + hosts).status == 0)
        let login = try CLIRunner.run(["agent", "login", "--nailed", "--remote-number", "5550100"] + hosts)
        #expect(login.status == 0, "\(login.stderr)")
        #expect(login.stdout.contains("SET_AGENT_STATE_CONF"))
        let usage = try CLIRunner.run(["agent", "login", "--nailed"] + hosts)
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("needs both --nailed (or --call-by-call) and --remote-number"))
    }
}
