import ArgumentParser

/// A number of seconds given as an option (`--timeout`, `--follow`, `--connect-timeout`):
/// positive, finite and at most ``maximum``, so that it always converts to a `Duration` in
/// milliseconds (a larger value would overflow it).
enum SecondsOption {
    /// About 31 years.
    static let maximum: Double = 1_000_000_000

    /// Throws a usage error naming `option` unless `value` is in (0, ``maximum``].
    static func check(_ value: Double, option: String) throws {
        guard value > 0, value <= maximum else {
            throw ValidationError("\(option) \(value): expected seconds greater than 0 and at most \(Int(maximum))")
        }
    }
}
