import CTICapture
import CTIProtocol
import NIOCore

/// The decoding of one direction of a relayed connection (issue 19), apart from the relay: the
/// bytes read, as they come, cut into frames (``CTIStreamFramer``, in step from the stream's
/// start, resynchronised after garbage or a MessageLength no frame can have), with the bytes that
/// make no frame reported. Whatever the bytes, it never traps: the relay forwards them anyway.
/// Public for the `FuzzProxyTap` harness and for benchmarks.
public struct ProxyStreamTap {
    /// What the bytes read gave.
    public enum Output {
        /// A whole frame, starting at `offset` in the stream.
        case frame(CTIFrame, offset: Int64)
        /// `length` bytes from `offset` that make no frame.
        case skipped(offset: Int64, length: Int64)
    }

    /// The first bytes of a TLS record carrying a handshake (a ClientHello): content type 22,
    /// version major 3.
    public static let tlsHandshakeRecord: UInt8 = 0x16
    public static let tlsMajorVersion: UInt8 = 0x03

    private var framer: CTIStreamFramer
    /// Bytes read so far (the stream offset of the next byte).
    public private(set) var seen: Int64 = 0

    public init(version: ProtocolVersion) {
        framer = CTIStreamFramer(plausibility: FramePlausibility(version: version), synchronized: true)
    }

    /// Whether the first bytes of a client's stream are a TLS ClientHello (no CTI frame starts
    /// so: its MessageLength would be over 0x16000000).
    public static func isTLSClientHello(_ bytes: ByteBuffer) -> Bool {
        guard bytes.getInteger(at: bytes.readerIndex, as: UInt8.self) == tlsHandshakeRecord else { return false }
        let major = bytes.getInteger(at: bytes.readerIndex + 1, as: UInt8.self)
        return major == nil || major == tlsMajorVersion
    }

    /// The next bytes of the stream; the frames they complete and the bytes skipped.
    public mutating func read(_ bytes: ByteBuffer) -> [Output] {
        seen += Int64(bytes.readableBytes)
        bytes.withUnsafeReadableBytes { framer.append($0) }
        return cut(atEnd: false)
    }

    /// The stream has ended: what is left makes no frame.
    public mutating func end() -> [Output] {
        cut(atEnd: true)
    }

    private mutating func cut(atEnd: Bool) -> [Output] {
        var outputs: [Output] = []
        framer.frames(atEnd: atEnd) { output in
            switch output {
            case .frame(let frame, let offset): outputs.append(.frame(frame, offset: offset))
            case .skipped(let offset, let length): outputs.append(.skipped(offset: offset, length: length))
            }
        }
        return outputs
    }
}
