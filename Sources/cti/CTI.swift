import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// The `cti` command: a console for the Cisco CTI Server protocol (GED-188).
@main
struct CTI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cti",
        abstract: "A console for the Cisco CTI Server protocol (GED-188, protocol versions 24 and 25).",
        discussion: """
        Decode and build CTI Server messages from the shell.

        EXIT STATUS: 0 success; 1 request refused by the server; 2 connection or session failure; \
        64 usage error; 65 undecodable input (decode); 124 a --timeout ran out.
        """,
        version: VersionInfo.text,
        subcommands: [DecodeCommand.self, EncodeCommand.self]
    )

    /// Writes to a closed pipe fail with EPIPE (handled by ``StandardStream``) instead of
    /// killing the process with SIGPIPE.
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        main(nil)
    }
}
