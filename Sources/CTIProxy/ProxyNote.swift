import CTIProtocol

/// What the proxy says besides the messages (on stderr in `cti proxy`).
public enum ProxyNote: Hashable, Sendable, CustomStringConvertible {
    /// A client connected and the proxy's connection to the server is up.
    case connected(connection: Int, side: CTISide, client: String, server: String)
    /// The connection pair has ended; `reset`: one end reset (or failed) and the other was reset.
    case closed(connection: Int, side: CTISide, reset: Bool)
    /// The connection to the server failed: the client's connection was reset.
    case connectFailed(connection: Int, side: CTISide, client: String, server: String, reason: String)
    /// A TLS stream (a ClientHello) from a client without `listenTLS`: relayed untouched, not decoded.
    case tlsRelayedUntouched(ProxyLeg)
    /// Bytes that make no frame, skipped by the decoding (they were relayed).
    case skipped(ProxyLeg, offset: Int64, length: Int64)
    /// The printer fell behind: frames of this leg are relayed but not printed from now.
    case printerBehind(ProxyLeg)
    /// The printer caught up (it kept up for ``ProxyConfiguration/printerCaughtUpAfter``, or the
    /// connection ended): `notPrinted` frames of this leg were not printed meanwhile.
    case printerCaughtUp(ProxyLeg, notPrinted: Int)

    public var description: String {
        switch self {
        case .connected(let connection, let side, let client, let server):
            "#\(connection) \(side.rawValue): \(client) connected, relayed to \(server)"
        case .closed(let connection, let side, let reset):
            "#\(connection) \(side.rawValue): \(reset ? "reset" : "closed")"
        case .connectFailed(let connection, let side, let client, let server, let reason):
            "#\(connection) \(side.rawValue): cannot connect to \(server) (\(reason)): \(client) reset"
        case .tlsRelayedUntouched(let leg):
            "\(leg.description): TLS: relayed without decoding (give --listen-tls-cert/--listen-tls-key to see it)"
        case .skipped(let leg, let offset, let length):
            "\(leg.description): \(length) bytes at stream offset \(offset) skipped (no whole frame); relayed"
        case .printerBehind(let leg):
            "\(leg.description): printer behind: frames relayed but not printed from here"
        case .printerCaughtUp(let leg, let notPrinted):
            "\(leg.description): printer caught up: \(notPrinted) frames were not printed"
        }
    }
}
