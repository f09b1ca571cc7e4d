/// The numbers of the IP headers a capture reader walks (IANA "Assigned Internet Protocol
/// Numbers"; the IPv6 extension headers RFC 8200 §4).
public struct IPProtocolNumber: RawRepresentable, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let hopByHopOptions = IPProtocolNumber(rawValue: 0)
    public static let tcp = IPProtocolNumber(rawValue: 6)
    public static let routing = IPProtocolNumber(rawValue: 43)
    public static let fragment = IPProtocolNumber(rawValue: 44)
    public static let destinationOptions = IPProtocolNumber(rawValue: 60)
}

/// Ethernet and SLL protocol types (IEEE EtherType registry).
public struct EtherType: RawRepresentable, Hashable, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let ipv4 = EtherType(rawValue: 0x0800)
    public static let ipv6 = EtherType(rawValue: 0x86DD)
    /// 802.1Q customer VLAN tag.
    public static let vlan = EtherType(rawValue: 0x8100)
    /// 802.1ad service VLAN tag (QinQ).
    public static let serviceVLAN = EtherType(rawValue: 0x88A8)
}
