import NIOCore

/// Cuts a byte stream into ``CTIFrame``s: MHDR (MessageLength excluding the 8 header bytes,
/// MessageType; big-endian) then the body (`wire-format.md` §2).
///
/// Bodies up to 65,535 bytes are accepted (beyond the guide's 12,492 they carry
/// ``CTIFrame/isOversized``); a larger MessageLength throws ``CTIFramingError/bodyTooLarge(length:type:limit:)``
/// and the stream stops there, because nothing after it can be trusted to be a frame boundary.
public struct CTIFrameDecoder: NIOSingleStepByteToMessageDecoder {
    public typealias InboundOut = CTIFrame

    /// The largest body accepted.
    public let maximumBody: Int

    public init(maximumBody: Int = CTIFrame.acceptedMaximumBody) {
        self.maximumBody = maximumBody
    }

    public mutating func decode(buffer: inout ByteBuffer) throws -> CTIFrame? {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self),
              let type = buffer.getInteger(at: buffer.readerIndex + 4, as: UInt32.self) else { return nil }
        guard length <= maximumBody else {
            if CTIFrameDecoder.startsWithTLSRecord(buffer) { throw CTIFramingError.tlsRecord }
            throw CTIFramingError.bodyTooLarge(length: length, type: type, limit: maximumBody)
        }
        guard buffer.readableBytes >= CTIFrame.headerSize + Int(length) else { return nil }
        buffer.moveReaderIndex(forwardBy: CTIFrame.headerSize)
        return CTIFrame(type: type, body: buffer.readSlice(length: Int(length))!)
    }

    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> CTIFrame? {
        if let frame = try decode(buffer: &buffer) { return frame }
        guard buffer.readableBytes > 0 else { return nil }
        let needed = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self).map { CTIFrame.headerSize + Int($0) } ?? CTIFrame.headerSize
        let available = buffer.readableBytes
        let isTLS = CTIFrameDecoder.startsWithTLSRecord(buffer)
        buffer.moveReaderIndex(forwardBy: available)
        throw isTLS ? CTIFramingError.tlsRecord : CTIFramingError.truncatedFrame(available: available, needed: needed)
    }

    /// Whether the bytes start like a TLS record (handshake or alert, version 3.x): a peer that
    /// speaks TLS where plain CTI frames were expected. No valid frame starts so: its
    /// MessageLength would exceed 352 MB.
    static func startsWithTLSRecord(_ buffer: ByteBuffer) -> Bool {
        guard let bytes = buffer.getBytes(at: buffer.readerIndex, length: min(3, buffer.readableBytes)), bytes.count == 3 else { return false }
        return (bytes[0] == 0x15 || bytes[0] == 0x16) && bytes[1] == 0x03 && bytes[2] <= 0x04
    }
}
