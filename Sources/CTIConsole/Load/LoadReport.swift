import CTIProtocol

/// The summary of a `cti load` run (issue 22): as text (a table, like `stats`) or as one JSON
/// object `{"type":"LOAD_SUMMARY",...}`, and the exit status it makes.
///
/// Exit status: 130 when a signal ended the run early; 2 when a session never opened or was
/// lost and not back at the end; 1 when a request was refused (or not answered in time); else 0.
struct LoadReport {
    var outcome: LoadRun.Outcome
    var plan: LoadPlan
    /// Where the sessions went, in words (`the embedded simulator (127.0.0.1:40001 / 127.0.0.1:40002)`).
    var target: String

    /// The percentiles each round-trip row shows.
    static let percentiles: [(label: String, key: String, percentile: Double)] = [
        ("p50", "p50Ms", 50), ("p90", "p90Ms", 90), ("p99", "p99Ms", 99), ("p99.9", "p999Ms", 99.9),
    ]

    /// Finesse's published failover time for 2,000 agents, the figure `cti load` is compared with.
    static let finesseFailoverFigure = "120-150 s"

    private var statistics: LoadStatistics { outcome.statistics }

    /// Session losses after which the session was not back with the state learned before the end.
    var unrecovered: Int { max(0, Int(statistics.agentsLost) - Int(statistics.recovery.count)) }

    var exitCode: Int32 {
        if case .signal = outcome.end { return ExitStatus.interrupted.rawValue }
        if statistics.sessions.neverOpened > 0 || unrecovered > 0 { return ExitStatus.connectionFailure.rawValue }
        if statistics.failureCount > 0 { return ExitStatus.refused.rawValue }
        return 0
    }

    // MARK: - Text

    var lines: [String] {
        let sessions = statistics.sessions
        let calls = statistics.calls
        var lines = ["cti load: \(statistics.agentCount) agents (\(sessionText)) for \(Self.seconds(outcome.elapsed)) s against \(target); "
                     + endText]
        lines.append("sessions: \(sessions.opened) opened, \(sessions.neverOpened) never opened, \(sessions.lost) lost, "
                     + "\(sessions.reopened) reopened, \(sessions.closed) closed"
                     + (outcome.aborted > 0 ? ", \(outcome.aborted) closed without logout (stop deadline)" : "")
                     + "; stop took \(Self.seconds(outcome.stopTime)) s")
        for (reason, count) in statistics.openFailures.sorted(by: { $0.key < $1.key }) {
            lines.append("  never opened: \(reason): \(count)")
        }
        var callLine = "calls: \(calls.offered) offered, \(calls.answered) answered, \(calls.hungUp) hung up by the agent"
        if plan.makeRate > 0 { callLine += ", \(calls.made) made, \(calls.notPlaced) not placed (no agent available)" }
        if plan.persistent { callLine += "; persistent (nailed) connections: \(calls.persistentUp) up, \(calls.persistentLost) lost" }
        lines.append(callLine)
        let header = ["count", "refused"] + Self.percentiles.map { "\($0.label) ms" } + ["max ms"]
        for (title, requests) in [("requests", statistics.requests), ("requests of the stop (logout)", statistics.stopRequests)] {
            lines.append(StatisticsReport.row(title, header))
            for (name, trips) in requests.sorted(by: { $0.key < $1.key }) {
                lines.append(StatisticsReport.row("  " + name, [String(trips.count), String(trips.refused)] + Self.cells(trips)))
            }
            if requests.isEmpty { lines.append("  (none)") }
        }
        lines.append(StatisticsReport.row("failures by code", ["count"]))
        for (failure, count) in statistics.failures.sorted(by: { $0.key < $1.key }) {
            lines.append(StatisticsReport.row("  \(failure.message) \(failure.code)", [String(count)]))
        }
        if statistics.failures.isEmpty { lines.append("  (none)") }
        if statistics.requestsLostWithConnection > 0 {
            lines.append("  (and \(statistics.requestsLostWithConnection) requests whose connection was lost before the answer)")
        }
        let perAgent = eventsPerAgent
        lines.append("events: \(perAgent.total) received; per agent min \(perAgent.min), median \(perAgent.median), "
                     + "max \(perAgent.max), mean \(StatisticsReport.decimals(perAgent.mean, 1))"
                     + (statistics.eventsForNoAgent > 0 ? "; \(statistics.eventsForNoAgent) about no agent of the run (--bridge)" : ""))
        for (name, count) in statistics.eventsByType.sorted(by: { $0.key < $1.key }) {
            lines.append(StatisticsReport.row("  " + name, [String(count)]))
        }
        lines.append(failoverLine)
        return lines
    }

