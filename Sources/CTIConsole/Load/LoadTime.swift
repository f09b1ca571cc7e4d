/// A span of time as `cti load` takes it (`--duration 10m`, `--at 60s`, `--ramp 30`): a number
/// of seconds, or a number with the unit `ms`, `s`, `m` or `h`.
enum LoadTime {
    /// The longest span accepted: a day is far more than a load test runs.
    static let maximumSeconds: Double = 86_400

    /// Parses `text` for `option`; `allowsZero` for spans that may be empty (`--ramp 0`).
    static func parse(_ text: String, option: String, allowsZero: Bool = false) throws(LoadOptionError) -> Duration {
        let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3_600)]
        var number = Substring(text)
        var scale = 1.0
        if let unit = units.first(where: { text.hasSuffix($0.suffix) && Double(text.dropLast($0.suffix.count)) != nil }) {
            number = text.dropLast(unit.suffix.count)
            scale = unit.seconds
        }
        guard let value = Double(number), value.isFinite else {
            throw LoadOptionError(description: "\(option) '\(text)': expected a time such as 90, 90s, 1.5m, 2h or 500ms")
        }
        let seconds = value * scale
        guard allowsZero ? seconds >= 0 : seconds > 0, seconds <= maximumSeconds else {
            throw LoadOptionError(description: "\(option) '\(text)': expected a time \(allowsZero ? "from 0" : "greater than 0") up to 24h")
        }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }
}
