import Foundation
import Testing

/// What a contact-center engineer meets on the first day (issue 16 §1 and §3): documented
/// commands work as typed, the REPL's and scripts' session lets every command through, one
/// resolution of "device", one embedded simulator per process, scripts that wait.
@Suite(.timeLimit(.minutes(3)))
struct FieldReadyCommandTests {
    static let isolated = ["XDG_CONFIG_HOME": "/nonexistent", "HOME": "/nonexistent", "CTI_HOST": "", "CTI_PROFILE": ""]

    @Test func requestsNamingOnlyACallOrDeviceNeedNoAgent() throws {
        let sent = try CLIRunner.run(["send", "QUERY_DEVICE_INFO_REQ", "PeripheralID=5000", "AgentInstrument=2001", "-q"], environment: Self.isolated)
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.contains("QUERY_DEVICE_INFO_CONF"))
        // A persistent call refuses features (R9): the refusal, not a services error.
        let held = try CLIRunner.run(["-c", "persistent make --device 5001 --calling-id 4000 --wait connected", "-c", "call hold $CALLID --device 5001"],
                                     environment: Self.isolated)
        #expect(held.status == 1, "\(held.stderr)")
        #expect(held.stderr.contains("OPERATION_NOT_ALLOWED_ON_PERSISTENT_CALL"), "\(held.stderr)")
    }

    /// A `cti simulate` without inbound traffic (the embedded one's calls keep agents busy).
    static func quietServer(_ simulator: SimulatorProcess) -> [String: String] {
        isolated.merging(["CTI_HOST": "127.0.0.1:\(simulator.portA)", "CTI_HOST_B": "127.0.0.1:\(simulator.portB)"]) { $1 }
    }

    @Test func theScriptSessionAllowsWhatTheConsoleOffers() throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let result = try CLIRunner.run(["-c", "open", "-c", "call make 5551234 --instrument 2001", "-c", "agent ready --instrument 2002 --agent-id 1002"],
                                       environment: Self.quietServer(simulator))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("MAKE_CALL_CONF"))
        #expect(result.stderr.contains("CLIENT_CONTROL"), "the grant names CLIENT_CONTROL: \(result.stderr)")
    }

    @Test func aRefusedServiceSaysHowToGetIt() throws {
        let result = try CLIRunner.run(["-c", "open --services ALL_EVENTS", "-c", "call make 5551234 --instrument 2001"], environment: Self.isolated)
        #expect(result.status == 1)
        #expect(result.stderr.contains("open --services ALL_EVENTS,CLIENT_CONTROL"), "\(result.stderr)")
    }

    @Test func oneDeviceResolutionAndOneSimulatorPerProcess() throws {
        // Made by its device name, listed and dropped by it, after close/open on the same embedded simulator.
        let result = try CLIRunner.run(["-c", "open", "-c", "watch --off", "-c", "persistent make --device CTRID5001 --calling-id 4000 --wait connected", "-c", "close",
                                        "-c", "open", "-c", "persistent list --device CTRID5001 -o json", "-c", "persistent drop $CALLID --device CTRID5001"],
                                       environment: Self.isolated)
        #expect(result.status == 0, "\(result.stderr)")
        let callID = try #require(result.stdoutLines.lazy.compactMap { UInt32($0) }.first, "\(result.stdout)")
        let listed = result.stdoutLines.filter { $0.hasPrefix("{") }.compactMap { try? CLIRunner.json($0) }
        #expect(listed.contains { $0["source"] as? String == "server" && ($0["callID"] as? NSNumber)?.uint32Value == callID },
                "the call survived close/open: \(result.stdout)")
        #expect(result.stdout.contains("CLEAR_CONNECTION_CONF call=\(callID) device=CTRID5001"), "\(result.stdout)")
        #expect(result.stderr.components(separatedBy: "using the embedded simulator").count == 2, "one simulator: \(result.stderr)")
    }

    @Test func persistentMakeWaitPrintsOnlyTheCallIDAndDropFindsItsDeviceLater() throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("cti-home-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = ["HOME": home.path, "XDG_CONFIG_HOME": "", "XDG_STATE_HOME": "",
                           "CTI_HOST": "127.0.0.1:\(simulator.portA)", "CTI_HOST_B": "127.0.0.1:\(simulator.portB)"]
        let made = try CLIRunner.run(["persistent", "make", "--device", "5001", "--calling-id", "4000", "--wait", "connected", "-q"], environment: environment)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdoutLines.count == 1 && UInt32(made.stdoutLines[0]) != nil, "only the call ID: \(made.stdout)")
        // A later process drops it by its ID alone (README: the first form).
        let dropped = try CLIRunner.run(["persistent", "drop", made.stdoutLines[0], "-q"], environment: environment)
        #expect(dropped.status == 0, "\(dropped.stderr)")
        #expect(dropped.stdout.contains("CLEAR_CONNECTION_CONF call=\(made.stdoutLines[0]) device=5001"))
        // A call this user did not make needs its device.
        let unknown = try CLIRunner.run(["persistent", "drop", "424242", "-q"], environment: environment)
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("give --device"), "\(unknown.stderr)")
    }

    @Test func listingsAndLookUpsByNumberAndHelpEverywhere() throws {
        let listed = try CLIRunner.run(["-c", "persistent make --device 5001 --calling-id 4000", "-c", "persistent list -o json"], environment: Self.isolated)
        #expect(listed.status == 0, "\(listed.stderr)")
        let objects = listed.stdoutLines.filter { $0.hasPrefix("{") }
        #expect(!objects.isEmpty && objects.allSatisfy { (try? CLIRunner.json($0)) != nil }, "\(listed.stdout)")
        let message = try CLIRunner.run(["describe", "messages", "3"])
        #expect(message.status == 0 && message.stdout.hasPrefix("OPEN_REQ (3, C->S"), "\(message.stdout)")
        let mask = try CLIRunner.run(["describe", "masks", "0x14"])
        #expect(mask.stdout.contains("CTI_SERVICE_CLIENT_CONTROL | CTI_SERVICE_ALL_EVENTS"), "\(mask.stdout)")
        let status = try CLIRunner.run(["describe", "status", "12"])
        #expect(status.stdout.contains("E_CTI_FUNCTION_NOT_AVAILABLE"))
        let unknown = try CLIRunner.run(["describe", "messages", "99999"])
        #expect(unknown.status == 64 && unknown.stderr.contains("no message has type number 99999"), "\(unknown.stderr)")
        for arguments in [["sim", "--help"], ["sim", "help"], ["sim"]] {
            let help = try CLIRunner.run(arguments)
            #expect(help.status == 0, "\(arguments): \(help.stderr)")
            #expect(help.stdout.contains("heartbeats stop A|B"))
        }
    }

    @Test func scriptsWaitSleepAndReuseTheCallID() throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let started = Date()
        let result = try CLIRunner.run(["-c", "open -q", "-c", "call make 5551234 --instrument 2001", "-c", "sleep 0.5",
                                        "-c", "wait CALL_ESTABLISHED_EVENT ConnectionCallID=$CALLID --timeout 10", "-c", "call clear $CALLID --device 2001"],
                                       environment: Self.quietServer(simulator))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("CLEAR_CALL_CONF"), "\(result.stdout)")
        #expect(!result.stderr.contains("side A: connecting"), "open -q quiets lifecycle notes for the script: \(result.stderr)")
        #expect(Date().timeIntervalSince(started) >= 0.5)
        let timedOut = try CLIRunner.run(["-c", "open -q", "-c", "wait AGENT_STATE_EVENT AgentID=9999 --timeout 1"], environment: Self.isolated)
        #expect(timedOut.status == 124, "\(timedOut.stderr)")
        #expect(timedOut.stderr.contains("no AGENT_STATE_EVENT within 1 s"))
        let oneShot = try CLIRunner.run(["wait", "AGENT_STATE_EVENT", "--timeout", "10", "-q", "-o", "json"], environment: Self.isolated)
        #expect(oneShot.status == 0, "\(oneShot.stderr)")
        #expect(try oneShot.stdoutLines.map { try CLIRunner.json($0)["type"] as? String } == ["AGENT_STATE_EVENT"])
    }

    @Test func watchFiltersByWho() throws {
        let result = try CLIRunner.run(["watch", "--device", "2002", "--count", "3", "--timeout", "20", "-q", "-o", "json"], environment: Self.isolated)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutLines.count == 3)
        for line in result.stdoutLines {
            #expect(line.contains("\"2002\""), "\(line)")
        }
    }
}
