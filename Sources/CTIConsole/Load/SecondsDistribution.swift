import CTIProtocol

/// How long something in the work model lasts (talk time, wrap-up, ringing before the answer,
/// a not-ready period): fixed (`30`), uniform in a range (`20-40`), or exponential with a mean
/// (`exp:45`, the usual model of handle times). Seconds; a unit as in ``LoadTime`` is allowed
/// on each number (`500ms-2s`).
enum SecondsDistribution: Equatable, Sendable, CustomStringConvertible {
    case fixed(Duration)
    case uniform(Duration, Duration)
    case exponential(mean: Duration)

    /// Parses `text` for `option` (usage error naming both when malformed).
    static func parse(_ text: String, option: String) throws(LoadOptionError) -> SecondsDistribution {
        if text.hasPrefix("exp:") {
            return .exponential(mean: try LoadTime.parse(String(text.dropFirst(4)), option: option))
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            return .fixed(try LoadTime.parse(text, option: option, allowsZero: true))
        case 2:
            let low = try LoadTime.parse(String(parts[0]), option: option, allowsZero: true)
            let high = try LoadTime.parse(String(parts[1]), option: option, allowsZero: true)
            guard low <= high else { throw LoadOptionError(description: "\(option) '\(text)': the range's low end is above its high end") }
            return .uniform(low, high)
        default:
            throw LoadOptionError(description: "\(option) '\(text)': expected seconds (30), a range (20-40) or exp:MEAN (exp:45)")
        }
    }

    /// One draw.
    func draw(_ random: inout SplitMix64) -> Duration {
        switch self {
        case .fixed(let value):
            return value
        case .uniform(let low, let high):
            return .milliseconds(Int64((random.uniform(low.fractionalSeconds...high.fractionalSeconds) * 1000).rounded()))
        case .exponential(let mean):
            return .milliseconds(Int64((random.exponential(rate: 1 / mean.fractionalSeconds) * 1000).rounded()))
        }
    }

    /// As it was written (seconds).
    var description: String {
        switch self {
        case .fixed(let value): Self.seconds(value)
        case .uniform(let low, let high): "\(Self.seconds(low))-\(Self.seconds(high))"
        case .exponential(let mean): "exp:\(Self.seconds(mean))"
        }
    }

    private static func seconds(_ duration: Duration) -> String {
        let value = duration.fractionalSeconds
        return value == value.rounded() ? String(Int(value)) : String(value)
    }
}
