import CTIProtocol

/// What ``CaptureDecoder`` finds in a capture, in the order it finds it.
public enum CaptureEvent {
    /// A CTI connection recognised (before its first message).
    case connection(CTIConnection)
    /// A whole frame of a CTI connection.
    case frame(CapturedFrame)
    /// Bytes a CTI stream lost (a segment the capture does not hold).
    case gap(CTIConnection, CaptureDirection, StreamGap)
    /// Bytes of a CTI stream that make no frame: skipped to get back in step after a gap, at
    /// the start of a capture that begins mid-frame, after an impossible MessageLength, or an
    /// unfinished frame at the end. `time` is the capture time of the last bytes seen.
    case skippedBytes(CTIConnection, CaptureDirection, offset: Int64, length: Int64, time: CaptureTime)
    /// A packet that is damaged (truncated, malformed): counted, and named here.
    case damagedPacket(number: Int, time: CaptureTime, reason: PacketSkipReason)
}

/// One frame of a CTI connection and where it was: the packet that completed it (number and
/// capture time), the connection, the direction, and its offset in that direction's stream.
public struct CapturedFrame {
    public var packet: Int
    public var time: CaptureTime
    public var connection: CTIConnection
    public var direction: CaptureDirection
    public var offset: Int64
    public var frame: CTIFrame
}
