import CTIProtocol
import NIOCore

/// Cuts one direction's reassembled byte stream into CTI frames (MHDR + body, `wire-format.md`
/// §2), also across segment boundaries and inside the 8-byte header. After a gap, at the start
/// of a stream captured mid-connection, or after a MessageLength no frame can have, it is out of
/// step: it looks for the next plausible header (``FramePlausibility``, checked by the header
/// after it too when the bytes are there) and reports the bytes it skipped.
public struct CTIStreamFramer {
    /// What the framer gives.
    public enum Output {
        /// A whole frame, starting at `offset` in the stream.
        case frame(CTIFrame, offset: Int64)
        /// Bytes skipped to get back in step: `length` bytes from `offset`.
        case skipped(offset: Int64, length: Int64)
    }

    public let plausibility: FramePlausibility
    /// Whether the next bytes are a frame header.
    public private(set) var isSynchronized: Bool
    private var buffer = ByteBuffer()
    /// Stream offset of the buffer's first readable byte.
    public private(set) var offset: Int64 = 0
    /// Bytes skipped since the framer last was in step (reported when it is again).
    private var skipping: (offset: Int64, length: Int64)?

    /// A framer at the start of a stream; `synchronized` is false when the stream starts at the
    /// first segment captured (mid-connection, maybe mid-frame).
    public init(plausibility: FramePlausibility, synchronized: Bool) {
        self.plausibility = plausibility
        self.isSynchronized = synchronized
    }

    /// Bytes received and not yet cut into frames.
    public var bufferedBytes: Int { buffer.readableBytes }

    /// The first `count` buffered bytes, without consuming them.
    public func peek(_ count: Int) -> [UInt8]? { buffer.getBytes(at: buffer.readerIndex, length: count) }

    /// Appends the next bytes of the stream.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if buffer.readableBytes == 0 {
            buffer.clear()
        } else if buffer.readerIndex >= 1 << 16 {
            buffer.discardReadBytes()
        }
        buffer.writeBytes(bytes)
    }

    /// A hole of `length` bytes in the stream: what was buffered (part of a frame) is dropped
    /// and the framer is out of step until it finds a header.
    public mutating func gap(length: Int64) {
        offset += Int64(buffer.readableBytes) + length
        buffer.clear()
        isSynchronized = false
        skipping = nil
    }

    /// Cuts every whole frame now buffered; `atEnd`: no more bytes will come (the header after a
    /// candidate is not awaited).
    public mutating func frames(atEnd: Bool = false, _ output: (Output) -> Void) {
        while true {
            if !isSynchronized {
                guard synchronize(atEnd: atEnd) else { break }
                if let skipped = skipping {
                    skipping = nil
                    output(.skipped(offset: skipped.offset, length: skipped.length))
                }
            }
            guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self),
                  let type = buffer.getInteger(at: buffer.readerIndex + 4, as: UInt32.self) else { break }
            guard length <= CTIFrame.acceptedMaximumBody else {
                isSynchronized = false
                consume(1)
                continue
            }
            guard buffer.readableBytes >= CTIFrame.headerSize + Int(length) else { break }
            let start = offset
            buffer.moveReaderIndex(forwardBy: CTIFrame.headerSize)
            let body = buffer.readSlice(length: Int(length))!
            offset += Int64(CTIFrame.headerSize) + Int64(length)
            output(.frame(CTIFrame(type: type, body: body), offset: start))
        }
        // At the end, bytes that make no whole frame (a frame cut short, or no header at all).
        guard atEnd, buffer.readableBytes > 0 || skipping != nil else { return }
        let left = Int64(buffer.readableBytes)
        let skipped = (offset: skipping?.offset ?? offset, length: (skipping?.length ?? 0) + left)
        offset += left
        buffer.clear()
        skipping = nil
        output(.skipped(offset: skipped.offset, length: skipped.length))
    }

    /// Moves to the next plausible header; false when the bytes buffered hold none yet.
    private mutating func synchronize(atEnd: Bool) -> Bool {
        while buffer.readableBytes >= CTIFrame.headerSize {
            let at = buffer.readerIndex
            let length = buffer.getInteger(at: at, as: UInt32.self)!
            let type = buffer.getInteger(at: at + 4, as: UInt32.self)!
            if plausibility.isPlausible(length: length, type: type) {
                let next = CTIFrame.headerSize + Int(length)
                let available = buffer.readableBytes
                // Confirmed by the header after it; or the frame ends exactly where the bytes do
                // (a segment ends with it); or, at the end, it is whole and nothing can follow.
                if available >= next + CTIFrame.headerSize {
                    if plausibility.isPlausible(length: buffer.getInteger(at: at + next, as: UInt32.self)!,
                                                type: buffer.getInteger(at: at + next + 4, as: UInt32.self)!) {
                        isSynchronized = true
                        return true
                    }
                } else if available == next || (atEnd && available >= next) {
                    isSynchronized = true
                    return true
                } else if !atEnd {
                    return false  // await the bytes that decide
                }
            }
            consume(1)
        }
        return false
    }

    /// Skips `count` bytes, counted in ``skipping``.
    private mutating func consume(_ count: Int) {
        if skipping == nil { skipping = (offset, 0) }
        skipping!.length += Int64(count)
        buffer.moveReaderIndex(forwardBy: count)
        offset += Int64(count)
    }
}
