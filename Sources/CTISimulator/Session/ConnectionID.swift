/// Numbers the TCP connections a simulator accepts, in order, across both sides: the number
/// that log lines and ``SimulatorStatus`` call "session N" / "connection N".
struct ConnectionID: Hashable, Comparable, Sendable, CustomStringConvertible {
    let value: Int

    static func < (lhs: ConnectionID, rhs: ConnectionID) -> Bool { lhs.value < rhs.value }

    var description: String { "\(value)" }
}
