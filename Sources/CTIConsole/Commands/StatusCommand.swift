import ArgumentParser
import CTIClient
import CTIOutput
import CTIProtocol

/// `status`: the session the REPL or script holds, and how it has been doing (the client keeps
/// the counters as it goes: ``CTIClient/status()``).
struct StatusCommand: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the session held by the REPL or script: side and state, heartbeat round trip, uptime, events, peripheral, last failover.")

    func run(on provider: any SessionProvider) async throws {
        guard let session = provider.console?.session, let status = await session.client.status() else {
            try StandardStream.output.writeLine("no session")
            try StandardStream.output.flush()
            return
        }
        for line in StatusCommand.lines(status, settings: session.settings, embedded: session.simulator != nil) {
            try StandardStream.output.writeLine(line)
        }
        try StandardStream.output.flush()
    }

    /// The lines `status` prints (`session` first: `session   open on side B (host:port)`).
    static func lines(_ status: ClientStatus, settings: ConsoleSettings, embedded: Bool) -> [String] {
        let open = status.sessionUptime != nil
        let where_ = status.side.map { " on side \($0)" + (status.endpoint.map { " (\($0))" } ?? "") } ?? ""
        let session = open ? "open" + where_ : "not open (" + (status.side.flatMap { status.states[$0] }?.rawValue ?? "closed") + where_ + ")"
        func side(_ side: CTISide, _ endpoint: Endpoint?) -> String {
            (endpoint.map(\.description) ?? "-") + (side == .a && embedded ? " (embedded simulator)" : "")
                + (status.states[side].map { ": \($0.rawValue)" } ?? "")
        }
        let heartbeat = status.heartbeatInterval.map { interval in
            "every \(format(interval)), last round trip " + (status.lastHeartbeatRoundTrip.map(formatShort) ?? "none yet")
        } ?? "off"
        return [
            "session   \(session)",
            "side A    \(side(.a, settings.hostA))",
            "side B    \(side(.b, settings.hostB))",
            "client    \(settings.clientID)",
            "protocol  \(status.protocolVersion)" + (settings.protocolChoice.negotiates ? " (auto)" : ""),
            "services  " + CTIProtocolNames.services(settings.services),
            "heartbeat \(heartbeat)",
            "uptime    " + (status.sessionUptime.map(format) ?? "-"),
            "events    \(status.messagesReceived) received, \(status.sessionsOpened) session(s) opened",
            "peripheral " + (status.peripheralOnline.map { $0 ? "online" : "offline" } ?? "unknown"),
            "failover  " + (status.sinceLastFailover.map { "\(format($0)) ago" } ?? "none"),
        ]
    }

    /// `42 s`, `3 min 5 s`, `2 h 10 min`.
    static func format(_ duration: Duration) -> String {
        let seconds = duration.components.seconds
        switch seconds {
        case ..<60: return "\(seconds) s"
        case ..<3600: return "\(seconds / 60) min \(seconds % 60) s"
        default: return "\(seconds / 3600) h \(seconds % 3600 / 60) min"
        }
    }

    /// `0.42 ms`, `12 ms`, `1.5 s`: a round trip.
    static func formatShort(_ duration: Duration) -> String {
        let microseconds = Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
        if microseconds < 10_000 { return String(format: "%.2f ms", microseconds / 1000) }
        if microseconds < 1_000_000 { return "\(Int(microseconds / 1000)) ms" }
        return String(format: "%.1f s", microseconds / 1e6)
    }
}