    /// How the agents were connected, and in which protocol version(s).
    private var sessionText: String {
        let versions = statistics.protocolVersions.sorted().map(String.init).joined(separator: ", ")
        return (plan.bridge ? "one ALL_EVENTS session" : "a session each") + (versions.isEmpty ? "" : ", protocol \(versions)")
    }

    private var endText: String {
        switch outcome.end {
        case .duration: "ran the planned \(Self.seconds(plan.duration)) s"
        case .signal(let number): "stopped early by signal \(number)"
        }
    }

    private var failoverLine: String {
        let recovery = statistics.recovery
        var line = "failover: "
        if let failedAt = outcome.failedAt, let planned = plan.failure {
            line += "side \(planned.side) \(planned.mode == .kill ? "killed" : "hung") at \(Self.seconds(failedAt)) s; "
        } else if statistics.agentsLost == 0 {
            return line + "no session lost"
        }
        line += "\(statistics.agentsLost) agents lost their session, \(recovery.count) back with their state learned"
        if unrecovered > 0 { line += ", \(unrecovered) not back" }
        guard recovery.count > 0 else { return line }
        let cells = Self.percentiles.map { "\($0.label) \(Self.secondsFromMicroseconds(recovery.microseconds(atPercentile: $0.percentile))) s" }
        return line + "; time until back: " + cells.joined(separator: ", ")
            + ", max \(Self.secondsFromMicroseconds(recovery.maximumMicroseconds)) s (Finesse publishes \(Self.finesseFailoverFigure) for 2,000 agents)"
    }

    // MARK: - JSON

    var json: String {
        let sessions = statistics.sessions
        let calls = statistics.calls
        var parts: [String] = ["\"type\":\"LOAD_SUMMARY\"", "\"agents\":\(statistics.agentCount)",
                               "\"bridge\":\(plan.bridge)",
                               "\"protocolVersions\":[\(statistics.protocolVersions.sorted().map(String.init).joined(separator: ","))]",
                               "\"seconds\":\(StatisticsReport.decimals(outcome.elapsed.fractionalSeconds, 3))",
                               "\"plannedSeconds\":\(StatisticsReport.decimals(plan.duration.fractionalSeconds, 3))"]
        switch outcome.end {
        case .duration: parts.append("\"end\":\"duration\"")
        case .signal(let number): parts.append("\"end\":\"signal\",\"signal\":\(number)")
        }
        let openFailures = statistics.openFailures.sorted { $0.key < $1.key }.map { reason, count in
            "{\"reason\":\(StatisticsReport.quoted(reason)),\"count\":\(count)}"
        }
        parts.append("\"sessions\":{\"opened\":\(sessions.opened),\"neverOpened\":\(sessions.neverOpened),\"lost\":\(sessions.lost),"
                     + "\"reopened\":\(sessions.reopened),\"closed\":\(sessions.closed),\"closedWithoutLogout\":\(outcome.aborted),"
                     + "\"stopSeconds\":\(StatisticsReport.decimals(outcome.stopTime.fractionalSeconds, 3)),"
                     + "\"openFailures\":[\(openFailures.joined(separator: ","))]}")
        let boards = statistics.boardCounts
        let atEnd = LoadStatistics.Board.allCases.compactMap { board in boards[board].map { "\"\(board.label)\":\($0)" } }
        parts.append("\"agentsAtEnd\":{\(atEnd.joined(separator: ","))}")
        parts.append("\"calls\":{\"offered\":\(calls.offered),\"answered\":\(calls.answered),\"hungUp\":\(calls.hungUp),"
                     + "\"made\":\(calls.made),\"notPlaced\":\(calls.notPlaced),\"persistentUp\":\(calls.persistentUp),"
                     + "\"persistentLost\":\(calls.persistentLost)}")
        for (key, requests) in [("requests", statistics.requests), ("stopRequests", statistics.stopRequests)] {
            let entries = requests.sorted { $0.key < $1.key }.map { name, trips in "\(StatisticsReport.quoted(name)):\(Self.json(trips))" }
            parts.append("\"\(key)\":{\(entries.joined(separator: ","))}")
        }
        let failures = statistics.failures.sorted { $0.key < $1.key }.map { failure, count in
            "{\"request\":\(StatisticsReport.quoted(failure.message)),\"code\":\(StatisticsReport.quoted(failure.code)),\"count\":\(count)}"
        }
        parts.append("\"failures\":[\(failures.joined(separator: ","))]")
        parts.append("\"requestsLostWithConnection\":\(statistics.requestsLostWithConnection)")
        let perAgent = eventsPerAgent
        let byType = statistics.eventsByType.sorted { $0.key < $1.key }.map { "\(StatisticsReport.quoted($0.key)):\($0.value)" }
        parts.append("\"events\":{\"total\":\(perAgent.total),\"forNoAgent\":\(statistics.eventsForNoAgent),\"perAgent\":{\"min\":\(perAgent.min),\"median\":\(perAgent.median),"
                     + "\"max\":\(perAgent.max),\"mean\":\(StatisticsReport.decimals(perAgent.mean, 3))},"
                     + "\"byType\":{\(byType.joined(separator: ","))}}")
        parts.append("\"failover\":\(failoverJSON)")
        return "{" + parts.joined(separator: ",") + "}"
    }

