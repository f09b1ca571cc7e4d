/// Which way a message went on its connection.
public enum CaptureDirection: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case clientToServer = "client→server"
    case serverToClient = "server→client"

    public var description: String { rawValue }
}
