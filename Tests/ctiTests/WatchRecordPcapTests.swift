import CTIProtocol
import CTITestSupport
import Foundation
import Testing

/// `cti watch --record FILE.pcap` against `cti simulate` in another process: the capture tshark
/// reads back holds the session's real ports, both directions from the OPEN_REQ on, the frames
/// `watch` printed, ascending times, and a close, however `watch` ends.
@Suite(.timeLimit(.minutes(3)))
struct WatchRecordPcapTests {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("cti-watch-\(UUID().uuidString)-\(name)").path
    }

    /// One packet of the capture as tshark reads it.
    struct Packet {
        var time: Double
        var sourcePort: Int
        var destinationPort: Int
        var syn: Bool
        var fin: Bool
        var payload: [UInt8]

        init(_ row: [String]) throws {
            time = try #require(Double(row[0]))
            sourcePort = try #require(Int(row[1]))
            destinationPort = try #require(Int(row[2]))
            syn = row[3] == "1" || row[3] == "True"
            fin = row[4] == "1" || row[4] == "True"
            let hex = Array(row[5].replacingOccurrences(of: ":", with: "").utf8)
            payload = stride(from: 0, to: hex.count, by: 2).map { UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
            #expect(row[6] == "1", "good TCP checksum")
        }
    }

    static func packets(_ path: String) throws -> [Packet] {
        try Tshark.fields(["frame.time_epoch", "tcp.srcport", "tcp.dstport", "tcp.flags.syn", "tcp.flags.fin", "tcp.payload", "tcp.checksum.status"],
                          of: path).map(Packet.init)
    }

    /// The frames of one direction's stream: (wire type, frame length).
    static func frames(_ stream: [UInt8]) -> [(type: UInt32, length: Int)] {
        var frames: [(UInt32, Int)] = []
        var offset = 0
        func integer(_ at: Int) -> UInt32 { stream[at..<at + 4].reduce(0) { $0 << 8 | UInt32($1) } }
        while offset + 8 <= stream.count {
            let length = 8 + Int(integer(offset))
            guard offset + length <= stream.count else { break }
            frames.append((integer(offset + 4), length))
            offset += length
        }
        #expect(offset == stream.count, "each direction ends on a frame boundary")
        return frames
    }

    static func name(_ type: UInt32) -> String {
        MessageCatalog.standard.descriptor(wireType: type, version: .v25)?.name ?? "type \(type)"
    }

    @Test(.enabled(if: Tshark.isInstalled, "tshark is not installed"))
    func theCaptureHasTheSessionsRealPortsBothWaysAndAscendingTimes() throws {
        let simulator = try SimulatorProcess(["--rate", "20"])
        defer { simulator.stop() }
        let path = Self.temporaryPath("session.pcap")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let started = Date().timeIntervalSince1970
        let watch = try CLIRunner.run(["watch", "--no-config", "--host", "127.0.0.1:\(simulator.portA)", "--count", "5", "--record", path, "-o", "json", "-q"])
        let ended = Date().timeIntervalSince1970
        #expect(watch.status == 0, "\(watch.stderr)")
        let packets = try Self.packets(path)

        // The first packet is the client's SYN to the simulator's port; every packet is of that
        // one connection: the simulator's port and the client's ephemeral one.
        let syn = try #require(packets.first)
        #expect(syn.syn && syn.destinationPort == simulator.portA)
        let clientPort = syn.sourcePort
        #expect(clientPort != simulator.portA && clientPort > 0)
        #expect(packets.allSatisfy { Set([$0.sourcePort, $0.destinationPort]) == [clientPort, simulator.portA] })
        #expect(packets.suffix(3).map(\.fin) == [true, true, false])

        let sent = packets.filter { $0.sourcePort == clientPort }.flatMap(\.payload)
        let received = packets.filter { $0.sourcePort == simulator.portA }.flatMap(\.payload)
        // The first client payload is the OPEN_REQ, whole.
        let firstPayload = try #require(packets.first { $0.sourcePort == clientPort && !$0.payload.isEmpty }?.payload)
        let clientFrames = Self.frames(sent)
        #expect(clientFrames.first.map { Self.name($0.type) } == "OPEN_REQ")
        #expect(clientFrames.first?.length == firstPayload.count)
        #expect(clientFrames.last.map { Self.name($0.type) } == "CLOSE_REQ")
        // The server's stream: OPEN_CONF, then the messages watch printed, in order, then more
        // up to the CLOSE_CONF.
        let serverNames = Self.frames(received).map { Self.name($0.type) }
        #expect(serverNames.first == "OPEN_CONF")
        #expect(serverNames.last == "CLOSE_CONF")
        let printed = try watch.stdoutLines.map { try #require(CLIRunner.json($0)["type"] as? String) }
        #expect(printed.count == 5)
        #expect(Array(serverNames.dropFirst().prefix(5)) == printed, "\(serverNames)")

        let times = packets.map(\.time)
        #expect(times == times.sorted())
        #expect(times.first! >= started - 0.001 && times.last! <= ended + 0.001)
    }

    @Test(.enabled(if: Tshark.isInstalled, "tshark is not installed"))
    func sigtermLeavesAWholeCapture() throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let path = Self.temporaryPath("sigterm.pcap")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = ["watch", "--no-config", "--host", "127.0.0.1:\(simulator.portA)", "--record", path, "-q"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The SYSTEM_EVENT after the OPEN_CONF: the session is open.
        var shown = ""
        while !shown.contains("SYSTEM_EVENT") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            shown += String(decoding: chunk, as: UTF8.self)
        }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let packets = try Self.packets(path)
        #expect(packets.first?.syn == true)
        #expect(packets.suffix(3).map(\.fin) == [true, true, false])
        let serverNames = Self.frames(packets.filter { $0.sourcePort == simulator.portA }.flatMap(\.payload)).map { Self.name($0.type) }
        #expect(serverNames.prefix(2) == ["OPEN_CONF", "SYSTEM_EVENT"])
        #expect(serverNames.last == "CLOSE_CONF")
    }

    @Test(.enabled(if: Tshark.isInstalled, "tshark is not installed"))
    func recordFormatPcapWritesACaptureWhateverTheNameAndTimeoutClosesIt() throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let path = Self.temporaryPath("session.bin")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let watch = try CLIRunner.run(["watch", "--no-config", "--host", "127.0.0.1:\(simulator.portA)", "--timeout", "1",
                                       "--record", path, "--record-format", "pcap", "-q"])
        #expect(watch.status == 0, "\(watch.stderr)")
        let packets = try Self.packets(path)
        #expect(packets.first?.syn == true)
        #expect(packets.suffix(3).map(\.fin) == [true, true, false])
    }

    @Test func aCaptureThatCannotBeWrittenIsNamedAndExits64() throws {
        let path = "/nonexistent-\(UUID().uuidString)/session.pcap"
        let watch = try CLIRunner.run(["watch", "--no-config", "--host", "127.0.0.1:1", "--count", "1", "--record", path])
        #expect(watch.status == 64)
        #expect(watch.stderr == "cti: --record \(path): No such file or directory\n")
    }

    @Test(arguments: [
        (["--record-format", "pcap"], "--record-format needs --record FILE"),
        (["--record", "x.pcapng"], "--record x.pcapng: cti writes pcap, not pcapng"),
        (["--record", "x.pcap", "--record-format", "pcapng"], "The value 'pcapng' is invalid for '--record-format <format>'"),
    ])
    func recordFlagsAreChecked(arguments: [String], message: String) throws {
        let watch = try CLIRunner.run(["watch", "--no-config", "--host", "127.0.0.1:1"] + arguments)
        #expect(watch.status == 64)
        #expect(watch.stderr.contains(message), "\(watch.stderr)")
    }
}
