import CTIProtocol
import NIOCore

/// What a ``FrameTap`` is told: one thing that happened on one of the client's TCP connections,
/// and when.
public struct FrameTapEvent: Sendable {
    public enum Kind: Sendable {
        /// The TCP connection is up (before any byte is sent on it).
        case connected
        /// Bytes written to the server: one frame (MHDR and body), as encoded.
        case sent(ByteBuffer)
        /// Bytes read from the server, as one socket read gave them: one frame, several, or a
        /// part of one (they are reported even when they do not frame).
        case received(ByteBuffer)
        /// The connection has ended (closed by either end, or reset).
        case disconnected
    }

    public var kind: Kind
    public var connection: FrameTapConnection
    /// When it happened: the time since 1970-01-01 00:00 UTC (the system's real-time clock).
    public var time: Duration

    public init(kind: Kind, connection: FrameTapConnection, time: Duration) {
        self.kind = kind
        self.connection = connection
        self.time = time
    }
}

/// One TCP connection of the client, as a ``FrameTap`` names it.
public struct FrameTapConnection: Hashable, Sendable {
    /// Distinct for each connection the client makes.
    public var id: Int
    public var side: CTISide
    /// The client's end (its ephemeral port).
    public var local: SocketAddress
    /// The server's end.
    public var remote: SocketAddress

    public init(id: Int, side: CTISide, local: SocketAddress, remote: SocketAddress) {
        self.id = id
        self.side = side
        self.local = local
        self.remote = remote
    }
}
