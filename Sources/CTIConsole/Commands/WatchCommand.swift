import ArgumentParser
import CTIClient
import CTIOutput
import CTIProtocol

/// `cti watch`: open a session and stream every event until `--count`, `--timeout`, Ctrl-C or
/// SIGTERM (both close the session with CLOSE_REQ first and exit 0).
struct WatchCommand: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Open a session and print events as they arrive.",
        discussion: """
        Defaults to --services ALL_EVENTS with every call and agent-state mask bit. Survives \
        failover (it reconnects, noting it on stderr). Exit status: 0 (count reached, --timeout \
        alone, Ctrl-C, SIGTERM, reader gone); 124 if --timeout ran out before --count; 2 if no \
        session could be opened (also: none opened before --timeout). Filters: --filter by \
        message type, --device, --agent and --call by whom an event concerns, e.g. \
        `cti watch --device 2001 --count 5 --timeout 30`.
        """
    )

    @OptionGroup(title: ConnectionOptions.title) var connection: ConnectionOptions
    @OptionGroup(title: EventOutputOptions.title) var outputOptions: EventOutputOptions

    @Option(help: "Stop after this many protocol messages (lifecycle records do not count).")
    var count: Int?

    @Option(help: ArgumentHelp("Stop after this many seconds.", valueName: "seconds"))
    var timeout: Double?

    @Option(help: ArgumentHelp("Show only these message types (client-side): NAME,NAME,...", valueName: "types"), completion: .messageNameList)
    var filter: String?

    @Option(help: ArgumentHelp("Show only events naming this device (any device field: ConnectionDeviceID, AgentInstrument, ...); repeatable.",
                               valueName: "dn"))
    var device: [String] = []

    @Option(help: ArgumentHelp("Show only events naming this AgentID; repeatable.", valueName: "id"))
    var agent: [String] = []

    @Option(help: ArgumentHelp("Show only events naming this call ID (ConnectionCallID, PrimaryCallID, ...); repeatable.", valueName: "callid"))
    var call: [UInt32] = []

    @Option(help: ArgumentHelp("Also write the raw frames to this file (for `cti decode --file`); a .pcap or .cap file gets a pcap capture of the session instead (for Wireshark, tshark).",
                               valueName: "file"),
            completion: .file())
    var record: String?

    @Option(name: .customLong("record-format"),
            help: ArgumentHelp("What --record writes: raw (the frames shown) or pcap (every byte both ways, with the connections' addresses, ports and times). Default: by the file's extension.",
                               valueName: "format"))
    var recordFormat: RecordFormat?

    @Flag(help: "In a REPL or script: stop showing events (lifecycle notes still show).")
    var off = false

    @Option(defaultAsFlag: 0, parsing: .next,
            help: ArgumentHelp("Print the session's statistics (events per second by type, request and heartbeat round trips, failures by code) to stderr at the end, and every SECONDS seconds when given; with -o json also one {\"type\":\"STATS\",...} object on stdout at the end. In a REPL or script use `stats`.",
                               valueName: "seconds"))
    var stats: Double?

    func validate() throws {
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
        if let timeout { try SecondsOption.check(timeout, option: "--timeout") }
        if let stats, stats != 0 { try SecondsOption.check(stats, option: "--stats") }
        try MessageTypeFilter.validate(filter)
        if recordFormat != nil, record == nil { throw ValidationError("--record-format needs --record FILE") }
        if let record { _ = try RecordFormat.chosen(for: record, explicit: recordFormat) }
    }

    enum Ending { case count, timeout, signal, streamEnded, readerGone }

    func run(on provider: any SessionProvider) async throws {
        var configuredPrinter = EventPrinter(options: outputOptions, environment: SessionCommandSupport.environment)
        configuredPrinter.filter = MessageTypeFilter.names(filter)
        configuredPrinter.who = EventWhoFilter(devices: Set(device), agents: Set(agent), calls: Set(call))
        if let context = provider.console {
            // In a REPL or script the session is already streaming: watch changes what is shown
            // (--filter, --off) and how (-o, -v, --hex, --lifecycle).
            configuredPrinter.quiet = configuredPrinter.quiet || context.quiet
            configuredPrinter.persistentCalls = context.printer.persistentCalls
            context.setShowing(!off, printer: configuredPrinter)
            return
        }
        let printer = configuredPrinter
        let format = try record.map { try RecordFormat.chosen(for: $0, explicit: recordFormat) }
        // --record FILE.pcap: every byte of the session's connections, as a capture.
        let capture = try record.flatMap { path -> PcapRecorder? in
            guard format == .pcap else { return nil }
            do {
                return try PcapRecorder(path: path)
            } catch {
                StandardStream.diagnose("cti: --record \(error)")
                throw ExitStatus.usage
            }
        }
        // --record: the raw recording of what is shown, in a file of its own.
        let recorder = try record.flatMap { path -> OutputSink? in
            guard format == .raw else { return nil }
            guard let file = StandardStream(creating: path) else {
                StandardStream.diagnose("cti: --record \(path): cannot be written")
                throw ExitStatus.usage
            }
            return OutputSink(format: RawRecordingFormat(), quiet: true, output: file)
        }
        defer { try? recorder?.output.close() }
        let use: SessionUse = capture.map { .recordedEvents($0.tap) } ?? .events
        // The capture is flushed and closed however the session ends (count, timeout, signal,
        // failure): the file is then whole.
        let session: (Ending, Bool)
        do {
            session = try await watch(provider, use, recorder: recorder, printer: printer)
        } catch {
            try? capture?.finish()
            throw error
        }
        if let capture {
            do {
                try capture.finish()
            } catch {
                StandardStream.diagnose("cti: --record \(error)")
                throw ExitStatus.usage
            }
        }
        let (ending, neverOpened) = session
        if ending == .timeout, neverOpened {
            StandardStream.diagnose("cti: no session opened before --timeout")
            throw ExitStatus.connectionFailure
        }
        switch ending {
        case .count, .signal, .readerGone: return
        case .timeout: if count != nil { throw ExitStatus.timeout }
        case .streamEnded: throw ExitStatus.connectionFailure
        }
    }

    /// Streams the events until the session ends; how it ended, and whether no session opened.
    private func watch(_ provider: any SessionProvider, _ use: SessionUse, recorder: OutputSink?, printer: EventPrinter) async throws -> (Ending, Bool) {
        // One-shot (the REPL's and script's session returned above): the session keeps
        // alternating sides (and retrying refused OPENs) with back-off until it opens; the
        // lifecycle records show each attempt. A failure that ends the client ends the stream.
        let limit = count
        return try await provider.withSession(use, connection, outputOptions) { session, _, _ in
            let flusher = Flusher()
            let client = session.client
            let statistics = stats.map { _ in session.statistics }
            let reporter = stats.flatMap { $0 > 0 ? StatisticsTicker(every: $0, statistics: session.statistics) : nil }
            defer { reporter?.stop() }
            let race = await EventWait.until(timeout: timeout, signal: true, flusher: flusher) { () -> Ending in
                var printed = 0
                for await event in client.events {
                    statistics?.count(event)
                    if let recorder, printer.counts(event) { try? recorder.write(event, persistent: nil) }
                    do {
                        try printer.print(event)
                    } catch {
                        return .readerGone
                    }
                    if printer.counts(event) {
                        printed += 1
                        if let limit, printed >= limit { return .count }
                    }
                }
                return .streamEnded
            }
            flusher.stop()
            if let statistics { StatisticsTicker.printFinal(statistics, json: outputOptions.output.isJSON) }
            try? StandardStream.output.flush()
            let ending: Ending = switch race {
            case .done(let ending): ending
            case .timedOut: .timeout
            case .interrupted: .signal
            case .readerGone: .readerGone
            }
            return (ending, await client.status()?.sessionsOpened == 0)
        }
    }
}
