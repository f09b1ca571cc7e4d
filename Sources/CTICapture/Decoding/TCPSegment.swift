/// A TCP segment found in a captured packet (RFC 9293 §3.1): its two ends, sequence and
/// acknowledgment numbers, control bits and payload (the packet's bytes, valid as long as the packet's).
public struct TCPSegment {
    public var source: TCPEndpoint
    public var destination: TCPEndpoint
    public var sequence: UInt32
    /// The next sequence number the sender expects from its peer (meaningful with ``TCPFlags/ack``).
    public var acknowledgment: UInt32
    public var flags: TCPFlags
    public var payload: UnsafeRawBufferPointer
}
