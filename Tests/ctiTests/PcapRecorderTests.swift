import CTICapture
import CTIClient
import Foundation
import NIOCore
import Testing
@testable import CTIConsole

/// ``PcapRecorder`` fed tap events directly: the file is the conversation of each connection,
/// byte for byte, at the events' times (never going back), closed by ``PcapRecorder/finish()``
/// when the connection did not end first.
@Suite struct PcapRecorderTests {
    static func native<Integer: FixedWidthInteger>(_ value: Integer) -> [UInt8] {
        withUnsafeBytes(of: value, Array.init)
    }

    /// The pcap file header (host byte order, nanosecond magic, raw IP) and records.
    static func file(_ records: [(packet: [UInt8], time: CaptureTime)]) -> [UInt8] {
        var bytes = native(UInt32(0xA1B2_3C4D)) + native(UInt16(2)) + native(UInt16(4)) + native(UInt32(0)) + native(UInt32(0))
            + native(UInt32(CaptureFileWriter.snapLength)) + native(LinkType.raw.rawValue)
        for (packet, time) in records {
            bytes += native(UInt32(time.seconds)) + native(time.nanoseconds) + native(UInt32(packet.count)) + native(UInt32(packet.count)) + packet
        }
        return bytes
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("cti-recorder-\(UUID().uuidString).pcap").path
    }

    @Test func aConnectionIsWrittenAsItsConversationAtTheEventsTimes() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let connection = FrameTapConnection(id: 7, side: .b, local: try SocketAddress(ipAddress: "::1", port: 50000),
                                            remote: try SocketAddress(ipAddress: "::1", port: 43027))
        let heartbeat: [UInt8] = [0, 0, 0, 4, 0, 0, 0, 5, 0, 0, 0, 1]
        let confirmation: [UInt8] = [0, 0, 0, 4, 0, 0, 0, 6, 0, 0, 0, 1]
        let recorder = try PcapRecorder(path: path)
        recorder.record(FrameTapEvent(kind: .connected, connection: connection, time: .seconds(1_795_441_546)))
        recorder.record(FrameTapEvent(kind: .sent(ByteBuffer(bytes: heartbeat)), connection: connection, time: .seconds(1_795_441_546) + .nanoseconds(500)))
        // The clock stepped back: the packet keeps the time before it.
        recorder.record(FrameTapEvent(kind: .received(ByteBuffer(bytes: confirmation)), connection: connection, time: .seconds(1_795_441_546) + .nanoseconds(200)))
        try recorder.finish()
        // After the finish nothing more is written.
        recorder.record(FrameTapEvent(kind: .disconnected, connection: connection, time: .seconds(1_795_441_547)))

        var conversation = TCPConversation(client: TCPEndpoint(address: IPAddress("::1")!, port: 50000),
                                           server: TCPEndpoint(address: IPAddress("::1")!, port: 43027))
        let start = CaptureTime(seconds: 1_795_441_546, nanoseconds: 0)
        let later = CaptureTime(seconds: 1_795_441_546, nanoseconds: 500)
        let expected = conversation.handshake().map { ($0, start) }
            + conversation.segments(carrying: heartbeat, .clientToServer).map { ($0, later) }
            + conversation.segments(carrying: confirmation, .serverToClient).map { ($0, later) }
            + conversation.close().map { ($0, later) }
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == Self.file(expected))
    }

    @Test func eachConnectionIsAConversationOfItsOwnAndBytesOfNoKnownConnectionAreLeftOut() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = FrameTapConnection(id: 1, side: .a, local: try SocketAddress(ipAddress: "127.0.0.1", port: 50000),
                                       remote: try SocketAddress(ipAddress: "10.0.0.1", port: 42027))
        let second = FrameTapConnection(id: 2, side: .b, local: try SocketAddress(ipAddress: "127.0.0.1", port: 50001),
                                        remote: try SocketAddress(ipAddress: "10.0.0.2", port: 43027))
        let time = CaptureTime(seconds: 1_795_441_546, nanoseconds: 0)
        let recorder = try PcapRecorder(path: path)
        recorder.record(FrameTapEvent(kind: .sent(ByteBuffer(bytes: [1])), connection: first, time: .seconds(time.seconds)))
        recorder.record(FrameTapEvent(kind: .connected, connection: first, time: .seconds(time.seconds)))
        recorder.record(FrameTapEvent(kind: .disconnected, connection: first, time: .seconds(time.seconds)))
        recorder.record(FrameTapEvent(kind: .connected, connection: second, time: .seconds(time.seconds)))
        recorder.record(FrameTapEvent(kind: .received(ByteBuffer(bytes: [2, 3])), connection: second, time: .seconds(time.seconds)))
        try recorder.finish()

        var one = TCPConversation(client: TCPEndpoint(address: IPAddress("127.0.0.1")!, port: 50000),
                                  server: TCPEndpoint(address: IPAddress("10.0.0.1")!, port: 42027))
        var two = TCPConversation(client: TCPEndpoint(address: IPAddress("127.0.0.1")!, port: 50001),
                                  server: TCPEndpoint(address: IPAddress("10.0.0.2")!, port: 43027))
        let packets = one.handshake() + one.close() + two.handshake() + two.segments(carrying: [2, 3], .serverToClient) + two.close()
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == Self.file(packets.map { ($0, time) }))
    }

    @Test(arguments: [
        ("session.pcap", nil, RecordFormat.pcap), ("dir.v2/SESSION.PCAP", nil, .pcap), ("trace.cap", nil, .pcap),
        ("session.bin", nil, .raw), ("session", nil, .raw), ("dir.pcap/session", nil, .raw),
        ("session.bin", .pcap, .pcap), ("session.pcap", .raw, .raw), ("session.pcapng", .pcap, .pcap),
    ] as [(String, RecordFormat?, RecordFormat)])
    func theRecordFormatIsChosenByTheExtensionUnlessGiven(path: String, explicit: RecordFormat?, chosen: RecordFormat) throws {
        #expect(try RecordFormat.chosen(for: path, explicit: explicit) == chosen)
    }
}
