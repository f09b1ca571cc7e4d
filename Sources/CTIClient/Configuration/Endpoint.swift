import CTIProtocol

/// A CTI Server side's address.
public struct Endpoint: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `host`, `host:port` or `[v6]:port`; the port defaults to the side's default
    /// (42027 for A, 43027 for B).
    public init?(parsing text: String, side: CTISide) {
        var host = Substring(text)
        var port = side.defaultPort
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            let rest = host[host.index(after: close)...]
            host = host[host.index(after: host.startIndex)..<close]
            if rest.hasPrefix(":") {
                guard let parsed = Int(rest.dropFirst()), (1...65_535).contains(parsed) else { return nil }
                port = parsed
            } else if !rest.isEmpty {
                return nil
            }
        } else if let colon = host.lastIndex(of: ":"), host.firstIndex(of: ":") == colon {
            guard let parsed = Int(host[host.index(after: colon)...]), (0...65_535).contains(parsed) else { return nil }
            port = parsed
            host = host[..<colon]
        }
        guard !host.isEmpty else { return nil }
        self.init(host: String(host), port: port)
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
