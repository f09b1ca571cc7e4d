import Testing
@testable import CTICapture

/// A conversation's segments: byte-exact packets, and sequence and acknowledgment numbers that
/// follow what each side has sent, through the handshake, data cut at the MSS, and the close.
@Suite struct TCPConversationTests {
    static let client = TCPEndpoint(address: IPAddress("127.0.0.1")!, port: 50000)
    static let server = TCPEndpoint(address: IPAddress("127.0.0.1")!, port: 42027)

    /// The TCP fields of an IPv4 or IPv6 packet as built (20-byte TCP header, no options).
    struct Segment: Equatable, CustomStringConvertible {
        var sourcePort: UInt16
        var sequence: UInt32
        var acknowledgment: UInt32
        var flags: TCPFlags
        var payload: [UInt8]

        init(sourcePort: UInt16, sequence: UInt32, acknowledgment: UInt32, flags: TCPFlags, payload: [UInt8] = []) {
            self.sourcePort = sourcePort
            self.sequence = sequence
            self.acknowledgment = acknowledgment
            self.flags = flags
            self.payload = payload
        }

        init(_ packet: [UInt8]) {
            let tcp = Array(packet[(packet[0] >> 4 == 6 ? 40 : 20)...])
            func integer(_ offset: Int, _ count: Int) -> UInt32 { tcp[offset..<offset + count].reduce(0) { $0 << 8 | UInt32($1) } }
            self.init(sourcePort: UInt16(integer(0, 2)), sequence: integer(4, 4), acknowledgment: integer(8, 4),
                      flags: TCPFlags(rawValue: tcp[13]), payload: Array(tcp[20...]))
        }

        var description: String { "\(sourcePort) seq \(sequence) ack \(acknowledgment) flags \(flags.rawValue) \(payload.count) bytes" }
    }

