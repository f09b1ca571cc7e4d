/// Why a ``CTIProxy`` could not start.
public enum ProxyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A listening address could not be bound.
    case bind(address: String, reason: String)
    /// A TLS certificate, key or CA file could not be used.
    case tls(String)

    public var description: String {
        switch self {
        case .bind(let address, let reason): "cannot listen on \(address): \(reason)"
        case .tls(let reason): "TLS: \(reason)"
        }
    }
}
