/// Reads an IPv6 header and walks its extension headers to TCP (RFC 8200 §3, §4): hop-by-hop
/// options, routing, destination options, fragment.
enum IPv6Decoder {
    static let headerLength = 40
    static let fragmentHeaderLength = 8
    /// The fragment offset in the 16 bits at byte 2 of a fragment header (the low 3 bits are flags).
    static let fragmentOffsetMask: UInt16 = 0xFFF8
    /// More extension headers than any real packet has: the walk stops there.
    static let maximumExtensionHeaders = 16

    /// The TCP segment of the IPv6 packet starting at `start` of `frame`.
    static func decode(_ frame: UnsafeRawBufferPointer, at start: Int) throws(PacketSkipReason) -> IPPayload {
        let available = frame.count - start
        guard available >= headerLength else { throw .truncated }
        guard frame[start] >> 4 == 6 else { throw .malformed }
        var payloadLength = Int(frame.bigEndian(at: start + 4, as: UInt16.self))
        // 0: a jumbogram or an offload packet; its length is what was captured.
        if payloadLength == 0 { payloadLength = available - headerLength }
        guard headerLength + payloadLength <= available else { throw .truncated }
        let end = start + headerLength + payloadLength
        var next = IPProtocolNumber(rawValue: frame[start + 6])
        var offset = start + headerLength
        for _ in 0..<maximumExtensionHeaders {
            switch next {
            case .tcp:
                let source = IPAddress.v6(frame.bigEndian(at: start + 8), frame.bigEndian(at: start + 16))
                let destination = IPAddress.v6(frame.bigEndian(at: start + 24), frame.bigEndian(at: start + 32))
                return IPPayload(source: source, destination: destination, payload: offset..<end)
            case .hopByHopOptions, .routing, .destinationOptions:
                guard end - offset >= 8 else { throw .truncated }
                next = IPProtocolNumber(rawValue: frame[offset])
                offset += (Int(frame[offset + 1]) + 1) * 8
                guard offset <= end else { throw .truncated }
            case .fragment:
                guard end - offset >= fragmentHeaderLength else { throw .truncated }
                guard frame.bigEndian(at: offset + 2, as: UInt16.self) & fragmentOffsetMask == 0 else { throw .fragment }
                next = IPProtocolNumber(rawValue: frame[offset])
                offset += fragmentHeaderLength
            default:
                throw .notTCP
            }
        }
        throw .malformed
    }
}
