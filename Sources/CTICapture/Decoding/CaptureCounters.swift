/// What a ``CaptureDecoder`` has seen so far, for `--stats` and the final notes.
public struct CaptureCounters: Sendable {
    /// Packets read.
    public var packets = 0
    /// TCP segments found in them.
    public var tcpSegments = 0
    /// Packets skipped, by reason.
    public var skipped: [PacketSkipReason: Int] = [:]
    /// TCP segments of connections that are not CTI.
    public var otherTCPSegments = 0
    /// Gaps, and the bytes they lost.
    public var gaps = 0
    public var gapBytes: Int64 = 0
    /// Bytes of CTI streams that made no frame.
    public var skippedBytes: Int64 = 0
    /// Frames handed out.
    public var frames = 0

    public init() {}
}
