import CTITestSupport
import Foundation
import Testing

/// `cti` with `--tls*` against `cti simulate --tls-cert --tls-key`, both as built, with a CA
/// made for the run.
@Suite(.timeLimit(.minutes(2)))
struct TLSCommandTests {
    /// A TLS simulator process, its CA, and a runner of `cti open` against side A.
    struct Secured {
        let ca: ThrowawayCA
        let simulator: SimulatorProcess

        init(clientCA: Bool = false) throws {
            ca = try ThrowawayCA()
            let server = try ca.issueLoopbackServer()
            simulator = try SimulatorProcess(["--tls-cert", server.certificate, "--tls-key", server.key]
                                             + (clientCA ? ["--tls-ca", ca.certificate] : []))
        }

        func open(_ arguments: [String], host: String = "127.0.0.1") throws -> CLIRunner.Result {
            try CLIRunner.run(["open", "--no-config", "--host", "\(host):\(simulator.portA)", "--host-b", "\(host):\(simulator.portB)"] + arguments)
        }

        func stop() {
            simulator.stop()
            ca.remove()
        }
    }

    @Test func aVerifiedSessionOpensByAddressAndByName() throws {
        let secured = try Secured()
        defer { secured.stop() }
        for host in ["127.0.0.1", "localhost"] {
            let result = try secured.open(["--tls-ca", secured.ca.certificate], host: host)
            #expect(result.status == 0, "\(host): \(result.stderr)")
            #expect(result.stdout.contains("session open"), "\(result.stdout)")
            #expect(!result.stderr.contains("warning"), "\(result.stderr)")
        }
    }

    @Test func verificationFailuresExitTwoNamingTheReason() throws {
        let secured = try Secured()
        defer { secured.stop() }
        // The system trust store does not know the throwaway CA.
        let untrusted = try secured.open(["--tls"])
        #expect(untrusted.status == 2)
        #expect(untrusted.stderr.contains("certificate verify failed"), "\(untrusted.stderr)")
        // Plain TCP to a TLS server.
        let plain = try secured.open([])
        #expect(plain.status == 2)
        #expect(plain.stderr.contains("speaks TLS"), "\(plain.stderr)")
    }

    @Test func insecureIsOnlyWhenAskedAndSaidOnStderr() throws {
        let secured = try Secured()
        defer { secured.stop() }
        let result = try secured.open(["--tls-insecure"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("warning: --tls-insecure"), "\(result.stderr)")
        #expect(!result.stdout.contains("warning"))
    }

    @Test func clientCertificatesAreSentWhenTheServerAsks() throws {
        let secured = try Secured(clientCA: true)
        defer { secured.stop() }
        let client = try secured.ca.issue("cti client", alternativeNames: [], file: "client")
        let with = try secured.open(["--tls-ca", secured.ca.certificate, "--tls-cert", client.certificate, "--tls-key", client.key])
        #expect(with.status == 0, "\(with.stderr)")
        let without = try secured.open(["--tls-ca", secured.ca.certificate])
        #expect(without.status == 2)
        #expect(without.stderr.contains("certificate"), "\(without.stderr)")
    }

    @Test(arguments: [
        (["open", "--no-config", "--host", "127.0.0.1:1", "--tls-cert", "c.pem"], "--tls-cert and --tls-key go together"),
        (["open", "--no-config", "--embedded", "--tls"], "TLS needs a server"),
        (["open", "--no-config", "--host", "127.0.0.1:1", "--tls-ca", "/nonexistent/ca.pem"], "/nonexistent/ca.pem: no such file"),
        (["simulate", "--tls-cert", "/nonexistent/s.pem", "--tls-key", "/nonexistent/s.key"], "/nonexistent/s.pem: no such file"),
        (["simulate", "--tls-cert", "s.pem"], "--tls-cert and --tls-key go together"),
        (["simulate", "--tls-ca", "ca.pem"], "--tls-ca needs --tls-cert"),
    ])
    func unusableTLSSettingsAreUsageErrors(arguments: [String], message: String) throws {
        let result = try CLIRunner.run(arguments)
        #expect(result.status == 64, "\(arguments): \(result.status) \(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func configShowNamesTheTLSSettingsAndTheirSources() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cti-tls-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("config").path
        try "host = \"127.0.0.1:42027\"\ntls-ca = \"/etc/cti/ca.pem\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["config", "show", "--config", config, "--tls-insecure"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").map(String.init)
        #expect(rows.contains { $0.hasPrefix("tls ") && $0.contains("NOT verified") && $0.contains("implied by") }, "\(result.stdout)")
        #expect(rows.contains { $0.hasPrefix("tls-ca ") && $0.contains("/etc/cti/ca.pem") && $0.contains("config \(config)") }, "\(result.stdout)")
    }
}
