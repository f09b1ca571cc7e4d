import CTIClient
import CTIOutput
import CTIProtocol
import CTISimulator

/// A session as the console holds it: the client, and the embedded simulator when no server is
/// configured (`--embedded`, or nothing given; see ``EmbeddedSimulator``: one per process, on
/// loopback ports of its own).
final class ConsoleSession: Sendable {
    let client: CTIClient
    let settings: ConsoleSettings
    let simulator: CTISimulator?
    /// What `stats` and `watch --stats` report (issue 21), fed by the session's frame tap.
    let statistics: StatisticsRecorder

    private init(client: CTIClient, settings: ConsoleSettings, simulator: CTISimulator?, statistics: StatisticsRecorder) {
        self.client = client
        self.settings = settings
        self.simulator = simulator
        self.statistics = statistics
    }

    /// Starts the embedded simulator if the settings want it, and makes the client (not yet
    /// open). `reconnect`: reopen after a failure (watch, REPL) or end (one-shot requests).
    /// `frameTap`: shown every byte of the session's connections (`watch --record FILE.pcap`).
    static func make(settings: ConsoleSettings, password: [UInt8], reconnect: Bool, quiet: Bool,
                     frameTap: FrameTap? = nil) async throws -> ConsoleSession {
        // Streaming (reconnect) keeps trying, refused OPENs included; one-shot gives up.
        var settings = settings
        var simulator: CTISimulator?
        if settings.embedded {
            let (embedded, started) = try await EmbeddedSimulator.shared.simulator()
            settings.hostA = Endpoint(host: "127.0.0.1", port: embedded.port(.a)!)
            settings.hostB = Endpoint(host: "127.0.0.1", port: embedded.port(.b)!)
            if started && !quiet {
                StandardStream.diagnose("cti: no CTI Server configured: using the embedded simulator on \(settings.hostA!) / \(settings.hostB!) (--host to use a real one)")
            }
            simulator = embedded
        }
        let request = OpenRequest(
            versionNumber: settings.protocolChoice.version.number, peripheralID: settings.peripheral ?? OpenRequest.nullPeripheralID,
            servicesRequested: settings.services, callMessageMask: settings.callMask, agentStateMask: settings.agentMask,
            configMessageMask: settings.configMask, clientID: settings.clientID, clientPassword: password,
            agentExtension: settings.agentExtension, agentID: settings.agentID, agentInstrument: settings.instrument)
        if let tls = settings.tls, !tls.verifyPeer {
            StandardStream.diagnose("cti: warning: --tls-insecure: the server's certificate and host name are not verified")
        }
        // One-shot: each side once (A, then B), the connect bounded by --connect-timeout and the
        // OPEN_CONF wait by the guide's usual answer time, so a half-open side A leaves time for
        // B; then the error names both sides. Streaming waits the guide's 30 s and keeps trying.
        var configuration = ClientConfiguration(
            sideA: settings.hostA!, sideB: settings.hostB, protocolVersion: settings.protocolChoice.version, open: request,
            heartbeatInterval: settings.heartbeat, connectTimeout: settings.connectTimeout,
            initialOpenRounds: reconnect ? nil : 1, retryRefusedOpen: reconnect, reconnect: reconnect)
        if !reconnect { configuration.openTimeout = ClientConfiguration.promptOpenTimeout }
        configuration.negotiatesProtocolVersion = settings.protocolChoice.negotiates
        configuration.tls = settings.tls
        let statistics = StatisticsRecorder(version: settings.protocolChoice.version)
        configuration.frameTap = statistics.tap(then: frameTap)
        return ConsoleSession(client: CTIClient(configuration: configuration), settings: settings, simulator: simulator, statistics: statistics)
    }

    /// Closes the session (CLOSE_REQ). The embedded simulator stays up for the process's next
    /// session.
    func shutdown() async {
        await client.close()
    }
}
