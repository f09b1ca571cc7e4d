import ArgumentParser
import CTIOutput

/// `stats`: in the REPL or a script, the statistics of the session held so far (issue 21,
/// ``SessionStatistics``): events by type, request round trips, heartbeats, refusals.
struct StatsCommand: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show the REPL's or script's session statistics: events per second by type, request round trips (p50/p90/p99/max), heartbeat round trip, failures by code.",
        discussion: """
        Counted since the session was opened: each event read, each request from going out to \
        its confirmation, FAILURE_CONF or CONTROL_FAILURE_CONF (HdrHistogram, milliseconds), \
        each heartbeat likewise, and each refusal by its status or failure code. Only in the \
        REPL or a script (cti -c open -c "agent ready ..." -c stats): a one-shot `cti stats` \
        holds no session, and is a usage error (64); `cti watch --stats` counts a one-shot \
        watch.
        """)

    func run(on provider: any SessionProvider) async throws {
        guard let context = provider.console else {
            StandardStream.diagnose("cti: stats: only in the REPL or a script (e.g. cti -c open -c stats), or `cti watch --stats`: a one-shot command holds no session")
            throw ExitStatus.usage
        }
        guard let session = context.session else {
            try StandardStream.output.writeLine("no session")
            try StandardStream.output.flush()
            return
        }
        let (statistics, time) = session.statistics.snapshot()
        for line in StatisticsReport(statistics, at: time).lines {
            try StandardStream.output.writeLine(line)
        }
        try StandardStream.output.flush()
    }
}
