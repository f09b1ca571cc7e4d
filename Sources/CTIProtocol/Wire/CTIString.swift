import NIOCore

/// A STRING value: the bytes before the terminating NUL, kept as they came off the wire.
///
/// The guide says ASCII; the bytes are kept exactly (no re-encoding) so that decode and encode
/// round-trip, and converted to Swift text only for display (invalid UTF-8 shows as U+FFFD).
/// Strings of up to ``inlineCapacity`` bytes (device IDs, agent IDs, most call variables) are
/// kept in the value itself; longer ones are a slice of the frame they came in.
public struct CTIString: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The longest string kept in the value itself.
    public static let inlineCapacity = 16

    // The words hold the bytes in memory order on a little-endian machine (the loads below
    // assume it; every platform Swift runs this on is).
    private enum Storage: Sendable {
        /// `count` bytes in two words: no allocation, and no reference keeping the frame alive.
        case inline(count: UInt8, (UInt64, UInt64))
        case buffer(ByteBuffer)
    }

    private var storage: Storage

    public init(bytes: ByteBuffer) {
        if bytes.readableBytes <= CTIString.inlineCapacity {
            storage = bytes.withUnsafeReadableBytes { CTIString.inline($0) }
        } else {
            storage = .buffer(bytes)
        }
    }

    public init(_ text: some StringProtocol) { self.init(bytes: ByteBuffer(string: String(text))) }

    public init(stringLiteral value: String) { self.init(value) }

    /// `count` bytes at `offset` of `raw`, the readable bytes of `buffer`: copied when short, else
    /// a slice of `buffer` (the decoder's way in).
    init(_ raw: UnsafeRawBufferPointer, at offset: Int, count: Int, of buffer: ByteBuffer) {
        if count <= CTIString.inlineCapacity {
            storage = CTIString.inline(UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + count)]))
        } else {
            storage = .buffer(buffer.getSlice(at: buffer.readerIndex + offset, length: count)!)
        }
    }

    /// Up to 16 bytes into two little-endian words (unused bytes 0), with two overlapping loads
    /// of 8, 4 or 1 bytes: the second is shifted into place past the first.
    @inline(__always)
    private static func inline(_ bytes: UnsafeRawBufferPointer) -> Storage {
        let count = bytes.count
        var low: UInt64 = 0, high: UInt64 = 0
        switch count {
        case 9...:
            low = bytes.loadUnaligned(as: UInt64.self)
            high = bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) >> UInt64(8 * (16 - count))
        case 8:
            low = bytes.loadUnaligned(as: UInt64.self)
        case 4...:
            low = UInt64(bytes.loadUnaligned(as: UInt32.self))
                | UInt64(bytes.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)) << UInt64(8 * (count - 4))
        case 1...:
            low = UInt64(bytes[0]) | UInt64(bytes[count / 2]) << UInt64(8 * (count / 2)) | UInt64(bytes[count - 1]) << UInt64(8 * (count - 1))
        default:
            break
        }
        return .inline(count: UInt8(count), (low, high))
    }

    /// Calls `body` with the string's bytes (without the NUL).
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        switch storage {
        case .inline(let count, var words):
            return try Swift.withUnsafeBytes(of: &words) { try body(UnsafeRawBufferPointer(rebasing: $0[..<Int(count)])) }
        case .buffer(let buffer):
            return try buffer.withUnsafeReadableBytes(body)
        }
    }

    /// The string's bytes, without the NUL.
    public var bytes: ByteBuffer {
        switch storage {
        case .inline: withUnsafeBytes { ByteBuffer(bytes: $0) }
        case .buffer(let buffer): buffer
        }
    }

    /// The bytes as text (lossy for invalid UTF-8).
    public var string: String { withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }

    /// Number of bytes, without the NUL.
    public var count: Int {
        switch storage {
        case .inline(let count, _): Int(count)
        case .buffer(let buffer): buffer.readableBytes
        }
    }

    public var description: String { string }

    public static func == (lhs: CTIString, rhs: CTIString) -> Bool {
        lhs.withUnsafeBytes { left in rhs.withUnsafeBytes { right in left.elementsEqual(right) } }
    }

    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
