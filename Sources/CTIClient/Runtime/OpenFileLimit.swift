#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's open-file limit (RLIMIT_NOFILE), which caps how many sessions it can hold: one
/// descriptor each. Shells often start processes with a soft limit of 1,024 and a hard limit far
/// above; a process that holds thousands of sessions (`cti load`, `cti-bench scale`) raises its
/// soft limit to what it needs.
public enum OpenFileLimit {
    /// The limit cannot be raised that far (the hard limit is lower).
    public struct TooLow: Error, CustomStringConvertible {
        public var needed: Int
        public var hardLimit: Int

        public var description: String {
            "\(needed) open files are needed and the hard limit is \(hardLimit) (raise it: ulimit -Hn, or LimitNOFILE for a service)"
        }
    }

    /// Raises the soft limit to at least `needed` descriptors (up to the hard limit); returns the
    /// soft limit now in force.
    @discardableResult
    public static func ensure(_ needed: Int) throws(TooLow) -> Int {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = Int32(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0 else { return needed }
        if limit.rlim_cur >= rlim_t(needed) { return Int(clamping: limit.rlim_cur) }
        guard limit.rlim_max >= rlim_t(needed) else { throw TooLow(needed: needed, hardLimit: Int(clamping: limit.rlim_max)) }
        limit.rlim_cur = rlim_t(needed)
        _ = setrlimit(resource, &limit)
        return needed
    }
}
