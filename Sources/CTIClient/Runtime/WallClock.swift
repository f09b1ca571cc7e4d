#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real-time clock (`CLOCK_REALTIME`): when the client received a record, or a frame tap
/// saw bytes, since 1970 (UTC).
public enum WallClock {
    /// Since 1970, with the clock's own resolution.
    public static func now() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return .seconds(Int64(time.tv_sec)) + .nanoseconds(Int64(time.tv_nsec))
    }

    /// Milliseconds since 1970: the unit of ``ClientEvent/timestamp``.
    public static func milliseconds() -> Int64 {
        let (seconds, attoseconds) = now().components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
