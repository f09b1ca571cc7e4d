import ArgumentParser
import CTIClient
import CTIOutput
import CTIProtocol
import CTIProxy
import CTISimulator

/// `cti proxy` (issue 19): a relay between CTI clients and the CTI Server that prints what
/// passes, both ways, as `watch` does. The bytes are relayed unchanged and at once; decoding and
/// printing run beside the relay and never slow it (``CTIProxy``).
struct ProxyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proxy",
        abstract: "Relay CTI clients to a CTI Server, printing the messages both ways.",
        discussion: """
        Point the client under study at --listen (and --listen-b): each client gets its own \
        connection to --to (--to-b), and the bytes are relayed unchanged and at once, both ways \
        (frames that do not decode too); either end closing or resetting is passed on. Prints \
        `proxy A listening on ADDR:PORT -> HOST:PORT` per side on stderr, then each message \
        relayed on stdout: the time, the side, the connection number (#1, #2, ...), client -> \
        server or client <- server, and the line `watch` prints (-o json: the keys of `decode \
        --pcap` with "connection": {"number", "client", "server"}). When the printer falls \
        behind, the relay keeps its speed: frames not printed are counted per connection and \
        direction on stderr and in the totals (never left out of --record). --listen-tls-cert \
        and --listen-tls-key terminate TLS from the clients, the --tls options speak TLS to the \
        servers (the same options as the session commands'); without them a TLS stream is relayed untouched (noted, not decoded). Passwords \
        are relayed, never printed, and masked with * in --record files. Exit status: 0 (count \
        reached, --timeout alone, Ctrl-C, SIGTERM, reader gone; the totals go to stderr); 124 if \
        --timeout ran out before --count; 2 if a listening address cannot be bound; 64 for bad \
        flags or unusable TLS or --record files.
        """
    )

    @Option(help: ArgumentHelp("Where clients of side A connect: [ADDR:]PORT (ADDR default 127.0.0.1; port 0 = ephemeral).",
                               valueName: "[addr:]port"))
    var listen: String

    @Option(help: ArgumentHelp("The CTI Server side A relays to.", valueName: "host:port"))
    var to: String

    @Option(name: .customLong("listen-b"), help: ArgumentHelp("Where clients of side B connect (with --to-b).", valueName: "[addr:]port"))
    var listenB: String?

    @Option(name: .customLong("to-b"), help: ArgumentHelp("The CTI Server side B relays to.", valueName: "host:port"))
    var toB: String?

    @Option(name: .customLong("protocol"), help: ArgumentHelp("Protocol version the messages are decoded with, 20-25 or auto (default and auto: 25).",
                                                               valueName: "version"), completion: .list(ProtocolChoice.spellings), transform: ProtocolChoice.parse)
    var protocolVersion: ProtocolChoice?

    @OptionGroup(title: TLSOptions.title) var serverTLS: TLSOptions

    @Option(name: .customLong("listen-tls-cert"), help: ArgumentHelp("Terminate TLS from the clients with this PEM certificate (with --listen-tls-key).",
                                                                       valueName: "file"))
    var listenTLSCert: String?

    @Option(name: .customLong("listen-tls-key"), help: ArgumentHelp("The PEM private key of --listen-tls-cert.", valueName: "file"))
    var listenTLSKey: String?

    @Option(name: .customLong("listen-tls-ca"), help: ArgumentHelp("Ask clients for a certificate signed by a CA in this PEM file.", valueName: "file"))
    var listenTLSCA: String?

    @OptionGroup(title: EventOutputOptions.title) var outputOptions: EventOutputOptions

    @Option(help: ArgumentHelp("Show only these message types: NAME,NAME,...", valueName: "types"), completion: .messageNameList)
    var filter: String?

    @Option(help: "Stop after this many messages printed.")
    var count: Int?

    @Option(help: ArgumentHelp("Stop after this many seconds.", valueName: "seconds"))
    var timeout: Double?

    @Option(help: ArgumentHelp("Also write every relayed frame, passwords masked, to this file (for `cti decode --file`); a .pcap or .cap file gets a pcap capture of the clients' connections (for Wireshark, `cti decode --pcap`).",
                               valueName: "file"),
            completion: .file())
    var record: String?

    @Option(name: .customLong("record-format"),
            help: ArgumentHelp("What --record writes: raw (the frames) or pcap (the clients' connections with their addresses, ports and times). Default: by the file's extension.",
                               valueName: "format"))
    var recordFormat: RecordFormat?

    func validate() throws {
        guard ListenAddress.parse(listen) != nil else { throw ValidationError("--listen '\(listen)': [ADDR:]PORT") }
        guard Endpoint(parsing: to, side: .a) != nil else { throw ValidationError("--to '\(to)': HOST:PORT") }
        if (listenB == nil) != (toB == nil) { throw ValidationError("--listen-b and --to-b go together") }
        if let listenB, ListenAddress.parse(listenB) == nil { throw ValidationError("--listen-b '\(listenB)': [ADDR:]PORT") }
        if let toB, Endpoint(parsing: toB, side: .b) == nil { throw ValidationError("--to-b '\(toB)': HOST:PORT") }
        if (listenTLSCert == nil) != (listenTLSKey == nil) { throw ValidationError("--listen-tls-cert and --listen-tls-key go together") }
        if listenTLSCA != nil, listenTLSCert == nil { throw ValidationError("--listen-tls-ca needs --listen-tls-cert and --listen-tls-key") }
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
        if let timeout { try SecondsOption.check(timeout, option: "--timeout") }
        try MessageTypeFilter.validate(filter)
        if recordFormat != nil, record == nil { throw ValidationError("--record-format needs --record FILE") }
        if let record { _ = try RecordFormat.chosen(for: record, explicit: recordFormat) }
    }

    /// The sides' routes (validated above).
    private var routes: [ProxyRoute] {
        var routes: [ProxyRoute] = []
        for (side, listen, to) in [(CTISide.a, listen, to), (.b, listenB ?? "", toB ?? "")] {
            guard let listening = ListenAddress.parse(listen), let server = Endpoint(parsing: to, side: side) else { continue }
            routes.append(ProxyRoute(side: side, listenHost: listening.host, listenPort: listening.port, serverHost: server.host, serverPort: server.port))
        }
        return routes
    }

    /// How the run ended.
    private enum Ending { case count, timeout, signal, readerGone }

    func run() async throws {
        let version = protocolVersion?.version ?? .v25
        let recording = try ProxyRecording.open(record, format: recordFormat)
        var configuration = ProxyConfiguration(routes: routes, serverTLS: serverTLS.clientTLS, version: version, recording: recording?.tap)
        if let listenTLSCert, let listenTLSKey {
            configuration.listenTLS = SimulatorTLS(certificateFile: listenTLSCert, keyFile: listenTLSKey, clientCAFile: listenTLSCA)
        }
        let sink = outputOptions.sink(environment: SessionCommandSupport.environment)
        let printer = ProxyPrinter(sink: sink, filter: MessageTypeFilter.names(filter), limit: count, version: version)
        let signals = TerminationSignals.install()
        let proxy: CTIProxy
        do throws(ProxyError) {
            proxy = try await CTIProxy.start(configuration, sink: printer)
        } catch {
            StandardStream.diagnose("cti proxy: \(error)")
            _ = recording?.finish()
            if case .tls = error { throw ExitStatus.usage }
            throw ExitStatus.connectionFailure
        }
        if configuration.serverTLS?.verifyPeer == false {
            StandardStream.diagnose("cti: warning: --tls-insecure: the servers' certificates and host names are not verified")
        }
        for listener in proxy.listeners {
            let address = ListenAddress.text(listener.address)
            let scheme = (configuration.listenTLS == nil ? "" : " (TLS)") + (configuration.serverTLS == nil ? "" : " -> TLS")
            try? StandardStream.error.writeLine("proxy \(listener.route.side) listening on \(address) -> \(listener.route.server)\(scheme)")
        }
        try? StandardStream.error.flush()

        let flusher = Flusher()
        let limit = timeout
        let ending: Ending = await withTaskGroup(of: Ending?.self) { group in
            group.addTask { await signals.first { _ in true }.map { _ in .signal } }
            group.addTask { await printer.ended.wait().map { ending -> Ending in ending == .count ? .count : .readerGone } }
            group.addTask { await flusher.readerGone(); return Task.isCancelled ? nil : .readerGone }
            if let limit {
                group.addTask {
                    try? await Task.sleep(for: .milliseconds(Int64(limit * 1000)))
                    return Task.isCancelled ? nil : .timeout
                }
            }
            while let result = await group.next() {
                if let result {
                    group.cancelAll()
                    return result
                }
            }
            return .signal
        }
        let totals = await proxy.stop()
        flusher.stop()
        try? StandardStream.output.flush()
        let recorded = recording?.finish() ?? true
        StandardStream.diagnose("cti: proxy: \(totals.connections) connections; \(totals.bytesFromClients) bytes from clients, "
            + "\(totals.bytesFromServers) from servers; \(totals.frames) frames, \(totals.printed) handed to the printer "
            + "(\(printer.messagesPrinted) messages printed), \(totals.notPrinted) not printed (printer behind); "
            + "\(totals.skippedBytes) bytes made no frame")
        if !recorded {
            StandardStream.diagnose("cti: --record \(record ?? ""): could not be written in full")
            throw ExitStatus.usage
        }
        if ending == .timeout, count != nil { throw ExitStatus.timeout }
    }
}
