import CTIProtocol

/// One record of the client's event stream: a decoded message, a frame that did not decode, or
/// a lifecycle record, stamped with the time, a sequence number (one counter per client,
/// across sides) and the side it came from.
public struct ClientEvent: Sendable {
    public enum Kind: Sendable {
        /// A message from the server (events, and confirmations no request is waiting for).
        case message(CTIMessage, CTIFrame)
        /// A frame whose body broke its layout; the session goes on.
        case undecodable(CTIDecodeError, CTIFrame)
        case lifecycle(LifecycleEvent)
    }

    /// Milliseconds since 1970 (UTC) when the client received it.
    public var timestamp: Int64
    /// 1, 2, 3 ... per client.
    public var sequence: UInt64
    public var side: CTISide?
    public var kind: Kind

    public init(timestamp: Int64, sequence: UInt64, side: CTISide?, kind: Kind) {
        self.timestamp = timestamp
        self.sequence = sequence
        self.side = side
        self.kind = kind
    }

    /// The message, for message records.
    public var message: CTIMessage? {
        if case .message(let message, _) = kind { return message }
        return nil
    }

    /// The lifecycle event, for lifecycle records.
    public var lifecycle: LifecycleEvent? {
        if case .lifecycle(let event) = kind { return event }
        return nil
    }
}
