import CTICapture
import CTIProtocol

/// One direction of one proxied connection: what each printed message and note names.
public struct ProxyLeg: Hashable, Sendable {
    /// The proxy's number of the connection (1, 2, ... across all routes, in accept order).
    public var connection: Int
    public var side: CTISide
    /// Client to server (bytes the client sent) or server to client.
    public var direction: CaptureDirection
    /// The client's address and port.
    public var client: String
    /// The server relayed to, `host:port` as the route gives it.
    public var server: String

    public init(connection: Int, side: CTISide, direction: CaptureDirection, client: String, server: String) {
        self.connection = connection
        self.side = side
        self.direction = direction
        self.client = client
        self.server = server
    }

    /// `#3 A 127.0.0.1:50000 → 127.0.0.1:42027` (`←` from the server).
    public var description: String {
        "#\(connection) \(side.rawValue) \(client) \(direction == .clientToServer ? "→" : "←") \(server)"
    }
}
