import CTIProtocol

/// One listening side of `cti proxy` (issue 19): the address clients are pointed at and the
/// CTI Server side the proxy connects on to (`--listen`/`--to`, `--listen-b`/`--to-b`).
public struct ProxyRoute: Hashable, Sendable {
    /// The side of the CTI Server this route leads to (A or B): what the printed lines name.
    public var side: CTISide
    /// Address to listen on (`127.0.0.1`, `::1`, `0.0.0.0`).
    public var listenHost: String
    /// Port to listen on (0: an ephemeral port, see ``CTIProxy/listeners``).
    public var listenPort: Int
    /// The server's host (name or address) and port.
    public var serverHost: String
    public var serverPort: Int

    public init(side: CTISide, listenHost: String, listenPort: Int, serverHost: String, serverPort: Int) {
        self.side = side
        self.listenHost = listenHost
        self.listenPort = listenPort
        self.serverHost = serverHost
        self.serverPort = serverPort
    }

    /// The server as `host:port` (`[v6]:port` for an IPv6 literal).
    public var server: String { ProxyAddress.text(host: serverHost, port: serverPort) }
}

/// `host:port` text of the proxy's addresses.
enum ProxyAddress {
    static func text(host: String, port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
