/// A capture file's link-layer header type: the `LINKTYPE_` number a pcap file header or a
/// pcapng interface block carries (tcpdump.org/linktypes.html). `pcap_datalink` answers with
/// the `DLT_` value, which differs for ``raw`` on some systems: ``init(datalink:)`` maps it.
public struct LinkType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// BSD loopback: a 4-byte address family in the host byte order of the capturing machine.
    public static let null = LinkType(rawValue: 0)
    /// Ethernet II, with 802.1Q / 802.1ad VLAN tags.
    public static let ethernet = LinkType(rawValue: 1)
    /// Raw IP: the packet starts with the IPv4 or IPv6 header.
    public static let raw = LinkType(rawValue: 101)
    /// OpenBSD loopback: a 4-byte address family in network byte order.
    public static let loop = LinkType(rawValue: 108)
    /// Linux cooked capture v1 (`tcpdump -i any`): a 16-byte header.
    public static let linuxSLL = LinkType(rawValue: 113)
    /// Raw IPv4 only.
    public static let ipv4 = LinkType(rawValue: 228)
    /// Raw IPv6 only.
    public static let ipv6 = LinkType(rawValue: 229)
    /// Linux cooked capture v2 (`tcpdump -i any` since libpcap 1.10): a 20-byte header.
    public static let linuxSLL2 = LinkType(rawValue: 276)

    /// The `DLT_` values libpcap hands out for raw IP (12 on most systems, 14 on OpenBSD).
    private static let rawDatalinks: Set<UInt32> = [12, 14]

    /// The link type of a `pcap_datalink` value.
    public init(datalink: Int32) {
        let value = UInt32(bitPattern: datalink)
        self = Self.rawDatalinks.contains(value) ? .raw : LinkType(rawValue: value)
    }

    public static let names: [LinkType: String] = [
        .null: "NULL", .ethernet: "EN10MB", .raw: "RAW", .loop: "LOOP", .linuxSLL: "LINUX_SLL",
        .ipv4: "IPV4", .ipv6: "IPV6", .linuxSLL2: "LINUX_SLL2",
    ]

    public var description: String { Self.names[self] ?? "link type \(rawValue)" }
}
