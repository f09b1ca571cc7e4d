import CTITestSupport
import Foundation
import Testing
@testable import CTICapture

/// Files written through libpcap, read back byte for byte (pcap header and records), and opened
/// by tshark.
@Suite struct CaptureFileWriterTests {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("cti-writer-\(UUID().uuidString)-\(name)").path
    }

    /// An integer in the writing machine's byte order (pcap files are written in host order).
    static func native<Integer: FixedWidthInteger>(_ value: Integer) -> [UInt8] {
        withUnsafeBytes(of: value, Array.init)
    }

    /// The 24-byte pcap file header: nanosecond magic, version 2.4, zone 0, sigfigs 0, snap
    /// length, link type.
    static func fileHeader(_ linkType: LinkType) -> [UInt8] {
        native(UInt32(0xA1B2_3C4D)) + native(UInt16(2)) + native(UInt16(4)) + native(Int32(0)) + native(UInt32(0))
            + native(UInt32(CaptureFileWriter.snapLength)) + native(linkType.rawValue)
    }

    static func record(_ packet: [UInt8], _ time: CaptureTime) -> [UInt8] {
        native(UInt32(time.seconds)) + native(time.nanoseconds) + native(UInt32(packet.count)) + native(UInt32(packet.count)) + packet
    }

    let first = CaptureTime(seconds: 1_795_441_546, nanoseconds: 123_456_789)
    let second = CaptureTime(seconds: 1_795_441_547, nanoseconds: 5)

    @Test func rawIPFileIsTheHeaderAndOneRecordPerPacketWithNanosecondTimes() throws {
        let path = Self.temporaryPath("raw.pcap")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let packets: [[UInt8]] = [[0x45, 1, 2, 3], Array(0..<200)]
        let writer = try CaptureFileWriter(path: path)
        try writer.write(packets[0], at: first)
        try writer.write(packets[1], at: second)
        try writer.close()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes == Self.fileHeader(.raw) + Self.record(packets[0], first) + Self.record(packets[1], second))
    }

    @Test func anotherLinkTypeIsWrittenInTheHeader() throws {
        let path = Self.temporaryPath("ethernet.pcap")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try CaptureFileWriter(path: path, linkType: .ethernet)
        try writer.close()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes == Self.fileHeader(.ethernet))
    }

    @Test func flushPutsTheRecordsOnDiskBeforeTheClose() throws {
        let path = Self.temporaryPath("flush.pcap")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try CaptureFileWriter(path: path)
        try writer.write([0x45, 0, 0, 0], at: first)
        try writer.flush()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes == Self.fileHeader(.raw) + Self.record([0x45, 0, 0, 0], first))
        try writer.close()
    }

    @Test func aFileThatCannotBeCreatedIsNamedWithTheReason() {
        let path = "/nonexistent-\(UUID().uuidString)/x.pcap"
        #expect(throws: CaptureWriteError(path: path, reason: "No such file or directory")) {
            try CaptureFileWriter(path: path)
        }
    }

    @Test func writingAfterTheCloseIsRefusedAndASecondCloseDoesNothing() throws {
        let path = Self.temporaryPath("closed.pcap")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try CaptureFileWriter(path: path)
        try writer.close()
        try writer.close()
        #expect(throws: CaptureWriteError(path: path, reason: "already closed")) {
            try writer.write([0x45], at: first)
        }
    }

    /// A conversation over IPv4 and one over IPv6 in one file: tshark reads both with their
    /// addresses, ports, payload lengths and good checksums.
    @Test(.enabled(if: Tshark.isInstalled, "tshark is not installed"))
    func tsharkReadsAddressesPortsLengthsAndGoodChecksums() throws {
        let path = Self.temporaryPath("tshark.pcap")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var v4 = TCPConversation(client: TCPEndpoint(address: IPAddress("127.0.0.1")!, port: 50000),
                                 server: TCPEndpoint(address: IPAddress("127.0.0.1")!, port: 42027))
        var v6 = TCPConversation(client: TCPEndpoint(address: IPAddress("2001:db8::1")!, port: 50001),
                                 server: TCPEndpoint(address: IPAddress("2001:db8::2")!, port: 43027))
        let writer = try CaptureFileWriter(path: path)
        var packets = v4.handshake() + v6.handshake()
        packets += v4.segments(carrying: [UInt8](repeating: 7, count: 100), .clientToServer)
        packets += v6.segments(carrying: [UInt8](repeating: 8, count: 2000), .serverToClient)
        packets += v4.close() + v6.close()
        for (index, packet) in packets.enumerated() {
            try writer.write(packet, at: CaptureTime(seconds: first.seconds, nanoseconds: UInt32(index)))
        }
        try writer.close()
        let rows = try Tshark.fields(["frame.time_epoch", "ip.src", "ipv6.src", "tcp.srcport", "tcp.dstport", "tcp.len", "tcp.checksum.status"], of: path)
        #expect(rows.count == packets.count)
        #expect(rows.first?.first == "1795441546.000000000")
        #expect(rows.last?.first == "1795441546.000000014")
        let summary = rows.map { Array($0.dropFirst()) }
        #expect(summary == [
            ["127.0.0.1", "", "50000", "42027", "0", "1"],
            ["127.0.0.1", "", "42027", "50000", "0", "1"],
            ["127.0.0.1", "", "50000", "42027", "0", "1"],
            ["", "2001:db8::1", "50001", "43027", "0", "1"],
            ["", "2001:db8::2", "43027", "50001", "0", "1"],
            ["", "2001:db8::1", "50001", "43027", "0", "1"],
            ["127.0.0.1", "", "50000", "42027", "100", "1"],
            ["", "2001:db8::2", "43027", "50001", "1460", "1"],
            ["", "2001:db8::2", "43027", "50001", "540", "1"],
            ["127.0.0.1", "", "50000", "42027", "0", "1"],
            ["127.0.0.1", "", "42027", "50000", "0", "1"],
            ["127.0.0.1", "", "50000", "42027", "0", "1"],
            ["", "2001:db8::1", "50001", "43027", "0", "1"],
            ["", "2001:db8::2", "43027", "50001", "0", "1"],
            ["", "2001:db8::1", "50001", "43027", "0", "1"],
        ])
    }
}
