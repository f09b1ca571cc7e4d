import CTICapture
import CTITestSupport
import Foundation
import Testing

/// `cti decode --pcap`, run as the built binary on captures the suite makes from encoded
/// frames: text and JSON Lines, stdin, --filter, -v, --hex, --port, --stats, gaps, and bad
/// files (exit 65 naming the file and the problem, the messages before a truncation printed).
@Suite struct DecodePcapTests {
    static let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cti-decode-pcap-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// 10.1.1.5:50000 → 10.1.1.9:`port`: OPEN_REQ, OPEN_CONF, a call event, a heartbeat; one
    /// packet a millisecond from 2026-11-23T13:45:46.123Z.
    static func capture(port: UInt16 = 42027, linkType: LinkType = .ethernet) throws -> TestCapture {
        var connection = TestConnection(client: TCPEndpoint(address: IPAddress("10.1.1.5")!, port: 50000),
                                        server: TCPEndpoint(address: IPAddress("10.1.1.9")!, port: port))
        let open = connection.send(try TestFrames.openRequest(), .clientToServer)
        let confirmation = connection.send(try TestFrames.openConfirmation(), .serverToClient)
        let call = connection.send(try TestFrames.callDelivered(callID: 77), .serverToClient)
        let heartbeat = connection.send(try TestFrames.heartbeat(invokeID: 2), .clientToServer)
        var capture = TestCapture(linkType: linkType)
        capture.add(connection.handshake())
        capture.add([connection.segment(.clientToServer, open), connection.segment(.serverToClient, confirmation),
                     connection.segment(.serverToClient, call), connection.segment(.clientToServer, heartbeat), connection.finish()])
        return capture
    }

    static func write(_ capture: TestCapture, _ name: String, _ format: TestCapture.FileFormat = .pcap) throws -> String {
        try capture.write(to: directory.appendingPathComponent(name).path, format)
    }

    static let textLines = [
        "13:45:46.126000 A 10.1.1.5:50000 → 10.1.1.9:42027 OPEN_REQ                       invoke=1",
        "13:45:46.127000 A 10.1.1.5:50000 ← 10.1.1.9:42027 OPEN_CONF                      state=AGENT_STATE_LOGIN invoke=1",
        "13:45:46.128000 A 10.1.1.5:50000 ← 10.1.1.9:42027 CALL_DELIVERED_EVENT           call=77 device=1001 state=LCS_NULL cause=0 ani=5551234 dnis=800 var1=\"caller 77\"",
        "13:45:46.129000 A 10.1.1.5:50000 → 10.1.1.9:42027 HEARTBEAT_REQ                  invoke=2",
    ]

