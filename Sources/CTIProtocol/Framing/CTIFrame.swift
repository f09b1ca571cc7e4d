import NIOCore

/// One frame off the wire: the MHDR's message type and the body (`wire-format.md` §2).
public struct CTIFrame: Hashable, Sendable {
    /// The guide's maximum body: 12,500 bytes per message including the 8-byte MHDR.
    public static let guideMaximumBody = 12_492
    /// The largest body accepted (with ``isOversized`` set); beyond it the stream is broken.
    public static let acceptedMaximumBody = 65_535
    /// Bytes of the MHDR.
    public static let headerSize = 8

    /// MessageType from the MHDR (wire numbering).
    public var type: UInt32
    /// The body: MessageLength bytes after the MHDR.
    public var body: ByteBuffer

    public init(type: UInt32, body: ByteBuffer) {
        self.type = type
        self.body = body
    }

    /// Whether the body exceeds the guide's maximum (decoded anyway, with this warning).
    public var isOversized: Bool { body.readableBytes > CTIFrame.guideMaximumBody }

    /// The frame's bytes, MHDR included.
    public var bytes: ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(CTIFrame.headerSize + body.readableBytes)
        buffer.writeInteger(UInt32(body.readableBytes))
        buffer.writeInteger(type)
        buffer.writeImmutableBuffer(body)
        return buffer
    }
}
