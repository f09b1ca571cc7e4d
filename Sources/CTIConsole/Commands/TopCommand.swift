import ArgumentParser
import CTIClient
import CTIOutput
import CTIProtocol
import Foundation

/// `cti top`: the ``TopModel`` (agents, calls, skill groups, session) full screen and live
/// (``TopLiveView``), or with `--once` one snapshot of it, from a live session or (`--from FILE`)
/// a recording (issue 21).
///
/// Live: the session is opened with ALL_EVENTS and CLIENT_CONTROL (the snapshot requests) and
/// ConfigMsgMask CONFIG_SKILL_GROUP,CONFIG_AGENT unless given; then configuration acquisition
/// (CONFIG_REQUEST_EVENT for skill groups and agents, read up to CONFIG_END_EVENT),
/// QUERY_AGENT_STATE_REQ per agent, SNAPSHOT_DEVICE_REQ per agent extension and
/// SNAPSHOT_CALL_REQ per call found.
struct TopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "top",
        abstract: "Agents, calls, skill groups and the session at a glance: full screen and live, or --once.",
        discussion: """
        Without --once: a full-screen board on the terminal, redrawn every --refresh seconds and \
        on resize; keys: s cycles the agents' sort column, / starts a filter (Enter applies, Esc \
        clears), q or Ctrl-C quits and leaves the terminal as it was. Needs a terminal (exit 64 \
        otherwise). --once prints one snapshot and exits 0: a plain table, or with -o json one \
        JSON object {"agents", "calls", "skillGroups", "session"}. --from FILE builds it from a \
        recording (a pcap or a raw recording of `watch --record`) instead of a session.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Flag(help: "Print one snapshot and exit.") var once = false
    @Option(name: .shortAndLong, help: "Output format: text or json.") var output: Format = .text
    @Option(help: ArgumentHelp("Only rows containing this text (any column, case-insensitive).", valueName: "text")) var filter = ""
    @Option(help: ArgumentHelp("Build the snapshot from a recording (pcap or raw) instead of a session.", valueName: "file"))
    var from: String?
    @Option(help: ArgumentHelp("Seconds the configuration upload may take (default 10).", valueName: "seconds")) var timeout: Double = 10
    @Option(help: ArgumentHelp("Seconds between redraws of the live view (default 1).", valueName: "seconds")) var refresh: Double = 1
    @OptionGroup(title: ConnectionOptions.title) var connection: ConnectionOptions

    /// ConfigInformation / ConfigMsgMask CONFIG_SKILL_GROUP | CONFIG_AGENT (`constants.md` §4).
    static let configAreas = "CONFIG_SKILL_GROUP,CONFIG_AGENT"

    func validate() throws {
        try SecondsOption.check(timeout, option: "--timeout")
        try SecondsOption.check(refresh, option: "--refresh")
        if !once {
            guard from == nil else { throw ValidationError("--from needs --once (a recording has no live view)") }
            guard output == .text else { throw ValidationError("-o json needs --once") }
        }
    }

    func run() async throws {
        guard once else { return try await live() }
        let model = if let from { try Self.model(fromRecording: from) } else { try await snapshot() }
        var text = output == .json ? model.json(filter: filter) : model.text(filter: filter)
        if text.hasSuffix("\n") { text.removeLast() }
        try StandardStream.output.writeLine(text)
        try StandardStream.output.flush()
    }

    // MARK: - Recording

    /// Every server message of the recording applied in order (times from a pcap, else 0).
    static func model(fromRecording path: String) throws -> TopModel {
        let recording: ReplayRecording
        do {
            recording = try ReplayRecording.load(path: path, connection: nil)
        } catch {
            StandardStream.diagnose("cti top: --from \(error)")
            throw ExitStatus.dataError
        }
        var decoder = CTIMessageDecoder(version: .v25)
        var model = TopModel()
        for recorded in recording.frames {
            guard let message = try? decoder.decode(recorded.frame) else { continue }
            if recorded.fromClient {
                // The session's version, from its OPEN_REQ.
                if let version = message.fields?.number(.versionNumber).flatMap({ ProtocolVersion($0) }), message.name == "OPEN_REQ" {
                    decoder = CTIMessageDecoder(version: version)
                }
                continue
            }
            model.apply(message, at: recorded.time.map { $0.nanoseconds / 1_000_000 } ?? 0)
        }
        return model
    }

    // MARK: - Session

    /// The session's options: ALL_EVENTS and CLIENT_CONTROL, ConfigMsgMask skill groups and
    /// agents, unless given.
    var sessionConnection: ConnectionOptions {
        var connection = connection
        connection.services = connection.services ?? "ALL_EVENTS,CLIENT_CONTROL"
        connection.configMask = connection.configMask ?? Self.configAreas
        return connection
    }

    func snapshot() async throws -> TopModel {
        let timeout = timeout
        return try await OneShotSessionProvider().withSession(.request, sessionConnection, try EventOutputOptions.parse(["--quiet"])) { session, settings, _ in
            let feed = try await Self.initialSnapshot(session.client, peripheral: settings.requestPeripheral, timeout: timeout)
            feed.stop()
            return feed.current
        }
    }

    /// Opens the feed of `client`'s events and takes the initial snapshot into it: configuration
    /// acquisition, then the agents' states, their devices and the calls found.
    static func initialSnapshot(_ client: CTIClient, peripheral: UInt32, timeout: Double) async throws -> TopFeed {
        let feed = TopFeed(client: client)
        // Configuration acquisition: no InvokeID, so no confirmation to wait for; the
        // answers come as events up to CONFIG_END_EVENT.
        var request = try MessageFields(named: "CONFIG_REQUEST_EVENT")
        let areas = MessageCatalog.standard.configMask.value(named: "CONFIG_SKILL_GROUP")! | MessageCatalog.standard.configMask.value(named: "CONFIG_AGENT")!
        try request.set(.configInformation, .number(areas))
        try request.set(.configMsgMask, .number(areas))
        try request.set(.peripheralID, .number(peripheral))
        let sending = Task { _ = try? await client.send(request) }
        let ended = feed.configurationEnded
        let ending = await EventWait.until(timeout: timeout) { () -> Bool in
            for await ended in ended { return ended }
            return false
        }
        sending.cancel()
        guard case .done(true) = ending else {
            feed.stop()
            StandardStream.diagnose("cti top: the server sent no configuration (CONFIG_END_EVENT) within \(timeout) s")
            throw ExitStatus.connectionFailure
        }
        for agent in feed.current.agentRows() {
            if let answer = try? await client.queryAgentState(peripheralID: peripheral, agentID: agent.agentID) {
                feed.update { $0.apply(answer, at: nowMilliseconds) }
            }
        }
        for agent in feed.current.agentRows() {
            guard let device = agent.agentExtension,
                  let answer = try? await client.snapshotDevice(peripheralID: peripheral, instrument: device) else { continue }
            feed.update { $0.apply(answer, at: nowMilliseconds) }
        }
        for call in feed.current.callRows() {
            guard let device = call.parties.first?.device,
                  let answer = try? await client.snapshotCall(CallReference(callID: call.callID, deviceID: device), peripheralID: peripheral) else { continue }
            feed.update { $0.apply(answer, at: nowMilliseconds) }
        }
        await sessionLine(client, into: feed)
        return feed
    }

    /// The session's side and last heartbeat round trip, and "now" for the durations.
    static func sessionLine(_ client: CTIClient, into feed: TopFeed) async {
        let status = await client.status()
        feed.update { model in
            if let status {
                model.session.side = status.side.map { "\($0)" }
                model.session.state = status.side.flatMap { status.states[$0]?.rawValue }
                model.session.heartbeatRoundTrip = status.lastHeartbeatRoundTrip?.fractionalMilliseconds
            }
            model.now = max(model.now, nowMilliseconds)
        }
    }

    // MARK: - Live

    /// The full-screen view: the same initial snapshot as `--once`, then every event applied.
    func live() async throws {
        guard TopTerminal.available else {
            StandardStream.diagnose("cti top needs a terminal; use --once")
            throw ExitStatus.usage
        }
        let (timeout, refresh, filter) = (timeout, refresh, filter)
        let colored = try EventOutputOptions.parse([]).colored(environment: SessionCommandSupport.environment)
        try await OneShotSessionProvider().withSession(.request, sessionConnection, try EventOutputOptions.parse(["--quiet"])) { session, settings, _ in
            let feed = try await Self.initialSnapshot(session.client, peripheral: settings.requestPeripheral, timeout: timeout)
            defer { feed.stop() }
            await TopLiveView(feed: feed, client: session.client, refresh: refresh, colored: colored, screen: TopScreen(filter: filter)).run()
        }
    }

    static var nowMilliseconds: Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
