/// The BSD address family a NULL or LOOP link-layer header carries (`<sys/socket.h>`): AF_INET is
/// 2 everywhere, AF_INET6 differs by the system that made the capture (tcpdump.org/linktypes.html,
/// LINKTYPE_NULL).
struct AddressFamily: RawRepresentable, Hashable, Sendable {
    let rawValue: UInt32

    static let inet = AddressFamily(rawValue: 2)
    /// AF_INET6 on Linux, NetBSD/OpenBSD, FreeBSD and macOS.
    static let inet6Values: Set<UInt32> = [10, 24, 28, 30]

    /// The EtherType the family stands for, if it is IPv4 or IPv6.
    var etherType: EtherType? {
        if self == .inet { return .ipv4 }
        return Self.inet6Values.contains(rawValue) ? .ipv6 : nil
    }
}
