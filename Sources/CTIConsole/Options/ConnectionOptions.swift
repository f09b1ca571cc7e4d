import ArgumentParser
import CTIProtocol

/// The connection options every session command takes (precedence: flag > environment >
/// config file profile > default). The password comes from `--password` (hidden from `ps` at
/// once, with a warning), `--password-file`, a no-echo prompt or `CTI_PASSWORD`.
struct ConnectionOptions: ParsableArguments {
    /// The heading these options have in `--help` and the man page (described there once).
    static let title = "Connection Options"

    @Option(name: .customLong("host"), help: ArgumentHelp("Side A of the CTI Server (default port 42027); env CTI_HOST.", valueName: "host[:port]"))
    var host: String?

    @Option(name: .customLong("host-b"), help: ArgumentHelp("Side B (default port 43027); env CTI_HOST_B.", valueName: "host[:port]"))
    var hostB: String?

    @Option(name: .customLong("protocol"), help: ArgumentHelp(
        "Protocol version 20-25, or auto: 25, then one older version after another while the server answers E_CTI_INVALID_VERSION (default auto).",
        valueName: "version"), completion: .list(ProtocolChoice.spellings), transform: ProtocolChoice.parse)
    var protocolVersion: ProtocolChoice?

    @Option(name: .customLong("client-id"), help: "ClientID (default cti-<hostname>-<pid>, unique per process); env CTI_CLIENT_ID.")
    var clientID: String?

    @Option(name: .customLong("password"), help: ArgumentHelp(
        "The ClientPassword (other users can see it until cti hides it: prefer the ways below or CTI_PASSWORD).", valueName: "password"))
    var password: String?

    @Option(name: .customLong("password-file"), help: ArgumentHelp("Read the ClientPassword from this file (first line).", valueName: "file"))
    var passwordFile: String?

    @Flag(name: .customLong("password-prompt"), help: "Ask for the ClientPassword on the terminal (no echo).")
    var passwordPrompt = false

    @Option(help: "PeripheralID for Client Events and the requests (default \(DefaultPeripheral.id), the simulator's).")
    var peripheral: UInt32?

    @Option(help: ArgumentHelp("CTI services to request: names, numbers or lists (CLIENT_EVENTS,CLIENT_CONTROL).", valueName: "mask"), completion: .maskNames(\.serviceMask))
    var services: String?

    @Option(name: .customLong("call-mask"), help: ArgumentHelp("Call event mask (names, numbers, lists, all).", valueName: "mask"), completion: .maskNames(\.callEventMask))
    var callMask: String?

    @Option(name: .customLong("agent-mask"), help: ArgumentHelp("Agent state mask (names, numbers, lists, all).", valueName: "mask"), completion: .maskNames(\.agentStateMask))
    var agentMask: String?

    @Option(name: .customLong("config-mask"), help: ArgumentHelp("Configuration mask (names, numbers, lists, all).", valueName: "mask"), completion: .maskNames(\.configMask))
    var configMask: String?

    @Option(name: .customLong("agent-id"), help: "AgentID for Client Events.")
    var agentID: String?

    @Option(name: .customLong("agent-ext"), help: "AgentExtension for Client Events.")
    var agentExtension: String?

    @Option(help: "AgentInstrument for Client Events.")
    var instrument: String?

    @Option(help: ArgumentHelp("Heartbeat interval in seconds (at least 5), or off (default 15).", valueName: "seconds|off"))
    var heartbeat: String?

    @Option(name: .customLong("connect-timeout"), help: ArgumentHelp("Seconds a TCP connect may take (default 5).", valueName: "seconds"))
    var connectTimeout: Double?

    @Option(help: "Profile of the config file to use; env CTI_PROFILE.")
    var profile: String?

    @Option(help: ArgumentHelp("Config file (default $XDG_CONFIG_HOME/cti/config); env CTI_CONFIG.", valueName: "file"))
    var config: String?

    @Flag(name: .customLong("no-config"), help: "Do not read the config file.")
    var noConfig = false

    /// Listed with the connection options (a group nested in a titled group takes its title).
    @OptionGroup var tlsOptions: TLSOptions

    @Flag(help: "Use the simulator embedded in cti (the default when no server is configured).")
    var embedded = false

    @Flag(name: .customLong("no-embedded"), help: "Never fall back to the embedded simulator: no server configured is an error (exit 2).")
    var noEmbedded = false

    func validate() throws {
        if embedded && noEmbedded { throw ValidationError("--embedded and --no-embedded exclude each other") }
        if let heartbeat, heartbeat != "off" {
            guard let seconds = Int(heartbeat), ConsoleSettings.heartbeatSeconds.contains(seconds) else {
                throw ValidationError("--heartbeat takes seconds from \(ConsoleSettings.heartbeatSeconds.lowerBound) to "
                                      + "\(ConsoleSettings.heartbeatSeconds.upperBound), or off (got '\(heartbeat)')")
            }
        }
        if let connectTimeout { try SecondsOption.check(connectTimeout, option: "--connect-timeout") }
        if [password != nil, passwordFile != nil, passwordPrompt].filter({ $0 }).count > 1 {
            throw ValidationError("give the password one way: --password, --password-file or --password-prompt")
        }
    }
}
