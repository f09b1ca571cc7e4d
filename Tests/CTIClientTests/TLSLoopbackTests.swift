import CTIProtocol
import CTISimulator
import CTITestSupport
import Testing
@testable import CTIClient

/// TLS between CTIClient and a CTISimulator serving TLS, with a CA made for the run: what opens,
/// and what fails with which reason.
@Suite(.timeLimit(.minutes(1)))
struct TLSLoopbackTests {
    /// A simulator serving `server` (and asking for client certificates of `clientCA`).
    static func simulator(_ server: ThrowawayCA.Issued?, clientCA: String? = nil) async throws -> CTISimulator {
        try await LoopbackTests.simulator { configuration in
            configuration.tls = server.map { SimulatorTLS(certificateFile: $0.certificate, keyFile: $0.key, clientCAFile: clientCA) }
        }
    }

    static func client(_ simulator: CTISimulator, host: String = "127.0.0.1", tls: ClientTLS?) -> CTIClient {
        CTIClient(configuration: LoopbackTests.configuration(simulator) { configuration in
            configuration.sideA.host = host
            configuration.sideB?.host = host
            configuration.tls = tls
            configuration.initialOpenDeadline = .seconds(3)
        })
    }

    /// The reason an open failed.
    static func failure(_ client: CTIClient) async -> String {
        do {
            try await client.open()
            await client.close()
            return "opened"
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: ["127.0.0.1", "localhost"])
    func aSessionOpensOverTLSAndEventsFlow(host: String) async throws {
        let ca = try ThrowawayCA()
        defer { ca.remove() }
        let simulator = try await Self.simulator(try ca.issueLoopbackServer())
        let client = Self.client(simulator, host: host, tls: ClientTLS(caFile: ca.certificate))
        #expect(try await client.open().servicesGranted == 0x10)
        var events = client.events.makeAsyncIterator()
        let seen = await LoopbackTests.read(&events) { $0.message?.name == "SYSTEM_EVENT" }
        #expect(seen.last?.message?.name == "SYSTEM_EVENT")
        // A request and its answer cross TLS (Client Control is not granted: a FAILURE_CONF).
        await #expect {
            _ = try await client.queryAgentState(peripheralID: 5000, instrument: "2001")
        } throws: { error in
            if case CTIClientError.requestFailed = error { return true }
            return false
        }
        await client.close()
        let rest = await LoopbackTests.read(&events) { _ in false }
        #expect(rest.last?.lifecycle == .closed(nil, reason: "closed"))
        await simulator.stop()
    }

    @Test func aServerCertificateFromAnotherCAIsRefused() async throws {
        let ca = try ThrowawayCA(), other = try ThrowawayCA(name: "someone else")
        defer { ca.remove(); other.remove() }
        let simulator = try await Self.simulator(try ca.issueLoopbackServer())
        let reason = await Self.failure(Self.client(simulator, tls: ClientTLS(caFile: other.certificate)))
        #expect(reason.contains("certificate verify failed"), "\(reason)")
        await simulator.stop()
    }

    @Test func aCertificateForAnotherHostIsRefused() async throws {
        let ca = try ThrowawayCA()
        defer { ca.remove() }
        let simulator = try await Self.simulator(try ca.issue("pg1.example", alternativeNames: ["DNS:pg1.example"], file: "elsewhere"))
        let reason = await Self.failure(Self.client(simulator, tls: ClientTLS(caFile: ca.certificate)))
        #expect(reason.contains("does not name this host"), "\(reason)")
        await simulator.stop()
    }

    @Test func withoutVerificationAnyCertificateIsAccepted() async throws {
        let ca = try ThrowawayCA(), other = try ThrowawayCA(name: "someone else")
        defer { ca.remove(); other.remove() }
        let simulator = try await Self.simulator(try ca.issue("pg1.example", alternativeNames: ["DNS:pg1.example"], file: "elsewhere"))
        let client = Self.client(simulator, tls: ClientTLS(caFile: other.certificate, verifyPeer: false))
        #expect(try await client.open().servicesGranted == 0x10)
        await client.close()
        await simulator.stop()
    }

    @Test func aServerAskingForClientCertificatesGetsOneOrRefuses() async throws {
        let ca = try ThrowawayCA()
        defer { ca.remove() }
        let simulator = try await Self.simulator(try ca.issueLoopbackServer(), clientCA: ca.certificate)
        let clientCertificate = try ca.issue("cti client", alternativeNames: [], file: "client")
        let withCertificate = Self.client(simulator, tls: ClientTLS(
            caFile: ca.certificate, certificateFile: clientCertificate.certificate, keyFile: clientCertificate.key))
        #expect(try await withCertificate.open().servicesGranted == 0x10)
        await withCertificate.close()
        let reason = await Self.failure(Self.client(simulator, tls: ClientTLS(caFile: ca.certificate)))
        #expect(reason.contains("certificate"), "\(reason)")
        await simulator.stop()
    }

    @Test func plainAndTLSPeersNameTheMismatch() async throws {
        let ca = try ThrowawayCA()
        defer { ca.remove() }
        let secured = try await Self.simulator(try ca.issueLoopbackServer())
        let plainToTLS = await Self.failure(Self.client(secured, tls: nil))
        #expect(plainToTLS.contains("speaks TLS"), "\(plainToTLS)")
        await secured.stop()

        let plain = try await Self.simulator(nil)
        let tlsToPlain = await Self.failure(Self.client(plain, tls: ClientTLS(caFile: ca.certificate)))
        #expect(tlsToPlain.contains("TLS") || tlsToPlain.contains("closed"), "\(tlsToPlain)")
        #expect(tlsToPlain != "opened")
        await plain.stop()
    }

    @Test func unusableFilesFailOpenAtOnceNamingTheFile() async throws {
        let ca = try ThrowawayCA()
        defer { ca.remove() }
        let simulator = try await Self.simulator(try ca.issueLoopbackServer())
        let missing = await Self.failure(Self.client(simulator, tls: ClientTLS(caFile: "\(ca.directory)/nope.pem")))
        #expect(missing.contains("nope.pem") && missing.contains("no such file"), "\(missing)")
        let server = try ca.issueLoopbackServer()
        let notPEM = await Self.failure(Self.client(simulator, tls: ClientTLS(caFile: server.key)))
        #expect(notPEM.contains("server.key"), "\(notPEM)")
        let halfPair = await Self.failure(Self.client(simulator, tls: ClientTLS(certificateFile: server.certificate)))
        #expect(halfPair.contains("both"), "\(halfPair)")
        await simulator.stop()
    }
}
