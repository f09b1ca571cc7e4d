/// Builds the IPv4 or IPv6 packet of one TCP segment (IP header, 20-byte TCP header, payload),
/// checksums included: what `watch --record FILE.pcap` writes for each frame, and what tests
/// and `cti-bench pcap` build their captures from.
public enum TCPPacketBuilder {
    /// The default IP time to live / hop limit.
    public static let hopLimit: UInt8 = 64
    static let tcpHeaderLength = 20
    static let ipv4HeaderLength = 20
    static let ipv6HeaderLength = 40
    /// The receive window every built segment advertises.
    static let window: UInt16 = 0xFFFF

    /// The IP packet carrying `payload` from `source` to `destination`. Both ends must be of the
    /// same address family.
    public static func packet<Payload: Collection>(
        from source: TCPEndpoint, to destination: TCPEndpoint,
        sequence: UInt32, acknowledgment: UInt32, flags: TCPFlags, payload: Payload
    ) -> [UInt8] where Payload.Element == UInt8 {
        precondition(source.address.isV6 == destination.address.isV6, "one address family per connection")
        var tcp: [UInt8] = []
        tcp.reserveCapacity(tcpHeaderLength + payload.count)
        tcp.appendBigEndian(source.port)
        tcp.appendBigEndian(destination.port)
        tcp.appendBigEndian(sequence)
        tcp.appendBigEndian(acknowledgment)
        tcp.append(UInt8(tcpHeaderLength / 4) << 4)
        tcp.append(flags.rawValue)
        tcp.appendBigEndian(window)
        tcp.appendBigEndian(UInt16(0))  // checksum, filled below
        tcp.appendBigEndian(UInt16(0))  // urgent pointer
        tcp.append(contentsOf: payload)
        let pseudoHeader = source.address.bytes + destination.address.bytes
            + (source.address.isV6 ? [0, 0] : []) + [0, 0]
        var sum = InternetChecksum()
        sum.add(pseudoHeader)
        sum.add([0, IPProtocolNumber.tcp.rawValue])
        sum.add(lengthBytes(tcp.count, wide: source.address.isV6))
        sum.add(tcp)
        let checksum = sum.value
        tcp[16] = UInt8(checksum >> 8)
        tcp[17] = UInt8(checksum & 0xFF)

        var packet: [UInt8] = []
        if source.address.isV6 {
            packet.reserveCapacity(ipv6HeaderLength + tcp.count)
            packet += [0x60, 0, 0, 0]
            packet.appendBigEndian(UInt16(tcp.count))
            packet += [IPProtocolNumber.tcp.rawValue, hopLimit]
            packet += source.address.bytes + destination.address.bytes
        } else {
            packet.reserveCapacity(ipv4HeaderLength + tcp.count)
            packet += [0x45, 0]
            packet.appendBigEndian(UInt16(ipv4HeaderLength + tcp.count))
            packet += [0, 0, 0x40, 0]  // identification 0, don't fragment
            packet += [hopLimit, IPProtocolNumber.tcp.rawValue, 0, 0]
            packet += source.address.bytes + destination.address.bytes
            var headerSum = InternetChecksum()
            headerSum.add(packet)
            let value = headerSum.value
            packet[10] = UInt8(value >> 8)
            packet[11] = UInt8(value & 0xFF)
        }
        return packet + tcp
    }

    private static func lengthBytes(_ length: Int, wide: Bool) -> [UInt8] {
        wide ? [UInt8(truncatingIfNeeded: length >> 24), UInt8(truncatingIfNeeded: length >> 16), UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length)]
            : [UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length)]
    }
}

/// The 16-bit one's complement sum of RFC 1071.
struct InternetChecksum {
    private var sum: UInt32 = 0
    private var odd: UInt8?

    mutating func add(_ bytes: [UInt8]) {
        for byte in bytes {
            if let high = odd {
                sum &+= UInt32(high) << 8 | UInt32(byte)
                odd = nil
            } else {
                odd = byte
            }
        }
    }

    var value: UInt16 {
        var total = sum
        if let high = odd { total &+= UInt32(high) << 8 }
        while total > 0xFFFF { total = (total & 0xFFFF) + (total >> 16) }
        return ~UInt16(total)
    }
}

extension Array where Element == UInt8 {
    mutating func appendBigEndian<Integer: FixedWidthInteger>(_ value: Integer) {
        var bigEndian = value.bigEndian
        Swift.withUnsafeBytes(of: &bigEndian) { append(contentsOf: $0) }
    }
}
