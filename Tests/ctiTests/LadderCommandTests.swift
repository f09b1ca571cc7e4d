import Foundation
import Testing

/// `cti ladder CALLID` (issue 21): golden diagrams of recordings made by driving the simulator
/// through the proxy (Fixtures/ladder/record.sh), the exit statuses, and a live ladder against
/// `cti simulate`.
@Suite(.timeLimit(.minutes(5)))
struct LadderCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/ladder")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// Each recording's call 16777300 as text and mermaid, byte for byte; the JSON Lines of
    /// `watch -o json` (events only, no requests) too.
    @Test(arguments: [("transfer.pcap", "text", "transfer.text"), ("transfer.pcap", "mermaid", "transfer.mermaid"),
                      ("conference.pcap", "text", "conference.text"), ("conference.pcap", "mermaid", "conference.mermaid"),
                      ("persistent.pcap", "text", "persistent.text"), ("persistent.pcap", "mermaid", "persistent.mermaid"),
                      ("transfer-watch.jsonl", "text", "transfer-watch.text")])
    func goldenDiagrams(input: String, format: String, golden: String) throws {
        let result = try CLIRunner.run(["ladder", "16777300", "--from", Self.fixture(input), "--format", format])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = try String(contentsOfFile: Self.fixture(golden), encoding: .utf8)
        #expect(result.stdout == expected)
    }

    /// The transfer follows the consult call (16777301) and the merged call: its events and
    /// the requests answering them are in the diagram, with 2002 as a party.
    @Test func transferFollowsTheConsultCall() throws {
        let result = try CLIRunner.run(["ladder", "16777300", "--from", Self.fixture("transfer.pcap")])
        #expect(result.status == 0)
        #expect(result.stdoutLines[1].hasSuffix("2002"))
        #expect(result.stdout.contains("|---------------------- CALL_DELIVERED_EVENT ---------------------->|"))
        #expect(result.stdout.contains("|<---------------------------------------- ANSWER_CALL_CONF ------------------------------------------|"))
        #expect(result.stdout.contains("MAKE_CALL_REQ"))
        #expect(!result.stdout.contains("AGENT_STATE_EVENT"))
    }

    /// The consult call asked for directly draws the original call as well (linked by the transfer).
    @Test func theConsultCallLeadsToTheSameDiagram() throws {
        let original = try CLIRunner.run(["ladder", "16777300", "--from", Self.fixture("transfer.pcap")])
        let consult = try CLIRunner.run(["ladder", "16777301", "--from", Self.fixture("transfer.pcap")])
        #expect(consult.status == 0)
        #expect(consult.stdoutLines.dropFirst() == original.stdoutLines.dropFirst())
        #expect(consult.stdoutLines.first == "Call 16777301")
    }

    @Test func svgIsOneSelfContainedImage() throws {
        let result = try CLIRunner.run(["ladder", "16777300", "--from", Self.fixture("conference.pcap"), "--format", "svg"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(result.stdout.hasSuffix("</svg>\n"))
        #expect(result.stdout.contains(">CALL_CONFERENCED_EVENT</text>"))
        #expect(!result.stdout.contains("href"))
        #expect(result.stdout.components(separatedBy: "<svg ").count == 2)
    }

    @Test func anUnknownCallIsExitOneNamingIt() throws {
        let result = try CLIRunner.run(["ladder", "42", "--from", Self.fixture("persistent.pcap")])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("no message in \(Self.fixture("persistent.pcap")) names call 42"), "\(result.stderr)")
    }

    @Test func aFileThatIsNoRecordingIsExit65() throws {
        let result = try CLIRunner.run(["ladder", "16777300", "--from", Self.fixture("record.sh")])
        #expect(result.status == 65)
        #expect(result.stderr.contains("not a capture file nor a raw recording"), "\(result.stderr)")
        let json = FileManager.default.temporaryDirectory.appendingPathComponent("ladder-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: json) }
        try Data("{\"type\":\"BEGIN_CALL_EVENT\",\"fields\":{}}\n{ half\n".utf8).write(to: json)
        let broken = try CLIRunner.run(["ladder", "16777300", "--from", json.path])
        #expect(broken.status == 65)
        #expect(broken.stderr.contains("line 2: not a JSON object"), "\(broken.stderr)")
        let missing = try CLIRunner.run(["ladder", "16777300", "--from", "/nonexistent/ladder.pcap"])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("/nonexistent/ladder.pcap: cannot be read"), "\(missing.stderr)")
    }

    @Test(arguments: [["ladder", "x"], ["ladder", "1", "--format", "png"], ["ladder", "1", "--from", "f", "--count", "2"],
                      ["ladder", "1", "--connection", "2"], ["ladder", "1", "--count", "0"]])
    func badFlagsAreExit64(arguments: [String]) throws {
        let result = try CLIRunner.run(arguments)
        #expect(result.status == 64, "\(result.stderr)")
    }

    /// Live: a call made and cleared while `cti ladder` watches; it ends at the call's END_CALL_EVENT.
    @Test func liveLadderDrawsTheCallUntilItEnds() throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let hosts = ["--no-config", "--host", "127.0.0.1:\(simulator.portA)", "--host-b", "127.0.0.1:\(simulator.portB)"]
        let ladder = Process()
        ladder.executableURL = CLIRunner.executable
        ladder.arguments = ["ladder", "16777300", "--timeout", "60"] + hosts
        let output = Pipe(), errors = Pipe()
        ladder.standardOutput = output
        ladder.standardError = errors
        try ladder.run()
        defer { if ladder.isRunning { ladder.terminate() } }
        try simulator.waitForLog(containing: "opened")
        let make = try CLIRunner.run(["-c", "call make 5551234 --instrument 2001", "-c", "wait CALL_ESTABLISHED_EVENT --timeout 10",
                                      "-c", "call clear 16777300 --device 2001"], environment: ["CTI_HOST": "127.0.0.1:\(simulator.portA)",
                                                                                              "CTI_HOST_B": "127.0.0.1:\(simulator.portB)",
                                                                                              "XDG_CONFIG_HOME": "/nonexistent"])
        #expect(make.status == 0, "\(make.stderr)")
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ladder.waitUntilExit()
        #expect(ladder.terminationStatus == 0)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "Call 16777300")
        #expect(lines.contains { $0.contains("* BEGIN_CALL_EVENT") })
        #expect(lines.contains { $0.contains("* CALL_ESTABLISHED_EVENT") })
        #expect(lines.last?.contains("* END_CALL_EVENT") == true, "\(text)")
        #expect(lines.contains { $0.hasSuffix("5551234") && !$0.contains("|") }, "a header naming the called party: \(text)")
    }

    @Test func aLiveLadderWithNoSessionIsAConnectionFailure() throws {
        // Port 1 on loopback: nothing listens, the connection is refused.
        let result = try CLIRunner.run(["ladder", "16777300", "--no-config", "--no-embedded", "--host", "127.0.0.1:1", "--timeout", "2"])
        #expect(result.status == 2, "\(result.stdout) \(result.stderr)")
        #expect(result.stderr.contains("no session opened"), "\(result.stderr)")
    }
}
