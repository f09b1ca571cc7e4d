import ArgumentParser
import CTIClient
import CTIOutput
import CTIProtocol
import Foundation

/// `cti top --once`: one snapshot of the ``TopModel`` (agents, calls, skill groups, session),
/// from a live session or (`--from FILE`) a recording (issue 21).
///
/// Live: the session is opened with ALL_EVENTS and CLIENT_CONTROL (the snapshot requests) and
/// ConfigMsgMask CONFIG_SKILL_GROUP,CONFIG_AGENT unless given; then configuration acquisition
/// (CONFIG_REQUEST_EVENT for skill groups and agents, read up to CONFIG_END_EVENT),
/// QUERY_AGENT_STATE_REQ per agent, SNAPSHOT_DEVICE_REQ per agent extension and
/// SNAPSHOT_CALL_REQ per call found.
struct TopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "top",
        abstract: "Agents, calls, skill groups and the session at a glance (--once: one snapshot, text or JSON).",
        discussion: """
        --once prints one snapshot and exits 0: a plain table, or with -o json one JSON object \
        {"agents", "calls", "skillGroups", "session"}. --from FILE builds it from a recording \
        (a pcap or a raw recording of `watch --record`) instead of a session.
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
    @OptionGroup(title: ConnectionOptions.title) var connection: ConnectionOptions

    /// ConfigInformation / ConfigMsgMask CONFIG_SKILL_GROUP | CONFIG_AGENT (`constants.md` §4).
    static let configAreas = "CONFIG_SKILL_GROUP,CONFIG_AGENT"

    func validate() throws {
        guard once else { throw ValidationError("the live view is not there yet: use --once") }
        try SecondsOption.check(timeout, option: "--timeout")
    }

    func run() async throws {
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

    // MARK: - Live

    func snapshot() async throws -> TopModel {
        var connection = connection
        connection.services = connection.services ?? "ALL_EVENTS,CLIENT_CONTROL"
        connection.configMask = connection.configMask ?? Self.configAreas
        let timeout = timeout
        return try await OneShotSessionProvider().withSession(.request, connection, try EventOutputOptions.parse(["--quiet"])) { session, settings, _ in
            let client = session.client
            var model = TopModel()
            let peripheral = settings.requestPeripheral
            // Configuration acquisition: no InvokeID, so no confirmation to wait for; the
            // answers come as events up to CONFIG_END_EVENT.
            var request = try MessageFields(named: "CONFIG_REQUEST_EVENT")
            let areas = MessageCatalog.standard.configMask.value(named: "CONFIG_SKILL_GROUP")! | MessageCatalog.standard.configMask.value(named: "CONFIG_AGENT")!
            try request.set(.configInformation, .number(areas))
            try request.set(.configMsgMask, .number(areas))
            try request.set(.peripheralID, .number(peripheral))
            let sending = Task { _ = try? await client.send(request) }
            let ending = await EventWait.until(timeout: timeout) { () -> [ClientEvent] in
                var events: [ClientEvent] = []
                for await event in client.events {
                    events.append(event)
                    if let name = event.message?.name, name == "CONFIG_END_EVENT" || name == "FAILURE_CONF" { break }
                }
                return events
            }
            sending.cancel()
            guard case .done(let events) = ending, let last = events.last?.message?.name, last == "CONFIG_END_EVENT" else {
                StandardStream.diagnose("cti top: the server sent no configuration (CONFIG_END_EVENT) within \(timeout) s")
                throw ExitStatus.connectionFailure
            }
            for event in events { if let message = event.message { model.apply(message, at: event.timestamp) } }
            for agent in model.agentRows() {
                if let answer = try? await client.queryAgentState(peripheralID: peripheral, agentID: agent.agentID) {
                    model.apply(answer, at: Self.nowMilliseconds)
                }
            }
            for agent in model.agentRows() {
                guard let device = agent.agentExtension,
                      let answer = try? await client.snapshotDevice(peripheralID: peripheral, instrument: device) else { continue }
                model.apply(answer, at: Self.nowMilliseconds)
            }
            for call in model.callRows() {
                guard let device = call.parties.first?.device,
                      let answer = try? await client.snapshotCall(CallReference(callID: call.callID, deviceID: device), peripheralID: peripheral) else { continue }
                model.apply(answer, at: Self.nowMilliseconds)
            }
            if let status = await client.status() {
                model.session.side = status.side.map { "\($0)" }
                model.session.heartbeatRoundTrip = status.lastHeartbeatRoundTrip.map { Double($0.components.seconds) * 1000 + Double($0.components.attoseconds) / 1e15 }
            }
            model.now = max(model.now, Self.nowMilliseconds)
            return model
        }
    }

    static var nowMilliseconds: Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
