import CTIProtocol

/// The ports CTI servers listen on in a capture: a connection to one of them is a CTI
/// connection, its far end the client. Other connections are CTI when one side opens its stream
/// with an OPEN_REQ.
public struct CTIServerPorts: Hashable, Sendable {
    public var ports: Set<UInt16>

    /// 42027 and 43027, the sides' default ports (``CTISide/defaultPort``).
    public static let defaults = CTIServerPorts(CTISide.allCases.map { UInt16($0.defaultPort) })

    public init(_ ports: some Sequence<UInt16>) {
        self.ports = Set(ports)
    }

    public func contains(_ port: UInt16) -> Bool { ports.contains(port) }
}
