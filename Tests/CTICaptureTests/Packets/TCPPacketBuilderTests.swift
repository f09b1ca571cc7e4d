import Testing
@testable import CTICapture

/// Built segments are byte-exact and their checksums verify (a sum over header and pseudo-header
/// of all ones).
@Suite struct TCPPacketBuilderTests {
    let client = TCPEndpoint(address: IPAddress("192.168.1.10")!, port: 50000)
    let server = TCPEndpoint(address: IPAddress("192.168.1.20")!, port: 42027)

    @Test func ipv4SegmentIsByteExact() {
        let packet = TCPPacketBuilder.packet(from: client, to: server, sequence: 1, acknowledgment: 2, flags: [.ack, .psh], payload: [0xAB])
        #expect(packet == [
            0x45, 0x00, 0x00, 0x29, 0x00, 0x00, 0x40, 0x00, 0x40, 0x06, 0xB7, 0x60, 192, 168, 1, 10, 192, 168, 1, 20,
            0xC3, 0x50, 0xA4, 0x2B, 0, 0, 0, 1, 0, 0, 0, 2, 0x50, 0x18, 0xFF, 0xFF, 0x19, 0xDD, 0, 0, 0xAB,
        ])
    }

    @Test(arguments: [false, true])
    func checksumsVerify(v6: Bool) {
        let source = v6 ? TCPEndpoint(address: IPAddress("2001:db8::1")!, port: 50000) : client
        let destination = v6 ? TCPEndpoint(address: IPAddress("2001:db8::2")!, port: 43027) : server
        let payload: [UInt8] = Array(0..<77)
        let packet = TCPPacketBuilder.packet(from: source, to: destination, sequence: 0xFFFF_FFF0, acknowledgment: 7, flags: [.ack], payload: payload)
        let headerLength = v6 ? 40 : 20
        let tcp = Array(packet[headerLength...])
        var sum = InternetChecksum()
        sum.add(source.address.bytes + destination.address.bytes)
        sum.add([0, IPProtocolNumber.tcp.rawValue, UInt8(tcp.count >> 8), UInt8(tcp.count & 0xFF)])
        sum.add(tcp)
        #expect(sum.value == 0)
        if !v6 {
            var header = InternetChecksum()
            header.add(Array(packet[..<20]))
            #expect(header.value == 0)
        }
        #expect(Array(packet.suffix(payload.count)) == payload)
    }
}
