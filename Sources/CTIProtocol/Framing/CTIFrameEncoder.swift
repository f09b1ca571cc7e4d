import NIOCore

/// Writes frames as MHDR + body, the inverse of ``CTIFrameDecoder``.
public struct CTIFrameEncoder: MessageToByteEncoder {
    public typealias OutboundIn = CTIFrame

    public init() {}

    public func encode(data: CTIFrame, out: inout ByteBuffer) throws {
        out.writeInteger(UInt32(data.body.readableBytes))
        out.writeInteger(data.type)
        out.writeImmutableBuffer(data.body)
    }
}
