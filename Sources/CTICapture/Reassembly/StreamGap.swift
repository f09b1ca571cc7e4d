/// Bytes of a TCP stream the capture does not hold (a segment the capture lost): where they are
/// in the stream (offset from the first byte, and the TCP sequence number), how many, and when
/// the stream went on after them (the capture time of the first segment past the hole).
public struct StreamGap: Hashable, Sendable {
    /// Stream offset of the first missing byte (0 = the first byte after the SYN, or the first
    /// byte seen when the capture starts mid-connection).
    public var offset: Int64
    /// TCP sequence number of the first missing byte.
    public var sequence: UInt32
    /// Missing bytes.
    public var length: Int64
    /// Capture time of the first segment after the hole.
    public var resumedAt: CaptureTime

    public init(offset: Int64, sequence: UInt32, length: Int64, resumedAt: CaptureTime) {
        self.offset = offset
        self.sequence = sequence
        self.length = length
        self.resumedAt = resumedAt
    }
}
