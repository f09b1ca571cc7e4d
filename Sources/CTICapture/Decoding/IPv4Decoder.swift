/// Reads an IPv4 header (RFC 791 §3.1): IHL, total length, fragment offset, protocol.
enum IPv4Decoder {
    static let minimumHeaderLength = 20
    /// The More Fragments flag and the fragment offset, in the 16 bits at byte 6.
    static let fragmentOffsetMask: UInt16 = 0x1FFF

    /// The TCP segment of the IPv4 packet starting at `start` of `frame`.
    static func decode(_ frame: UnsafeRawBufferPointer, at start: Int) throws(PacketSkipReason) -> IPPayload {
        let available = frame.count - start
        guard available >= minimumHeaderLength else { throw .truncated }
        let first = frame[start]
        guard first >> 4 == 4 else { throw .malformed }
        let headerLength = Int(first & 0x0F) * 4
        guard headerLength >= minimumHeaderLength else { throw .malformed }
        guard available >= headerLength else { throw .truncated }
        var totalLength = Int(frame.bigEndian(at: start + 2, as: UInt16.self))
        // 0: a segmentation-offload packet captured before the NIC split it; its length is what was captured.
        if totalLength == 0 { totalLength = available }
        guard totalLength >= headerLength else { throw .malformed }
        guard totalLength <= available else { throw .truncated }
        guard frame.bigEndian(at: start + 6, as: UInt16.self) & fragmentOffsetMask == 0 else { throw .fragment }
        guard IPProtocolNumber(rawValue: frame[start + 9]) == .tcp else { throw .notTCP }
        return IPPayload(source: .v4(frame.bigEndian(at: start + 12)), destination: .v4(frame.bigEndian(at: start + 16)),
                         payload: (start + headerLength)..<(start + totalLength))
    }
}
