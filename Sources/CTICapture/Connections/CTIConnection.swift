import CTIProtocol

/// A CTI connection found in a capture: its number (1 for the first found), the client and the
/// server (by the server port, or by the OPEN_REQ the client sent first), and the side when the
/// server port is a side's default (42027: A, 43027: B; ``CTISide/defaultPort``).
public struct CTIConnection: Hashable, Sendable {
    public var number: Int
    public var client: TCPEndpoint
    public var server: TCPEndpoint
    public var side: CTISide?

    public init(number: Int, client: TCPEndpoint, server: TCPEndpoint) {
        self.number = number
        self.client = client
        self.server = server
        self.side = CTISide.allCases.first { $0.defaultPort == Int(server.port) }
    }
}
