/// When a packet was captured: seconds and nanoseconds since 1970 (UTC), as a capture file
/// stores it (read with nanosecond precision whatever the file's own).
public struct CaptureTime: Hashable, Comparable, Sendable {
    public var seconds: Int64
    public var nanoseconds: UInt32

    public init(seconds: Int64, nanoseconds: UInt32) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    /// The time `nanoseconds` later.
    public func advanced(byNanoseconds nanoseconds: UInt64) -> CaptureTime {
        let total = UInt64(self.nanoseconds) + nanoseconds
        return CaptureTime(seconds: seconds + Int64(total / 1_000_000_000), nanoseconds: UInt32(total % 1_000_000_000))
    }

    /// Milliseconds since 1970, the unit of the console's other timestamps.
    public var milliseconds: Int64 { seconds * 1000 + Int64(nanoseconds / 1_000_000) }

    public static func < (lhs: CaptureTime, rhs: CaptureTime) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }
}
