import CTIOutput

/// `cti watch --stats SECONDS`: prints the session's statistics table to stderr every SECONDS
/// seconds (stdout stays data) until stopped; ``printFinal(_:json:)`` prints the last one.
final class StatisticsTicker: Sendable {
    private let task: Task<Void, Never>

    init(every seconds: Double, statistics: StatisticsRecorder) {
        task = Task {
            while true {
                do {
                    try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
                } catch {
                    return
                }
                StatisticsTicker.printTable(statistics)
            }
        }
    }

    func stop() { task.cancel() }

    /// The table on stderr, each line as a diagnostic.
    static func printTable(_ statistics: StatisticsRecorder) {
        let (snapshot, time) = statistics.snapshot()
        for line in StatisticsReport(snapshot, at: time).lines { StandardStream.diagnose(line) }
    }

    /// At the end of `watch --stats`: the table on stderr, and with `-o json` the
    /// `{"type":"STATS",...}` object on stdout too.
    static func printFinal(_ statistics: StatisticsRecorder, json: Bool) {
        printTable(statistics)
        guard json else { return }
        let (snapshot, time) = statistics.snapshot()
        try? StandardStream.output.writeLine(StatisticsReport(snapshot, at: time).json)
    }
}
