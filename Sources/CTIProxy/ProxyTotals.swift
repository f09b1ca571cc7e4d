/// What a ``CTIProxy`` has relayed so far.
public struct ProxyTotals: Hashable, Sendable {
    /// Client connections accepted.
    public var connections = 0
    /// Bytes relayed from clients to servers, and back.
    public var bytesFromClients: Int64 = 0
    public var bytesFromServers: Int64 = 0
    /// Whole frames found in the relayed streams (both directions).
    public var frames = 0
    /// Frames handed to the sink (``frames`` = ``printed`` + ``notPrinted``).
    public var printed = 0
    /// Frames the printer was too far behind for.
    public var notPrinted = 0
    /// Bytes that made no frame (skipped by the decoding, relayed all the same).
    public var skippedBytes: Int64 = 0

    public init() {}
}
