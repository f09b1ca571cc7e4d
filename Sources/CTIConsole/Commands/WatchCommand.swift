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

    @Option(help: ArgumentHelp("Also write the raw frames to this file (for `cti decode --file`).", valueName: "file"))
    var record: String?

    @Flag(help: "In a REPL or script: stop showing events (lifecycle notes still show).")
    var off = false

    func validate() throws {
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
        if let timeout { try SecondsOption.check(timeout, option: "--timeout") }
        if let filter {
            for name in filter.split(separator: ",") where MessageCatalog.standard.descriptor(named: name) == nil {
                throw ValidationError("--filter: unknown message type '\(name)' (see `cti describe messages`)")
            }
        }
    }

    enum Ending { case count, timeout, signal, streamEnded, readerGone }

    func run(on provider: any SessionProvider) async throws {
        var configuredPrinter = EventPrinter(options: outputOptions, environment: SessionCommandSupport.environment)
        configuredPrinter.filter = Set((filter ?? "").split(separator: ",").compactMap { MessageCatalog.standard.descriptor(named: $0)?.name })
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
        // --record: the raw recording of what is shown, in a file of its own.
        let recorder = try record.map { path in
            guard let file = StandardStream(creating: path) else {
                StandardStream.diagnose("cti: --record \(path): cannot be written")
                throw ExitStatus.usage
            }
            return OutputSink(format: RawRecordingFormat(), quiet: true, output: file)
        }
        defer { try? recorder?.output.close() }
        // One-shot (the REPL's and script's session returned above): the session keeps
        // alternating sides (and retrying refused OPENs) with back-off until it opens; the
        // lifecycle records show each attempt. A failure that ends the client ends the stream.
        let limit = count
        let (ending, neverOpened) = try await provider.withSession(.events, connection, outputOptions) { session, _, _ in
            let flusher = Flusher()
            let client = session.client
            let race = await EventWait.until(timeout: timeout, signal: true, flusher: flusher) { () -> Ending in
                var printed = 0
                for await event in client.events {
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
            try? StandardStream.output.flush()
            let ending: Ending = switch race {
            case .done(let ending): ending
            case .timedOut: .timeout
            case .interrupted: .signal
            case .readerGone: .readerGone
            }
            return (ending, await client.status()?.sessionsOpened == 0)
        }
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
}
