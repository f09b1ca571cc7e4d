/// From a captured frame to its TCP segment: the link layer (``LinkLayerDecoder``), IPv4 or
/// IPv6 (``IPv4Decoder``, ``IPv6Decoder``), then the TCP header (RFC 9293 §3.1: data offset,
/// control bits, sequence and acknowledgment numbers). Anything else, or anything cut short, is a
/// ``PacketSkipReason``; nothing traps on any input.
public enum PacketDecoder {
    static let minimumTCPHeaderLength = 20

    /// The TCP segment a frame of `linkType` carries.
    public static func segment(in frame: UnsafeRawBufferPointer, linkType: LinkType) throws(PacketSkipReason) -> TCPSegment {
        let (start, etherType) = try LinkLayerDecoder.network(in: frame, linkType: linkType)
        guard start < frame.count else { throw .truncated }
        let ip: IPPayload
        switch etherType?.rawValue ?? (frame[start] >> 4 == 6 ? EtherType.ipv6.rawValue : EtherType.ipv4.rawValue) {
        case EtherType.ipv6.rawValue: ip = try IPv6Decoder.decode(frame, at: start)
        default: ip = try IPv4Decoder.decode(frame, at: start)
        }
        let tcp = ip.payload.lowerBound
        guard ip.payload.count >= minimumTCPHeaderLength else { throw .truncated }
        let headerLength = Int(frame[tcp + 12] >> 4) * 4
        guard headerLength >= minimumTCPHeaderLength else { throw .malformed }
        guard headerLength <= ip.payload.count else { throw .truncated }
        return TCPSegment(
            source: TCPEndpoint(address: ip.source, port: frame.bigEndian(at: tcp)),
            destination: TCPEndpoint(address: ip.destination, port: frame.bigEndian(at: tcp + 2)),
            sequence: frame.bigEndian(at: tcp + 4),
            acknowledgment: frame.bigEndian(at: tcp + 8),
            flags: TCPFlags(rawValue: frame[tcp + 13]),
            payload: UnsafeRawBufferPointer(rebasing: frame[(tcp + headerLength)..<ip.payload.upperBound]))
    }
}
