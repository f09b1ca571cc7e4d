import NIOCore

/// A STRING value: the bytes before the terminating NUL, kept as they came off the wire.
///
/// The guide says ASCII; the bytes are kept exactly (no re-encoding) so that decode and encode
/// round-trip, and converted to Swift text only for display (invalid UTF-8 shows as U+FFFD).
public struct CTIString: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The string's bytes, without the NUL.
    public var bytes: ByteBuffer

    public init(bytes: ByteBuffer) { self.bytes = bytes }

    public init(_ text: some StringProtocol) { self.bytes = ByteBuffer(string: String(text)) }

    public init(stringLiteral value: String) { self.init(value) }

    /// The bytes as text (lossy for invalid UTF-8).
    public var string: String { String(buffer: bytes) }

    /// Number of bytes, without the NUL.
    public var count: Int { bytes.readableBytes }

    public var description: String { string }
}
