import CTICapture
import Foundation

/// A capture file made by a test: IP packets wrapped in the chosen link layer, written as pcap
/// or pcapng byte for byte (by hand, so that tests do not depend on the writer they check).
public struct TestCapture: Sendable {
    public enum FileFormat: Sendable { case pcap, pcapng }

    public var linkType: LinkType
    /// 802.1Q tags (VLAN IDs), outermost first, for Ethernet.
    public var vlans: [UInt16] = []
    /// The outermost tag is an 802.1ad service tag (QinQ: EtherType 0x88A8) rather than 802.1Q.
    public var outerTagIsServiceVLAN = false
    /// Ethernet frames shorter than the minimum of 60 bytes (without FCS) are padded with zeros,
    /// as a NIC sends them: padding the IP length must trim.
    public var padsEthernetFrames = false
    /// The AF_INET6 value of NULL/LOOP headers: 30 (macOS; FreeBSD says 28, NetBSD and OpenBSD 24).
    public var v6AddressFamily: UInt32 = 30
    public private(set) var packets: [(time: CaptureTime, data: [UInt8])] = []
    /// Seconds of the first packet; each added packet is a millisecond after the one before.
    public var start = CaptureTime(seconds: 1_795_441_546, nanoseconds: 123_000_000)

    public init(linkType: LinkType = .ethernet) {
        self.linkType = linkType
    }

    /// Adds IP packets, each wrapped in the link layer.
    public mutating func add(_ ipPackets: [[UInt8]]) {
        for packet in ipPackets { add(packet) }
    }

    public mutating func add(_ ipPacket: [UInt8], at time: CaptureTime? = nil) {
        let stamp = time ?? start.advanced(byNanoseconds: UInt64(packets.count) * 1_000_000)
        var frame = linkHeader(for: ipPacket) + ipPacket
        if linkType == .ethernet, padsEthernetFrames, frame.count < Self.ethernetMinimumFrame {
            frame += [UInt8](repeating: 0, count: Self.ethernetMinimumFrame - frame.count)
        }
        packets.append((stamp, frame))
    }

    /// Adds a packet as the link layer carries it (already wrapped, or garbage).
    public mutating func addFrame(_ data: [UInt8], at time: CaptureTime) {
        packets.append((time, data))
    }

    private func linkHeader(for ipPacket: [UInt8]) -> [UInt8] {
        let v6 = (ipPacket.first ?? 0) >> 4 == 6
        let etherType = v6 ? EtherType.ipv6.rawValue : EtherType.ipv4.rawValue
        let family: UInt32 = v6 ? v6AddressFamily : 2
        switch linkType {
        case .ethernet:
            var header: [UInt8] = [0x00, 0x50, 0x56, 0x00, 0x00, 0x02, 0x00, 0x50, 0x56, 0x00, 0x00, 0x01]
            for (index, vlan) in vlans.enumerated() {
                let tag = index == 0 && outerTagIsServiceVLAN ? EtherType.serviceVLAN : EtherType.vlan
                header += bigEndian(tag.rawValue) + bigEndian(vlan & 0x0FFF)
            }
            return header + bigEndian(etherType)
        case .linuxSLL:
            // packet type (0 = to us), ARPHRD_ETHER, address length, address (8), protocol.
            return bigEndian(UInt16(0)) + bigEndian(UInt16(1)) + bigEndian(UInt16(6)) + [0x00, 0x50, 0x56, 0, 0, 1, 0, 0] + bigEndian(etherType)
        case .linuxSLL2:
            // protocol, reserved, interface index, ARPHRD_ETHER, packet type, address length, address (8).
            return bigEndian(etherType) + [0, 0] + bigEndian(UInt32(2)) + bigEndian(UInt16(1)) + [0, 6] + [0x00, 0x50, 0x56, 0, 0, 1, 0, 0]
        case .null:
            return littleEndian(family)
        case .loop:
            return bigEndian(family)
        default:
            return []
        }
    }

    /// The file's bytes.
    public func bytes(_ format: FileFormat) -> [UInt8] {
        switch format {
        case .pcap: return pcapBytes()
        case .pcapng: return pcapngBytes()
        }
    }

    /// Writes the file; returns its path.
    @discardableResult
    public func write(to path: String, _ format: FileFormat = .pcap) throws -> String {
        try Data(bytes(format)).write(to: URL(fileURLWithPath: path))
        return path
    }

    private static let snapLength: UInt32 = 262_144
    /// Ethernet's minimum frame without the FCS.
    static let ethernetMinimumFrame = 60

    private func pcapBytes() -> [UInt8] {
        // Nanosecond-resolution magic, version 2.4, snap length, link type.
        var bytes = littleEndian(UInt32(0xA1B2_3C4D)) + littleEndian(UInt16(2)) + littleEndian(UInt16(4))
        bytes += littleEndian(UInt32(0)) + littleEndian(UInt32(0)) + littleEndian(Self.snapLength) + littleEndian(linkType.rawValue)
        for packet in packets {
            bytes += littleEndian(UInt32(packet.time.seconds)) + littleEndian(packet.time.nanoseconds)
            bytes += littleEndian(UInt32(packet.data.count)) + littleEndian(UInt32(packet.data.count)) + packet.data
        }
        return bytes
    }

    private func pcapngBytes() -> [UInt8] {
        // Section header block, one interface description block (if_tsresol 9: nanoseconds),
        // then one enhanced packet block per packet.
        var bytes = block(0x0A0D_0D0A, littleEndian(UInt32(0x1A2B_3C4D)) + littleEndian(UInt16(1)) + littleEndian(UInt16(0)) + littleEndian(UInt64.max))
        let resolution = littleEndian(UInt16(9)) + littleEndian(UInt16(1)) + [9, 0, 0, 0] + [0, 0, 0, 0]
        bytes += block(1, littleEndian(UInt16(linkType.rawValue)) + [0, 0] + littleEndian(Self.snapLength) + resolution)
        for packet in packets {
            let stamp = UInt64(packet.time.seconds) * 1_000_000_000 + UInt64(packet.time.nanoseconds)
            var body = littleEndian(UInt32(0)) + littleEndian(UInt32(stamp >> 32)) + littleEndian(UInt32(stamp & 0xFFFF_FFFF))
            body += littleEndian(UInt32(packet.data.count)) + littleEndian(UInt32(packet.data.count)) + packet.data
            body += [UInt8](repeating: 0, count: (4 - packet.data.count % 4) % 4)
            bytes += block(6, body)
        }
        return bytes
    }

    private func block(_ type: UInt32, _ body: [UInt8]) -> [UInt8] {
        let length = littleEndian(UInt32(12 + body.count))
        return littleEndian(type) + length + body + length
    }
}

func bigEndian<Integer: FixedWidthInteger>(_ value: Integer) -> [UInt8] {
    withUnsafeBytes(of: value.bigEndian, Array.init)
}

func littleEndian<Integer: FixedWidthInteger>(_ value: Integer) -> [UInt8] {
    withUnsafeBytes(of: value.littleEndian, Array.init)
}