    @Test func handshakeSYNIsByteExact() {
        var conversation = TCPConversation(client: Self.client, server: Self.server, clientISN: 100, serverISN: 200)
        let packets = conversation.handshake()
        #expect(packets[0] == [
            0x45, 0x00, 0x00, 0x28, 0x00, 0x00, 0x40, 0x00, 0x40, 0x06, 0x3C, 0xCE, 0x7F, 0x00, 0x00, 0x01, 0x7F, 0x00, 0x00, 0x01,
            0xC3, 0x50, 0xA4, 0x2B, 0x00, 0x00, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00, 0x50, 0x02, 0xFF, 0xFF, 0x4A, 0x00, 0x00, 0x00,
        ])
        #expect(packets.map(Segment.init) == [
            Segment(sourcePort: 50000, sequence: 100, acknowledgment: 0, flags: [.syn]),
            Segment(sourcePort: 42027, sequence: 200, acknowledgment: 101, flags: [.syn, .ack]),
            Segment(sourcePort: 50000, sequence: 101, acknowledgment: 201, flags: [.ack]),
        ])
    }

    @Test func aFrameIsOneSegmentWithPSHAndACKByteExact() {
        var conversation = TCPConversation(client: Self.client, server: Self.server, clientISN: 100, serverISN: 200)
        _ = conversation.handshake()
        // HEARTBEAT_REQ, InvokeID 1.
        let packets = conversation.segments(carrying: [0, 0, 0, 4, 0, 0, 0, 5, 0, 0, 0, 1], .clientToServer)
        #expect(packets == [[
            0x45, 0x00, 0x00, 0x34, 0x00, 0x00, 0x40, 0x00, 0x40, 0x06, 0x3C, 0xC2, 0x7F, 0x00, 0x00, 0x01, 0x7F, 0x00, 0x00, 0x01,
            0xC3, 0x50, 0xA4, 0x2B, 0x00, 0x00, 0x00, 0x65, 0x00, 0x00, 0x00, 0xC9, 0x50, 0x18, 0xFF, 0xFF, 0x49, 0x0A, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x01,
        ]])
        #expect(conversation.clientSequence == 113)
        #expect(conversation.serverSequence == 201)
    }

    @Test func bytesLongerThanTheMSSAreCutIntoSegmentsAndEachSideAcknowledgesTheOther() {
        var conversation = TCPConversation(client: Self.client, server: Self.server, clientISN: 1000, serverISN: 5000, maximumSegmentSize: 100)
        _ = conversation.handshake()
        let request = (0..<250).map { UInt8(truncatingIfNeeded: $0) }
        let sent = conversation.segments(carrying: request, .clientToServer)
        let answer = conversation.segments(carrying: [9, 9, 9], .serverToClient)
        #expect((sent + answer).map(Segment.init) == [
            Segment(sourcePort: 50000, sequence: 1001, acknowledgment: 5001, flags: [.psh, .ack], payload: Array(request[0..<100])),
            Segment(sourcePort: 50000, sequence: 1101, acknowledgment: 5001, flags: [.psh, .ack], payload: Array(request[100..<200])),
            Segment(sourcePort: 50000, sequence: 1201, acknowledgment: 5001, flags: [.psh, .ack], payload: Array(request[200...])),
            Segment(sourcePort: 42027, sequence: 5001, acknowledgment: 1251, flags: [.psh, .ack], payload: [9, 9, 9]),
        ])
        #expect(conversation.segments(carrying: [], .clientToServer).isEmpty)
    }

    @Test func sequenceNumbersWrapAround() {
        var conversation = TCPConversation(client: Self.client, server: Self.server, clientISN: 0xFFFF_FFF0, serverISN: 7)
        _ = conversation.handshake()
        let packets = conversation.segments(carrying: [UInt8](repeating: 1, count: 20), .clientToServer)
        #expect(packets.map(Segment.init).map(\.sequence) == [0xFFFF_FFF1])
        #expect(conversation.clientSequence == 5)
    }

    @Test(arguments: [CaptureDirection.clientToServer, .serverToClient])
    func closeIsFINFromTheCloserFINFromTheOtherAndTheLastACK(from direction: CaptureDirection) {
        var conversation = TCPConversation(client: Self.client, server: Self.server, clientISN: 100, serverISN: 200)
        _ = conversation.handshake()
        _ = conversation.segments(carrying: [1, 2, 3], .clientToServer)
        _ = conversation.segments(carrying: [4, 5], .serverToClient)
        // The client is at 104, the server at 203.
        let client = (fin: Segment(sourcePort: 50000, sequence: 104, acknowledgment: direction == .clientToServer ? 203 : 204, flags: [.fin, .ack]),
                      ack: Segment(sourcePort: 50000, sequence: 105, acknowledgment: 204, flags: [.ack]))
        let server = (fin: Segment(sourcePort: 42027, sequence: 203, acknowledgment: direction == .clientToServer ? 105 : 104, flags: [.fin, .ack]),
                      ack: Segment(sourcePort: 42027, sequence: 204, acknowledgment: 105, flags: [.ack]))
        let expected = direction == .clientToServer ? [client.fin, server.fin, client.ack] : [server.fin, client.fin, server.ack]
        #expect(conversation.close(from: direction).map(Segment.init) == expected)
        #expect(conversation.isClosed)
        #expect(conversation.close().isEmpty)
    }

    @Test func ipv6ConversationsCarryTheirAddresses() {
        let client = TCPEndpoint(address: IPAddress("2001:db8::1")!, port: 50000)
        let server = TCPEndpoint(address: IPAddress("2001:db8::2")!, port: 43027)
        var conversation = TCPConversation(client: client, server: server)
        let packets = conversation.handshake() + conversation.segments(carrying: [1, 2, 3], .serverToClient)
        #expect(packets.map { $0[0] >> 4 } == [6, 6, 6, 6])
        #expect(Array(packets[3][8..<24]) == server.address.bytes)
        #expect(Array(packets[3][24..<40]) == client.address.bytes)
        #expect(packets.map(Segment.init).last == Segment(sourcePort: 43027, sequence: 1, acknowledgment: 1, flags: [.psh, .ack], payload: [1, 2, 3]))
    }
}
