import CTICapture
import CTIProtocol
import CTITestSupport
import Testing

/// From a link-layer frame to the TCP segment: IP lengths trim padding, IPv4 options and TCP
/// options are stepped over, IPv6 extension headers are walked, non-first fragments and damage
/// are skipped with their reason, and no input traps.
@Suite struct PacketDecoderTests {
    let client = TCPEndpoint(address: IPAddress("10.0.0.1")!, port: 50000)
    let server = TCPEndpoint(address: IPAddress("10.0.0.2")!, port: 42027)
    let client6 = TCPEndpoint(address: IPAddress("2001:db8::1")!, port: 50000)
    let server6 = TCPEndpoint(address: IPAddress("2001:db8::2")!, port: 43027)

    func segment(_ frame: [UInt8], _ linkType: LinkType = .raw) throws -> (TCPSegment, [UInt8]) {
        try frame.withUnsafeBytes { bytes in
            let segment = try PacketDecoder.segment(in: bytes, linkType: linkType)
            return (segment, Array(segment.payload))
        }
    }

    @Test func readsTheSegmentAndTrimsPadding() throws {
        let packet = TCPPacketBuilder.packet(from: client, to: server, sequence: 0xDEAD_BEEF, acknowledgment: 1, flags: [.psh, .ack], payload: [1, 2, 3])
        let (tcp, payload) = try segment(packet + [0, 0, 0, 0])
        #expect(tcp.source == client && tcp.destination == server)
        #expect(tcp.sequence == 0xDEAD_BEEF)
        #expect(tcp.flags == [.psh, .ack])
        #expect(payload == [1, 2, 3])
    }

    @Test func stepsOverIPv4AndTCPOptions() throws {
        var packet = TCPPacketBuilder.packet(from: client, to: server, sequence: 7, acknowledgment: 1, flags: [.ack], payload: [9, 8])
        // IPv4 header with 4 bytes of options (IHL 6), TCP header with 12 bytes of options (data offset 8).
        packet.insert(contentsOf: [1, 1, 1, 0], at: 20)
        packet[0] = 0x46
        packet.insert(contentsOf: [1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2], at: 44)
        packet[24 + 12] = 0x80
        let total = packet.count
        packet[2] = UInt8(total >> 8)
        packet[3] = UInt8(total & 0xFF)
        let (tcp, payload) = try segment(packet)
        #expect(tcp.sequence == 7)
        #expect(payload == [9, 8])
    }

    @Test func walksIPv6ExtensionHeaders() throws {
        var packet = TCPPacketBuilder.packet(from: client6, to: server6, sequence: 5, acknowledgment: 1, flags: [.ack], payload: [4, 2])
        // Hop-by-hop (8 bytes) → routing (16) → destination options (8) → fragment (first, no more) → TCP.
        let extensions: [UInt8] = [43, 0, 1, 4, 0, 0, 0, 0]
            + [60, 1, 0, 0, 0, 0, 0, 0] + [0, 0, 0, 0, 0, 0, 0, 0]
            + [44, 0, 1, 4, 0, 0, 0, 0]
            + [6, 0, 0, 0, 0, 0, 0, 1]
        packet[6] = 0  // next header: hop-by-hop
        packet.insert(contentsOf: extensions, at: 40)
        let length = packet.count - 40
        packet[4] = UInt8(length >> 8)
        packet[5] = UInt8(length & 0xFF)
        let (tcp, payload) = try segment(packet, .ipv6)
        #expect(tcp.source == client6 && tcp.destination == server6)
        #expect(payload == [4, 2])
        // A fragment that is not the first: skipped.
        packet[40 + 32 + 3] = 0x08  // fragment offset 1
        #expect(throws: PacketSkipReason.fragment) { try segment(packet, .ipv6) }
    }

    @Test func skipsNonFirstIPv4FragmentsAndOtherProtocols() throws {
        var packet = TCPPacketBuilder.packet(from: client, to: server, sequence: 1, acknowledgment: 1, flags: [.ack], payload: [1])
        packet[6] = 0x20  // more fragments, offset 0: the first fragment is read
        #expect(try segment(packet).1 == [1])
        packet[7] = 0x10  // offset 16 × 8
        #expect(throws: PacketSkipReason.fragment) { try segment(packet) }
        packet[6] = 0x40
        packet[7] = 0
        packet[9] = 17  // UDP
        #expect(throws: PacketSkipReason.notTCP) { try segment(packet) }
    }

    @Test func aZeroIPLengthIsWhatWasCaptured() throws {
        var packet = TCPPacketBuilder.packet(from: client, to: server, sequence: 1, acknowledgment: 1, flags: [.ack], payload: Array(repeating: 7, count: 100))
        packet[2] = 0
        packet[3] = 0
        #expect(try segment(packet).1.count == 100)
    }

    @Test(arguments: [
        ([UInt8](), PacketSkipReason.truncated),
        ([0x45, 0, 0, 40], .truncated),
        ([0x75] + [UInt8](repeating: 0, count: 39), .malformed),
        ([0x44] + [UInt8](repeating: 0, count: 39), .malformed),
    ])
    func damageIsNamed(_ frame: [UInt8], _ reason: PacketSkipReason) {
        #expect(throws: reason) { try segment(frame) }
    }

    @Test func aLengthBeyondTheCapturedBytesIsTruncated() {
        let packet = TCPPacketBuilder.packet(from: client, to: server, sequence: 1, acknowledgment: 1, flags: [.ack], payload: [1, 2, 3, 4])
        #expect(throws: PacketSkipReason.truncated) { try segment(Array(packet.dropLast(2))) }
        let packet6 = TCPPacketBuilder.packet(from: client6, to: server6, sequence: 1, acknowledgment: 1, flags: [.ack], payload: [1, 2, 3, 4])
        #expect(throws: PacketSkipReason.truncated) { try segment(Array(packet6.dropLast(2))) }
    }

    @Test(arguments: [LinkType.ethernet, .linuxSLL, .linuxSLL2, .null, .loop, .raw, .ipv4, .ipv6, LinkType(rawValue: 147)])
    func noInputTraps(_ linkType: LinkType) {
        var generator = SplitMix64(seed: UInt64(linkType.rawValue))
        let packet = TCPPacketBuilder.packet(from: client, to: server, sequence: 1, acknowledgment: 1, flags: [.ack], payload: [1, 2, 3])
        var capture = TestCapture(linkType: linkType)
        capture.add(packet)
        let frame = capture.packets[0].data
        for _ in 0..<2000 {
            var bytes = Array(frame.prefix(Int(generator.next() % UInt64(frame.count + 1))))
            for _ in 0..<Int(generator.next() % 4) where !bytes.isEmpty {
                bytes[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
            }
            _ = try? segment(bytes, linkType)
        }
    }
}
