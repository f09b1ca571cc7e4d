/// Why a captured packet carries nothing for the TCP reassembly. The first three are traffic a
/// capture normally holds besides CTI; the others are damage, reported where they are.
public enum PacketSkipReason: Error, Hashable, Sendable, CustomStringConvertible, CaseIterable {
    /// Not IPv4 or IPv6 (ARP, LLDP, another EtherType or address family).
    case notIP
    /// IP, but not TCP.
    case notTCP
    /// A non-first IP fragment (its TCP header is in the first).
    case fragment
    /// The capture holds fewer bytes than the headers or the IP length need (a short snap
    /// length, a cut file).
    case truncated
    /// A header that breaks its own rules (IP version, header lengths).
    case malformed

    /// Whether the packet is damaged (worth a note) rather than merely not CTI traffic.
    public var isDamage: Bool { self == .truncated || self == .malformed }

    public var description: String {
        switch self {
        case .notIP: "not IP"
        case .notTCP: "not TCP"
        case .fragment: "IP fragment"
        case .truncated: "truncated"
        case .malformed: "malformed"
        }
    }
}
