import ArgumentParser
import CTIClient

/// The `--tls*` options of the session commands: TLS towards the CTI Server (secured
/// connections, Unified CCE 12.x+). Part of ``ConnectionOptions``; `cti proxy` takes the same
/// options, with the same meanings, for its connections to the servers.
struct TLSOptions: ParsableArguments {
    /// The heading these options have in `--help` and the man page (described there once).
    static let title = "TLS Options"

    @Flag(help: "Connect with TLS (secured CTI Server connections, Unified CCE 12.x+); implied by the other --tls options.")
    var tls = false

    @Option(name: .customLong("tls-ca"), help: ArgumentHelp("Trust the CAs in this PEM file (default: the system's trust store).", valueName: "file"))
    var tlsCA: String?

    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("Present this PEM client certificate (with --tls-key).", valueName: "file"))
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp("The PEM private key of --tls-cert.", valueName: "file"))
    var tlsKey: String?

    @Flag(name: .customLong("tls-insecure"), help: "Do not verify the server's certificate or host name (said so on stderr).")
    var tlsInsecure = false

    func validate() throws {
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
    }

    /// The TLS these flags ask for (any of them implies `--tls`); nil: plain TCP. Config-file
    /// and environment defaults are ``ConsoleSettings``'s to add.
    var clientTLS: ClientTLS? {
        guard tls || tlsCA != nil || tlsCert != nil || tlsKey != nil || tlsInsecure else { return nil }
        return ClientTLS(caFile: tlsCA, certificateFile: tlsCert, keyFile: tlsKey, verifyPeer: !tlsInsecure)
    }
}
