/// Finds the IP packet inside a link-layer frame of each supported ``LinkType``
/// (tcpdump.org/linktypes.html).
enum LinkLayerDecoder {
    static let ethernetHeaderLength = 14
    static let vlanTagLength = 4
    static let linuxSLLHeaderLength = 16
    static let linuxSLL2HeaderLength = 20
    static let loopbackHeaderLength = 4
    /// The service tag of QinQ before 802.1ad.
    static let preStandardServiceVLAN = EtherType(rawValue: 0x9100)
    /// The EtherTypes of VLAN tags: 802.1Q, 802.1ad, and the pre-standard QinQ tag.
    static let vlanTypes: Set<EtherType> = [.vlan, .serviceVLAN, preStandardServiceVLAN]

    /// Where the IP header starts in `frame`, and which IP it is (`.ipv4`, `.ipv6`, or nil for
    /// raw IP, which says so in its first nibble).
    static func network(in frame: UnsafeRawBufferPointer, linkType: LinkType) throws(PacketSkipReason) -> (offset: Int, etherType: EtherType?) {
        switch linkType {
        case .ethernet:
            guard frame.count >= ethernetHeaderLength else { throw .truncated }
            var offset = 12
            var type = EtherType(rawValue: frame.bigEndian(at: offset))
            while vlanTypes.contains(type) {
                offset += vlanTagLength
                guard frame.count >= offset + 2 else { throw .truncated }
                type = EtherType(rawValue: frame.bigEndian(at: offset))
            }
            return (offset + 2, try ip(type))
        case .linuxSLL:
            guard frame.count >= linuxSLLHeaderLength else { throw .truncated }
            return (linuxSLLHeaderLength, try ip(EtherType(rawValue: frame.bigEndian(at: 14))))
        case .linuxSLL2:
            guard frame.count >= linuxSLL2HeaderLength else { throw .truncated }
            return (linuxSLL2HeaderLength, try ip(EtherType(rawValue: frame.bigEndian(at: 0))))
        case .null:
            // The capturing host's byte order: whichever reading is a known family.
            guard frame.count >= loopbackHeaderLength else { throw .truncated }
            let little = AddressFamily(rawValue: frame.littleEndian(at: 0))
            let big = AddressFamily(rawValue: frame.bigEndian(at: 0))
            guard let type = little.etherType ?? big.etherType else { throw .notIP }
            return (loopbackHeaderLength, type)
        case .loop:
            guard frame.count >= loopbackHeaderLength else { throw .truncated }
            guard let type = AddressFamily(rawValue: frame.bigEndian(at: 0)).etherType else { throw .notIP }
            return (loopbackHeaderLength, type)
        case .raw: return (0, nil)
        case .ipv4: return (0, .ipv4)
        case .ipv6: return (0, .ipv6)
        default: throw .notIP
        }
    }

    private static func ip(_ type: EtherType) throws(PacketSkipReason) -> EtherType {
        guard type == .ipv4 || type == .ipv6 else { throw .notIP }
        return type
    }
}
