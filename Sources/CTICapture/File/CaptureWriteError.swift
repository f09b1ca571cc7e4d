/// A capture file that cannot be created or written: the file and why.
public struct CaptureWriteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file as it was named (`-`: standard output).
    public var path: String
    /// What went wrong, e.g. "Permission denied", "No space left on device".
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
