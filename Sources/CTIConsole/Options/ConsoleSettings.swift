import CTIClient
import CTIProtocol
#if canImport(Glibc)
import Glibc
#endif

/// The settings a session command runs with, resolved from flags, the environment, the config
/// file and defaults (in that order of precedence), with where each came from for
/// `config show`.
struct ConsoleSettings {
    /// A setting that cannot be used, naming where it came from (usage error, exit 64).
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// What a command wants by default: `watch` every event; a request command or a session
    /// (`open`, the REPL) what lets its requests through. A command that names an agent (an
    /// instrument, agent ID or extension) acts as that agent's desktop does, CLIENT_EVENTS +
    /// CLIENT_CONTROL (`session.md` §3); one that names only calls or devices needs no agent
    /// and opens as a bridge application, ALL_EVENTS + CLIENT_CONTROL.
    enum Defaults {
        case watch
        case request
        case session

        /// The ServicesRequested mask used when `--services` is not given.
        func services(hasAgentIdentity: Bool) -> UInt32 {
            switch self {
            case .watch: ServiceMaskBits.allEvents
            case .request, .session:
                hasAgentIdentity ? ServiceMaskBits.clientEvents | ServiceMaskBits.clientControl
                                 : ServiceMaskBits.allEvents | ServiceMaskBits.clientControl
            }
        }
    }

    var hostA: Endpoint?
    var hostB: Endpoint?
    /// `--protocol`: a version, or `auto` (the default).
    var protocolChoice: ProtocolChoice = .auto
    var clientID: String
    var passwordFile: String?
    var peripheral: UInt32?
    var services: UInt32
    var callMask: UInt32
    var agentMask: UInt32
    var configMask: UInt32
    var agentID: String?
    var agentExtension: String?
    var instrument: String?
    var heartbeat: Duration?
    var connectTimeout: Duration
    /// Run against the embedded simulator.
    var embedded: Bool
    /// TLS to the server; `nil`: plain TCP.
    var tls: ClientTLS?
    /// Where each setting came from: `flag`, `env CTI_HOST`, `config <path> [profile]`, `default`.
    var sources: [String: String] = [:]

    /// Heartbeat intervals allowed: the guide's minimum, and at most what keeps OPEN_REQ's
    /// IdleTimeout (4 × the interval) below 0xFFFFFFFF, which means "no heartbeats".
    static let heartbeatSeconds = 5...1_073_741_823

