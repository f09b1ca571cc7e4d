/// A TCP connection's two ends in a fixed order, so that both directions find the same entry.
struct ConnectionKey: Hashable {
    let low: TCPEndpoint
    let high: TCPEndpoint

    init(_ one: TCPEndpoint, _ other: TCPEndpoint) {
        if Self.precedes(one, other) { (low, high) = (one, other) } else { (low, high) = (other, one) }
    }

    private static func precedes(_ one: TCPEndpoint, _ other: TCPEndpoint) -> Bool {
        if one.port != other.port { return one.port < other.port }
        switch (one.address, other.address) {
        case (.v4(let a), .v4(let b)): return a < b
        case (.v6(let a1, let a2), .v6(let b1, let b2)): return (a1, a2) < (b1, b2)
        case (.v4, .v6): return true
        case (.v6, .v4): return false
        }
    }
}
