/// Which way bytes go on a connection: a message found in a capture, or a segment a capture is
/// built from (``TCPConversation``).
public enum CaptureDirection: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case clientToServer = "client→server"
    case serverToClient = "server→client"

    /// The other way.
    public var reversed: CaptureDirection { self == .clientToServer ? .serverToClient : .clientToServer }

    public var description: String { rawValue }
}