    @Test func textIsWatchsLineAfterTheCaptureStamp() throws {
        let path = try Self.write(try Self.capture(), "text.pcap")
        let result = try CLIRunner.run(["decode", "--pcap", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutLines == Self.textLines)
        #expect(result.stderr.isEmpty)
    }

    @Test func jsonLinesCarryTheCaptureContext() throws {
        let path = try Self.write(try Self.capture(), "json.pcapng", .pcapng)
        let result = try CLIRunner.run(["decode", "--pcap", path, "-o", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutLines.count == 4)
        let first = try CLIRunner.json(result.stdoutLines[0])
        #expect(first["time"] as? String == "2026-11-23T13:45:46.126000Z")
        #expect(first["packet"] as? Int == 4)
        #expect(first["connection"] as? [String: String] == ["client": "10.1.1.5:50000", "server": "10.1.1.9:42027"])
        #expect(first["direction"] as? String == "client→server")
        #expect(first["side"] as? String == "A")
        #expect(first["type"] as? String == "OPEN_REQ")
        #expect(first["typeId"] as? Int == 3)
        #expect((first["fields"] as? [String: Any])?["ClientID"] as? String == "capture-test")
        let call = try CLIRunner.json(result.stdoutLines[2])
        #expect(call["direction"] as? String == "server→client")
        #expect((call["fields"] as? [String: Any])?["ConnectionCallID"] as? Int == 77)
        #expect(result.stdoutLines[0].hasPrefix(#"{"time":"2026-11-23T13:45:46.126000Z","packet":4,"connection":{"client":"10.1.1.5:50000","server":"10.1.1.9:42027"},"direction":"client→server","side":"A","type":"OPEN_REQ","typeId":3,"fields":{"#))
    }

    @Test func stdinIsRead() throws {
        let bytes = try Self.capture(linkType: .linuxSLL2).bytes(.pcap)
        let result = try CLIRunner.run(["decode", "--pcap", "-"], stdin: Data(bytes))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutLines == Self.textLines)
    }

    @Test func filterVerboseAndHex() throws {
        let path = try Self.write(try Self.capture(), "filter.pcap")
        let filtered = try CLIRunner.run(["decode", "--pcap", path, "--filter", "HEARTBEAT_REQ,open-conf"])
        #expect(filtered.stdoutLines == [Self.textLines[1], Self.textLines[3]])
        let verbose = try CLIRunner.run(["decode", "--pcap", path, "--filter", "HEARTBEAT_REQ", "-v"])
        #expect(verbose.stdoutLines == ["13:45:46.129000 A 10.1.1.5:50000 → 10.1.1.9:42027 HEARTBEAT_REQ                  InvokeID=2"])
        let hex = try CLIRunner.run(["decode", "--pcap", path, "--filter", "HEARTBEAT_REQ", "--hex"])
        let showHex = try CLIRunner.run(["decode", "--pcap", path, "--filter", "HEARTBEAT_REQ", "--show-hex"])
        #expect(hex.stdout == showHex.stdout)
        #expect(hex.stdoutLines.count == 2)
        #expect(hex.stdoutLines.last?.contains("00 00 00 04 00 00 00 05 00 00 00 02") == true)
        let unknown = try CLIRunner.run(["decode", "--pcap", path, "--filter", "NO_SUCH_EVENT"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("--filter: unknown message type 'NO_SUCH_EVENT'"))
    }

    @Test func portsReplaceTheDefaults() throws {
        // A capture starting mid-connection on port 5000 (no handshake, no OPEN_REQ).
        let full = try Self.capture(port: 5000)
        var capture = TestCapture()
        for packet in full.packets.dropFirst(4) { capture.addFrame(packet.data, at: packet.time) }
        let path = try Self.write(capture, "port.pcap")
        #expect(try CLIRunner.run(["decode", "--pcap", path]).stdout.isEmpty)
        let result = try CLIRunner.run(["decode", "--pcap", path, "--port", "5000"])
        #expect(result.stdoutLines.map { $0.split(separator: " ")[5] } == ["OPEN_CONF", "CALL_DELIVERED_EVENT", "HEARTBEAT_REQ"])
        #expect(result.stdoutLines.allSatisfy { $0.contains(" - 10.1.1.5:50000 ") })
    }

    @Test func statsGoToStdoutForTextAndStderrOtherwise() throws {
        let path = try Self.write(try Self.capture(), "stats.pcap")
        let text = try CLIRunner.run(["decode", "--pcap", path, "--stats", "--filter", "HEARTBEAT_REQ"])
        #expect(text.status == 0)
        #expect(text.stdoutLines.first == Self.textLines[3])
        let table = text.stdoutLines.dropFirst().joined(separator: "\n")
        #expect(table.contains("Packets: 8 (TCP segments: 8, of other connections: 0)"))
        #expect(table.contains("  1  10.1.1.5:50000  10.1.1.9:42027  A     4         2              2              0     0"))
        #expect(table.contains("  CALL_DELIVERED_EVENT  1      0              1"))
        #expect(table.contains("  HEARTBEAT_REQ         1      1              0"))
        let json = try CLIRunner.run(["decode", "--pcap", path, "--stats", "-o", "json"])
        #expect(json.stdoutLines.count == 4)
        for line in json.stdoutLines { _ = try CLIRunner.json(line) }
        #expect(json.stderr.contains("Messages by type:"))
        let usage = try CLIRunner.run(["decode", "--stats", "00"])
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("--stats applies to --pcap only"))
    }

    @Test func aGapIsNotedWhereItIsAndTheRestDecoded() throws {
        let full = try Self.capture()
        var capture = TestCapture()
        // Drop the OPEN_CONF segment (packet 5).
        for (index, packet) in full.packets.enumerated() where index != 4 { capture.addFrame(packet.data, at: packet.time) }
        let path = try Self.write(capture, "gap.pcap")
        let result = try CLIRunner.run(["decode", "--pcap", path])
        #expect(result.status == 0)
        // The call event waits beyond the hole until the client's FIN acknowledges the server's
        // bytes after it (so the hole is lost to the capture, not to the network).
        #expect(result.stdoutLines == [Self.textLines[0], Self.textLines[3], Self.textLines[2]])
        let confirmationLength = try TestFrames.openConfirmation().count
        #expect(result.stderr.contains("cti: decode: \(path): connection 1 (10.1.1.5:50000 → 10.1.1.9:42027) server→client: gap: \(confirmationLength) bytes missing at stream offset 0"))
    }

    @Test func aFileThatIsNotACaptureExits65() throws {
        let path = Self.directory.appendingPathComponent("notes.txt").path
        try Data("these are notes, not packets\n".utf8).write(to: URL(fileURLWithPath: path))
        let result = try CLIRunner.run(["decode", "--pcap", path])
        #expect(result.status == 65)
        #expect(result.stderr == "cti: decode: \(path): not a capture file: unknown file format\n")
        #expect(result.stdout.isEmpty)
        let missing = try CLIRunner.run(["decode", "--pcap", Self.directory.appendingPathComponent("none.pcap").path])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("none.pcap: cannot open: No such file or directory"))
    }

    @Test(arguments: [TestCapture.FileFormat.pcap, .pcapng])
    func aTruncatedFileExits65AfterTheMessagesBeforeTheCut(_ format: TestCapture.FileFormat) throws {
        let capture = try Self.capture()
        // Cut inside packet 7 (the heartbeat), the FIN after it lost too.
        let bytes = capture.bytes(format).dropLast(capture.packets[7].data.count + (format == .pcap ? 16 : 32) + 10)
        for (name, input) in [("file", false), ("stdin", true)] {
            let path = Self.directory.appendingPathComponent("cut-\(name).\(format)").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let result = input ? try CLIRunner.run(["decode", "--pcap", "-"], stdin: Data(bytes)) : try CLIRunner.run(["decode", "--pcap", path])
            #expect(result.status == 65)
            #expect(result.stdoutLines == Array(Self.textLines.prefix(3)))
            let file = input ? "stdin" : path
            #expect(result.stderr.hasPrefix("cti: decode: \(file): "), "\(result.stderr)")
            #expect(result.stderr.contains("(after packet 6)"), "\(result.stderr)")
            if format == .pcap { #expect(result.stderr.contains("truncated dump file"), "\(result.stderr)") }
        }
    }
}
