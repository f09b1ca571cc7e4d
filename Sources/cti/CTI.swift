import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// The `cti` command: a console for the Cisco CTI Server protocol (GED-188).
@main
struct CTI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cti",
        abstract: "A console for the Cisco CTI Server protocol (GED-188, protocol versions 24 and 25).",
        discussion: """
        Open sessions against a CTI Server (side A / side B), watch every event, send \
        requests, and decode or build messages. Without --host (or CTI_HOST, or a profile with \
        a host) cti runs against its embedded simulator.

        EXIT STATUS: 0 success; 1 request refused by the server; 2 connection or session failure; \
        64 usage error; 65 undecodable input (decode); 124 a --timeout ran out.
        """,
        version: VersionInfo.text,
        subcommands: [OpenCommand.self, WatchCommand.self, CallCommand.self, AgentCommand.self, QueryCommand.self, SendCommand.self,
                      DecodeCommand.self, EncodeCommand.self, SimulateCommand.self]
    )

    /// Writes to a closed pipe fail with EPIPE (handled by ``StandardStream``) instead of
    /// killing the process with SIGPIPE.
    static func main() async {
        signal(SIGPIPE, SIG_IGN)
        await main(nil)
    }
}
