/// A `cti load` option value that cannot be used (a time, a distribution, the failed side, the
/// reason codes, an unreadable agents file), naming the option: a usage error, exit 64.
struct LoadOptionError: Error, CustomStringConvertible {
    var description: String
}
