/// The live line `cti load` keeps on a terminal's stderr (issue 22), rewritten about once a
/// second: elapsed time, agents by state, calls, requests per second since the last line,
/// refusals and the round-trip p99 so far.
struct LoadProgressLine {
    /// The request count at the previous line, for the rate.
    private var previousRequests: UInt64 = 0
    private var previousTime: Duration = .zero

    mutating func line(_ statistics: LoadStatistics, at time: Duration) -> String {
        let counts = statistics.boardCounts
        let boards = LoadStatistics.Board.allCases.compactMap { board in counts[board].map { "\($0) \(board.label)" } }
        let requests = statistics.allRequests.count
        let interval = (time - previousTime).fractionalSeconds
        let rate = interval > 0 ? Double(requests - previousRequests) / interval : 0
        previousRequests = requests
        previousTime = time
        let p99 = statistics.allRequests.count > 0
            ? StatisticsReport.milliseconds(statistics.allRequests.microseconds(atPercentile: 99)) + " ms" : "-"
        return "\(StatisticsReport.decimals(time.fractionalSeconds, 0)) s | agents: \(boards.joined(separator: ", ")) | "
            + "calls \(statistics.calls.offered) offered, \(statistics.calls.answered) answered"
            + (statistics.calls.made > 0 ? ", \(statistics.calls.made) made" : "")
            + " | \(StatisticsReport.decimals(rate, 1)) req/s | refused \(statistics.failureCount) | p99 \(p99)"
    }
}