    private var failoverJSON: String {
        let recovery = statistics.recovery
        var fields: [String] = []
        if let failedAt = outcome.failedAt, let planned = plan.failure {
            fields += ["\"side\":\"\(planned.side)\"", "\"mode\":\"\(planned.mode.rawValue)\"",
                       "\"atSeconds\":\(StatisticsReport.decimals(failedAt.fractionalSeconds, 3))"]
        } else if statistics.agentsLost == 0 {
            return "null"
        }
        fields += ["\"lost\":\(statistics.agentsLost)", "\"recovered\":\(recovery.count)", "\"notBack\":\(unrecovered)"]
        if recovery.count > 0 {
            fields += Self.percentiles.map { "\"\($0.key)\":\(StatisticsReport.milliseconds(recovery.microseconds(atPercentile: $0.percentile)))" }
            fields.append("\"maxMs\":\(StatisticsReport.milliseconds(recovery.maximumMicroseconds))")
        }
        return "{" + fields.joined(separator: ",") + "}"
    }

    // MARK: - Figures

    private static func cells(_ trips: SessionStatistics.RoundTrips) -> [String] {
        percentiles.map { StatisticsReport.milliseconds(trips.microseconds(atPercentile: $0.percentile)) }
            + [StatisticsReport.milliseconds(trips.maximumMicroseconds)]
    }

    private static func json(_ trips: SessionStatistics.RoundTrips) -> String {
        let cells = percentiles.map { "\"\($0.key)\":\(StatisticsReport.milliseconds(trips.microseconds(atPercentile: $0.percentile)))" }
        return "{\"count\":\(trips.count),\"refused\":\(trips.refused),\(cells.joined(separator: ",")),"
            + "\"maxMs\":\(StatisticsReport.milliseconds(trips.maximumMicroseconds))}"
    }

    /// The events each agent received: total, least, median, most, mean.
    private var eventsPerAgent: (total: UInt64, min: UInt64, median: UInt64, max: UInt64, mean: Double) {
        let counts = statistics.eventsPerAgent.sorted()
        guard !counts.isEmpty else { return (0, 0, 0, 0, 0) }
        let total = counts.reduce(0, +)
        return (total, counts[0], counts[counts.count / 2], counts[counts.count - 1], Double(total) / Double(counts.count))
    }

    private static func seconds(_ duration: Duration) -> String { StatisticsReport.decimals(duration.fractionalSeconds, 1) }

    private static func secondsFromMicroseconds(_ microseconds: UInt64) -> String { StatisticsReport.decimals(Double(microseconds) / 1e6, 3) }
}
