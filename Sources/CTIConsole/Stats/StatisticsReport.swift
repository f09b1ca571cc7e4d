import CTIProtocol

/// ``SessionStatistics`` as they are printed: a table (`stats`, `cti watch --stats` on stderr)
/// or one JSON object `{"type":"STATS",...}` (`cti watch --stats -o json`, on stdout).
/// Round trips show in milliseconds (three decimals); rates are per second over the whole time.
struct StatisticsReport {
    let statistics: SessionStatistics
    /// How long the counting has run.
    let elapsed: Duration

    init(_ statistics: SessionStatistics, at time: Duration) {
        self.statistics = statistics
        elapsed = max(.zero, time - statistics.start)
    }

    private var seconds: Double { elapsed.fractionalSeconds }

    private func perSecond(_ count: UInt64) -> Double { seconds > 0 ? Double(count) / seconds : 0 }

    /// Microseconds as milliseconds with three decimals.
    static func milliseconds(_ microseconds: UInt64) -> String { decimals(Double(microseconds) / 1000, 3) }

    /// `value` with `places` decimals (no exponent).
    static func decimals(_ value: Double, _ places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int64((value * scale).rounded())
        let whole = String(scaled / Int64(scale))
        let fraction = String(scaled % Int64(scale))
        return places == 0 ? whole : whole + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }

    /// The percentiles each round-trip row shows.
    static let percentiles: [(label: String, percentile: Double)] = [("p50", 50), ("p90", 90), ("p99", 99)]

    /// The table, one line per element (no trailing newlines).
    var lines: [String] {
        var lines = ["stats: \(StatisticsReport.decimals(seconds, 1)) s"]
        let events = statistics.events.sorted { $0.key < $1.key }
        let total = events.reduce(0) { $0 + $1.value }
        lines.append(row("events", "count", "per s"))
        for (name, count) in events { lines.append(row("  " + name, String(count), StatisticsReport.decimals(perSecond(count), 1))) }
        lines.append(row("  total", String(total), StatisticsReport.decimals(perSecond(total), 1)))
        let header = ["count"] + StatisticsReport.percentiles.map { "\($0.label) ms" } + ["max ms", "refused"]
        lines.append(row("requests", header))
        for (name, trips) in statistics.requests.sorted(by: { $0.key < $1.key }) { lines.append(row("  " + name, cells(trips))) }
        if statistics.requests.isEmpty { lines.append("  (none)") }
        lines.append(row("heartbeat round trip", header))
        lines.append(statistics.heartbeats.count > 0 ? row("  " + SessionStatistics.heartbeatRequest, cells(statistics.heartbeats)) : "  (none yet)")
        lines.append(row("failures", "count"))
        for (failure, count) in statistics.failures.sorted(by: { $0.key < $1.key }) {
            lines.append(row("  \(failure.message) \(failure.code)", String(count)))
        }
        if statistics.failures.isEmpty { lines.append("  (none)") }
        return lines
    }

    private func cells(_ trips: SessionStatistics.RoundTrips) -> [String] {
        [String(trips.count)] + StatisticsReport.percentiles.map { StatisticsReport.milliseconds(trips.microseconds(atPercentile: $0.percentile)) }
            + [StatisticsReport.milliseconds(trips.maximumMicroseconds), String(trips.refused)]
    }

    private func row(_ name: String, _ cells: String...) -> String { row(name, cells) }

    private func row(_ name: String, _ cells: [String]) -> String { StatisticsReport.row(name, cells) }

    /// A table row: the name left-aligned in 40 columns, then each cell right-aligned in 10.
    static func row(_ name: String, _ cells: [String]) -> String {
        let padded = name.count < 40 ? name + String(repeating: " ", count: 40 - name.count) : name + " "
        return padded + cells.map { String(repeating: " ", count: max(1, 10 - $0.count)) + $0 }.joined()
    }

    /// The JSON object: `type` STATS, `seconds`, `events` (name: count and perSecond),
    /// `requests` (name: count, p50Ms, p90Ms, p99Ms, maxMs, refused), `heartbeat` (the same,
    /// or null before the first), `failures` (message, code, count).
    var json: String {
        let events = statistics.events.sorted { $0.key < $1.key }.map { name, count in
            "\(StatisticsReport.quoted(name)):{\"count\":\(count),\"perSecond\":\(StatisticsReport.decimals(perSecond(count), 3))}"
        }
        let requests = statistics.requests.sorted { $0.key < $1.key }.map { name, trips in
            "\(StatisticsReport.quoted(name)):\(StatisticsReport.json(trips))"
        }
        let heartbeat = statistics.heartbeats.count > 0 ? StatisticsReport.json(statistics.heartbeats) : "null"
        let failures = statistics.failures.sorted { $0.key < $1.key }.map { failure, count in
            "{\"message\":\(StatisticsReport.quoted(failure.message)),\"code\":\(StatisticsReport.quoted(failure.code)),\"count\":\(count)}"
        }
        return "{\"type\":\"STATS\",\"seconds\":\(StatisticsReport.decimals(seconds, 3)),"
            + "\"events\":{\(events.joined(separator: ","))},\"requests\":{\(requests.joined(separator: ","))},"
            + "\"heartbeat\":\(heartbeat),\"failures\":[\(failures.joined(separator: ","))]}"
    }

    private static func json(_ trips: SessionStatistics.RoundTrips) -> String {
        let percentiles = percentiles.map { "\"\($0.label)Ms\":\(milliseconds(trips.microseconds(atPercentile: $0.percentile)))" }
        return "{\"count\":\(trips.count),\(percentiles.joined(separator: ",")),\"maxMs\":\(milliseconds(trips.maximumMicroseconds)),\"refused\":\(trips.refused)}"
    }

    /// A JSON string, escaped as the event lines are.
    static func quoted(_ text: String) -> String {
        var writer = JSONWriter(capacity: text.utf8.count + 2)
        writer.string(text)
        return writer.string
    }
}
