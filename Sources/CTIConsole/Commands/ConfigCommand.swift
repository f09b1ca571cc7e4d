import ArgumentParser
import CTIOutput

/// `cti config show`: the resolved settings and where each came from; the password redacted.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the resolved connection settings.",
        subcommands: [Show.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The settings a session would use, with their sources (flag, env, config file, default).")
        @OptionGroup(title: ConnectionOptions.title) var connection: ConnectionOptions

        func run() throws {
            let settings = try SessionCommandSupport.resolveSettings(connection, defaults: .session)
            func row(_ key: String, _ value: String?) -> String {
                let source = settings.sources[key].map { "  (\($0))" } ?? ""
                return "\(key.padded(16)) \(value ?? "-")\(source)"
            }
            let environment = SessionCommandSupport.environment
            let password = connection.password.map { _ in "*** (from --password)" } ?? settings.passwordFile.map { "from file \($0)" }
                ?? (environment["CTI_PASSWORD"].map { _ in "*** (from CTI_PASSWORD)" } ?? "none")
            let lines = [
                row("host", settings.embedded ? "embedded simulator" : settings.hostA?.description),
                row("host-b", settings.hostB?.description),
                row("protocol", settings.protocolChoice.description),
                row("client-id", settings.clientID),
                "\("password".padded(16)) \(password)",
                row("peripheral", settings.peripheral.map(String.init)),
                row("services", CTIProtocolNames.services(settings.services)),
                row("call-mask", "0x" + String.hex8(settings.callMask)),
                row("agent-mask", "0x" + String.hex8(settings.agentMask)),
                row("config-mask", "0x" + String.hex8(settings.configMask)),
                row("agent-id", settings.agentID),
                row("agent-ext", settings.agentExtension),
                row("instrument", settings.instrument),
                row("heartbeat", settings.heartbeat.map { "\($0.components.seconds) s" } ?? "off"),
                row("connect-timeout", "\(settings.connectTimeout)"),
                row("tls", settings.tls.map { $0.verifyPeer ? "on" : "on, NOT verified (tls-insecure)" } ?? "off"),
                row("tls-ca", settings.tls?.caFile ?? (settings.tls == nil ? nil : "system trust store")),
                row("tls-cert", settings.tls?.certificateFile),
                row("tls-key", settings.tls?.keyFile),
            ]
            for line in lines { try StandardStream.output.writeLine(line) }
            try StandardStream.output.flush()
        }
    }
}
