import CTICapture
import NIOCore

extension TCPEndpoint {
    /// The endpoint of an IPv4 or IPv6 socket address (the address's bytes as the socket holds
    /// them, in network order); nil for a UNIX domain socket.
    init?(_ address: SocketAddress) {
        let ip: IPAddress?
        switch address {
        case .v4(let v4):
            ip = withUnsafeBytes(of: v4.address.sin_addr) { IPAddress(bytes: $0) }
        case .v6(let v6):
            ip = withUnsafeBytes(of: v6.address.sin6_addr) { IPAddress(bytes: $0) }
        case .unixDomainSocket:
            ip = nil
        }
        guard let ip, let port = address.port, let port = UInt16(exactly: port) else { return nil }
        self.init(address: ip, port: port)
    }
}