    static func resolve(_ options: ConnectionOptions, defaults: Defaults, environment allEnvironment: [String: String]) throws -> ConsoleSettings {
        // An empty variable counts as unset.
        let environment = allEnvironment.filter { !$0.value.isEmpty }
        var file: ConfigFile?
        if !options.noConfig {
            let explicit = options.config ?? environment["CTI_CONFIG"]
            let profile = options.profile ?? environment["CTI_PROFILE"]
            if let path = explicit ?? ConfigFile.defaultPath(environment: environment) {
                do {
                    file = try ConfigFile.load(path: path, profile: profile, required: explicit != nil)
                } catch {
                    throw Failure(description: error.description)
                }
            } else if let profile {
                throw Failure(description: "--profile \(profile): no config file (set XDG_CONFIG_HOME or HOME, or --config)")
            }
        }
        var sources: [String: String] = [:]
        let fileSource = file.map { "config \($0.path)" + ($0.profile.map { " [\($0)]" } ?? "") }
        /// flag > environment > file: the value and where it came from.
        func pick(_ key: String, flag: String?, env: String? = nil) -> String? {
            if let flag { sources[key] = "flag"; return flag }
            if let env, let value = environment[env], !value.isEmpty { sources[key] = "env \(env)"; return value }
            if let value = file?.values[key] { sources[key] = fileSource; return value }
            return nil
        }
        func endpoint(_ key: String, _ text: String?, side: CTISide) throws -> Endpoint? {
            guard let text else { return nil }
            guard let endpoint = Endpoint(parsing: text, side: side) else {
                throw Failure(description: "\(key) '\(text)' (from \(sources[key] ?? "?")) is not host[:port]")
            }
            return endpoint
        }
        func number(_ key: String, _ text: String?) throws -> UInt32? {
            guard let text else { return nil }
            guard let value = NumberParser.unsigned(text) else {
                throw Failure(description: "\(key) '\(text)' (from \(sources[key] ?? "?")) is not a number")
            }
            return value
        }
        func mask(_ key: String, _ text: String?, _ table: EnumTable, default value: UInt32) throws -> UInt32 {
            guard let text else {
                sources[key] = "default"
                return value
            }
            do {
                return try MaskParser.parse(text, table: table, allowUndefined: false)
            } catch {
                throw Failure(description: "--\(key) (from \(sources[key] ?? "?")): \(error)")
            }
        }

        let catalog = MessageCatalog.standard
        let hostA = try endpoint("host", pick("host", flag: options.host, env: "CTI_HOST"), side: .a)
        let hostB = try endpoint("host-b", pick("host-b", flag: options.hostB, env: "CTI_HOST_B"), side: .b)
        let embedded: Bool
        if options.embedded {
            embedded = true
        } else if hostA == nil {
            guard !options.noEmbedded else {
                throw NoServer()
            }
            embedded = true
        } else {
            embedded = false
        }
        let protocolChoice = try pick("protocol", flag: options.protocolVersion.map(\.description), env: "CTI_PROTOCOL")
            .map { text throws(Failure) in try ProtocolChoice(parsing: text, from: sources["protocol"] ?? "?") } ?? .auto
        var hostname = [CChar](repeating: 0, count: 256)
        gethostname(&hostname, hostname.count)
        let defaultClientID = ClientConfiguration.defaultClientID(hostname: String(decoding: hostname.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self), pid: getpid())
        let clientID = pick("client-id", flag: options.clientID, env: "CTI_CLIENT_ID") ?? { sources["client-id"] = "default"; return defaultClientID }()

        let agentID = pick("agent-id", flag: options.agentID)
        let agentExtension = pick("agent-ext", flag: options.agentExtension)
        let instrument = pick("instrument", flag: options.instrument)
        // OPEN_REQ carries these: one longer than its field is a usage error, found before connecting.
        let open = catalog.descriptor(named: "OPEN_REQ")!
        for (key, field, value) in [("client-id", Field.clientID, clientID), ("agent-id", .agentID, agentID),
                                    ("agent-ext", .agentExtension, agentExtension), ("instrument", .agentInstrument, instrument)] {
            guard let value, let maxSize = open.floatingSpec(named: field.name)?.maxSize, value.utf8.count >= maxSize else { continue }
            throw Failure(description: "\(key) (from \(sources[key] ?? "?")): \(value.utf8.count) bytes is too long: \(field) takes at most "
                          + "\(maxSize - 1) (\(maxSize) with the terminating NUL)")
        }
        let hasAgentIdentity = agentID != nil || agentExtension != nil || instrument != nil
        // The masks as the chosen version has them (`auto`: 25; its OPEN_REQ to an older server
        // keeps what that version has, OpenRequest.limited(to:)).
        let versionCatalog = catalog.forVersion(protocolChoice.version)
        let services = try mask("services", pick("services", flag: options.services), versionCatalog.serviceMask,
                                default: defaults.services(hasAgentIdentity: hasAgentIdentity))
        // Every call event and agent state by default: what to show is filtered client-side.
        let callMask = try mask("call-mask", pick("call-mask", flag: options.callMask), versionCatalog.callEventMask,
                                default: versionCatalog.callEventMask.availableBits)
        let agentMask = try mask("agent-mask", pick("agent-mask", flag: options.agentMask), versionCatalog.agentStateMask,
                                 default: versionCatalog.agentStateMask.availableBits)
        let configMask = try mask("config-mask", pick("config-mask", flag: options.configMask), versionCatalog.configMask, default: 0)

        if services & ServiceMaskBits.clientEvents != 0 && !hasAgentIdentity {
            throw Failure(description: "--services (from \(sources["services"] ?? "?")) asks for CLIENT_EVENTS, which needs the agent's identity: "
                          + "give --instrument (or --agent-id / --agent-ext), or leave --services out (ALL_EVENTS,CLIENT_CONTROL is then used)")
        }
        var peripheral = try number("peripheral", pick("peripheral", flag: options.peripheral.map(String.init)))
        if peripheral == nil && services & ServiceMaskBits.clientEvents != 0 {
            peripheral = DefaultPeripheral.id
            sources["peripheral"] = "default"
        }
        let heartbeatText = pick("heartbeat", flag: options.heartbeat)
        let heartbeat: Duration?
        switch heartbeatText {
        case nil:
            heartbeat = .seconds(15)
            sources["heartbeat"] = "default"
        case "off"?:
            heartbeat = nil
        case let text?:
            guard let seconds = Int(text), heartbeatSeconds.contains(seconds) else {
                throw Failure(description: "heartbeat '\(text)' (from \(sources["heartbeat"] ?? "?")): seconds from \(heartbeatSeconds.lowerBound) "
                              + "to \(heartbeatSeconds.upperBound), or off")
            }
            heartbeat = .seconds(seconds)
        }
        let timeoutText = pick("connect-timeout", flag: options.connectTimeout.map { String($0) })
        guard let timeoutSeconds = Double(timeoutText ?? "5"), timeoutSeconds > 0, timeoutSeconds <= SecondsOption.maximum else {
            throw Failure(description: "connect-timeout '\(timeoutText ?? "")': seconds greater than 0 and at most \(Int(SecondsOption.maximum))")
        }
        if timeoutText == nil { sources["connect-timeout"] = "default" }
        func flag(_ key: String, _ set: Bool) throws -> Bool {
            guard let text = pick(key, flag: set ? "true" : nil) else { return false }
            guard let value = Bool(text) else {
                throw Failure(description: "\(key) '\(text)' (from \(sources[key] ?? "?")): true or false")
            }
            return value
        }
        let tlsCA = pick("tls-ca", flag: options.tlsOptions.tlsCA)
        let tlsCert = pick("tls-cert", flag: options.tlsOptions.tlsCert)
        let tlsKey = pick("tls-key", flag: options.tlsOptions.tlsKey)
        let tlsInsecure = try flag("tls-insecure", options.tlsOptions.tlsInsecure)
        var tls: ClientTLS?
        if try flag("tls", options.tlsOptions.tls) || tlsCA != nil || tlsCert != nil || tlsKey != nil || tlsInsecure {
            guard (tlsCert == nil) == (tlsKey == nil) else {
                throw Failure(description: "tls-cert and tls-key go together (tls-cert from \(sources["tls-cert"] ?? "-"), tls-key from \(sources["tls-key"] ?? "-"))")
            }
            guard !embedded else {
                throw Failure(description: "TLS needs a server (--host): the embedded simulator speaks plain TCP; `cti simulate --tls-cert FILE --tls-key FILE` serves TLS")
            }
            tls = ClientTLS(caFile: tlsCA, certificateFile: tlsCert, keyFile: tlsKey, verifyPeer: !tlsInsecure)
            if sources["tls"] == nil, let implying = ["tls-ca", "tls-cert", "tls-key", "tls-insecure"].first(where: { sources[$0] != nil }) {
                sources["tls"] = "implied by \(implying)"
            }
        }
        return ConsoleSettings(
            hostA: hostA, hostB: hostB, protocolChoice: protocolChoice, clientID: clientID,
            passwordFile: pick("password-file", flag: options.passwordFile), peripheral: peripheral, services: services,
            callMask: callMask, agentMask: agentMask, configMask: configMask, agentID: agentID, agentExtension: agentExtension,
            instrument: instrument, heartbeat: heartbeat, connectTimeout: .milliseconds(Int64(timeoutSeconds * 1000)),
            embedded: embedded, tls: tls, sources: sources)
    }

    /// In a REPL or script, a line may name the agent and device it acts for (and the
    /// peripheral); the session's settings stand otherwise.
    func actingFor(_ line: ConnectionOptions) -> ConsoleSettings {
        var settings = self
        settings.instrument = line.instrument ?? instrument
        settings.agentID = line.agentID ?? agentID
        settings.agentExtension = line.agentExtension ?? agentExtension
        settings.peripheral = line.peripheral ?? requestPeripheral
        return settings
    }

    /// The PeripheralID requests name: the one given, else ``DefaultPeripheral/id``.
    var requestPeripheral: UInt32 { peripheral ?? DefaultPeripheral.id }

    /// No server configured and `--no-embedded` (exit 2).
    struct NoServer: Error, CustomStringConvertible {
        var description: String { "no CTI Server configured (--host, CTI_HOST or a profile with a host) and --no-embedded given" }
    }
}
