import CTIClient
import CTIProtocol
import NIOCore

/// `cti proxy --listen [ADDR:]PORT`: where a side of the proxy listens; the address defaults to
/// 127.0.0.1 (give `0.0.0.0` or `::` to accept clients of other hosts).
enum ListenAddress {
    static let defaultHost = "127.0.0.1"

    /// The address and port of `text` (`PORT`, `ADDR:PORT`, `[V6]:PORT`); nil when it is neither.
    static func parse(_ text: String) -> Endpoint? {
        if let port = Int(text) { return (0...65_535).contains(port) ? Endpoint(host: defaultHost, port: port) : nil }
        // The port is not optional here: the side's default would be the server's own port.
        guard text.hasSuffix("]") == false, text.contains(":") else { return nil }
        return Endpoint(parsing: text, side: .a)
    }

    /// A bound address as `address:port` (`[v6]:port`).
    static func text(_ address: SocketAddress) -> String {
        Endpoint(host: address.ipAddress ?? "?", port: address.port ?? 0).description
    }
}
