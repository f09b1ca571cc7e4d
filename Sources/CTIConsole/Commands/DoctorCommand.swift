import ArgumentParser
import CTIClient
import CTIOutput

/// `cti doctor` (issue 21): checks a CTI Server setup and says what to fix.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check a CTI Server setup (names, TCP, TLS, protocol versions, OPEN, heartbeat, clock, sides) and say what to fix.",
        discussion: """
        One line per check: OK, WARN or FAIL, the check's name, what was found, and for WARN and \
        FAIL the fix. With -o json one JSON object per check ({"check","status","detail","fix"}) \
        and a last summary object. The session checks open a session on each reachable side \
        with the connection options given (services, masks, --protocol), and close it.

        EXIT STATUS: 0 nothing failed (WARNs allowed); 1 a check failed; 2 no side could be \
        reached at all; 64 usage error.
        """)

    /// `-o text|json`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup(title: ConnectionOptions.title) var connection: ConnectionOptions

    @Option(name: [.customShort("o"), .customLong("output")], help: "Output format: text (one line per check) or json (one object per check).")
    var format: Format = .text

    func run() async throws {
        var settings = try SessionCommandSupport.resolveSettings(connection, defaults: .session)
        let password = try SessionCommandSupport.readPassword(connection, settings: settings)
        if settings.embedded {
            do {
                let (embedded, _) = try await EmbeddedSimulator.shared.simulator()
                settings.hostA = Endpoint(host: "127.0.0.1", port: embedded.port(.a)!)
                settings.hostB = Endpoint(host: "127.0.0.1", port: embedded.port(.b)!)
                StandardStream.diagnose("cti: no CTI Server configured: checking the embedded simulator on \(settings.hostA!) / \(settings.hostB!) (--host to check a real one)")
            } catch {
                StandardStream.diagnose("cti: cannot start the embedded simulator: \(error)")
                throw ExitStatus.connectionFailure
            }
        }
        let format = self.format
        let report = await DoctorRun(settings: settings, password: password).run { check in
            try? StandardStream.output.writeLine(format == .json ? check.jsonLine : check.textLine)
            try? StandardStream.output.flush()
        }
        try? StandardStream.output.writeLine(format == .json ? report.summaryJSON : report.summaryText)
        try? StandardStream.output.flush()
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}
