import CTITestSupport
import Foundation
import Testing

/// `cti doctor` (issue 21) as built, against `cti simulate` as built: a healthy pair of sides,
/// a side B nobody listens on, nothing reachable, a server limited to protocol 23, and TLS
/// servers whose certificate names another host or has expired.
@Suite(.timeLimit(.minutes(5)))
struct DoctorCommandTests {
    /// The checks a healthy plain-TCP pair of sides gets, in order.
    static let sessionChecks = ["resolve A", "resolve B", "tcp A", "tcp B", "protocol", "open", "heartbeat", "clock", "sides"]

    /// `cti doctor -o json` with `arguments`: the check objects, the summary object, the exit status.
    static func doctorJSON(_ arguments: [String]) throws -> (checks: [[String: Any]], summary: [String: Any], status: Int32, stderr: String) {
        let result = try CLIRunner.run(["doctor", "--no-config", "-o", "json"] + arguments)
        let objects = try result.stdoutLines.map(CLIRunner.json)
        let summary = try #require(objects.last)
        return (Array(objects.dropLast()), summary, result.status, result.stderr)
    }

    static func check(_ name: String, in checks: [[String: Any]]) throws -> [String: Any] {
        try #require(checks.first { $0["check"] as? String == name }, "no \(name) check in \(checks)")
    }

    @Test func againstTheSimulatorEveryCheckIsOK() throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let result = try CLIRunner.run(["doctor", "--no-config", "--host", "127.0.0.1:\(simulator.portA)", "--host-b", "127.0.0.1:\(simulator.portB)"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let lines = result.stdoutLines
        #expect(lines.dropLast().map { String($0.dropFirst(5).prefix(10)).trimmingCharacters(in: .whitespaces) } == Self.sessionChecks, "\(lines)")
        #expect(lines.dropLast().allSatisfy { $0.hasPrefix("OK   ") && !$0.contains("fix:") }, "\(lines)")
        #expect(lines.contains("OK   protocol   side A accepts protocol 25"))
        #expect(lines.contains("OK   open       side A granted CTI_SERVICE_CLIENT_CONTROL,CTI_SERVICE_ALL_EVENTS (all requested)"))
        #expect(lines.contains("OK   sides      side A active; side B standby or offline (E_CTI_INVALID_CLIENT_FOR_STANDBY)"))
        #expect(lines.contains { $0.hasPrefix("OK   heartbeat  side A answered HEARTBEAT_REQ in ") })
        #expect(lines.contains { $0.hasPrefix("OK   clock      side A's central controller time ") && $0.hasSuffix(" is within 5 s of ours") })
        #expect(lines.last == "doctor: 9 OK, 0 WARN, 0 FAIL")
    }

    @Test func jsonIsOneObjectPerCheckAndASummary() throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let run = try Self.doctorJSON(["--host", "127.0.0.1:\(simulator.portA)", "--host-b", "127.0.0.1:\(simulator.portB)"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.checks.map { $0["check"] as? String } == Self.sessionChecks)
        for check in run.checks {
            #expect(Set(check.keys) == ["check", "status", "detail"], "\(check)")
            #expect(check["status"] as? String == "OK", "\(check)")
        }
        #expect(run.summary["summary"] as? [String: Int] == ["OK": 9, "WARN": 0, "FAIL": 0])
        #expect(run.summary["status"] as? String == "OK")
        #expect(run.summary["exit"] as? Int == 0)
    }

    @Test func aClosedSideBFailsNamingB() throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let closed = try Self.closedPort()
        let run = try Self.doctorJSON(["--host", "127.0.0.1:\(simulator.portA)", "--host-b", "127.0.0.1:\(closed)"])
        #expect(run.status == 1, "\(run.stderr)")
        let tcpB = try Self.check("tcp B", in: run.checks)
        #expect(tcpB["status"] as? String == "FAIL")
        #expect(tcpB["detail"] as? String == "side B 127.0.0.1:\(closed): connection refused")
        #expect(tcpB["fix"] as? String == "start side B's CTI Server, or correct --host-b (host and port)")
        let sides = try Self.check("sides", in: run.checks)
        #expect(sides["status"] as? String == "WARN")
        #expect(sides["detail"] as? String == "side A active; side B unreachable: no failover")
        // Side A's session is checked all the same.
        for name in ["tcp A", "protocol", "open", "heartbeat", "clock"] {
            #expect(try Self.check(name, in: run.checks)["status"] as? String == "OK", "\(name)")
        }
        #expect(run.summary["exit"] as? Int == 1)
    }

    @Test func nothingReachableExitsTwo() throws {
        let closed = try Self.closedPort()
        let result = try CLIRunner.run(["doctor", "--no-config", "--host", "127.0.0.1:\(closed)", "--host-b", "127.0.0.1:\(closed)"])
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stdoutLines.first { $0.hasPrefix("FAIL tcp A") } == "FAIL tcp A      side A 127.0.0.1:\(closed): connection refused; "
                + "fix: start side A's CTI Server, or correct --host (host and port)")
        #expect(result.stdoutLines.last == "doctor: 2 OK, 0 WARN, 3 FAIL (no side reachable)")
    }

    @Test func aServerLimitedToProtocol23IsNotAFailure() throws {
        let simulator = try SimulatorProcess(["--max-protocol", "23"])
        defer { simulator.stop() }
        let run = try Self.doctorJSON(["--host", "127.0.0.1:\(simulator.portA)", "--host-b", "127.0.0.1:\(simulator.portB)"])
        #expect(run.status == 0, "\(run.stderr)")
        let versions = try Self.check("protocol", in: run.checks)
        #expect(versions["status"] as? String == "OK")
        #expect(versions["detail"] as? String == "side A accepts protocol 23; refused 25, 24 (E_CTI_INVALID_VERSION)")
        #expect(try Self.check("sides", in: run.checks)["detail"] as? String
                == "side A serving (no SessionType before protocol 24); side B standby or offline (E_CTI_CTI_SERVER_OFFLINE)")
        #expect(run.checks.allSatisfy { $0["status"] as? String == "OK" }, "\(run.checks)")
    }

    /// The throwaway certificates are valid for one day: verified, and a WARN (not a FAIL) that
    /// they expire within 30 days.
    @Test func aVerifiedCertificateNearItsEndIsAWarning() throws {
        let ca = try ThrowawayCA()
        defer { ca.remove() }
        let server = try ca.issueLoopbackServer()
        let simulator = try SimulatorProcess(["--tls-cert", server.certificate, "--tls-key", server.key])
        defer { simulator.stop() }
        let run = try Self.doctorJSON(["--host", "localhost:\(simulator.portA)", "--host-b", "127.0.0.1:\(simulator.portB)", "--tls-ca", ca.certificate])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.checks.map { $0["check"] as? String } == ["resolve A", "resolve B", "tcp A", "tcp B", "tls A", "tls B", "protocol", "open",
                                                             "heartbeat", "clock", "sides"])
        #expect(run.checks.filter { ($0["check"] as? String)?.hasPrefix("tls") == false }.allSatisfy { $0["status"] as? String == "OK" },
                "\(run.checks)")
        for side in ["A", "B"] {
            let tls = try Self.check("tls \(side)", in: run.checks)
            #expect(tls["status"] as? String == "WARN")
            let detail = try #require(tls["detail"] as? String)
            #expect(detail.hasPrefix("verified, but the certificate expires within 30 days: certificate for localhost, 127.0.0.1, valid until "), "\(detail)")
            #expect((tls["fix"] as? String)?.hasPrefix("renew side \(side)'s server certificate before ") == true)
        }
        #expect(run.summary["summary"] as? [String: Int] == ["OK": 9, "WARN": 2, "FAIL": 0])
    }

    @Test func aCertificateForAnotherNameFailsNamingIt() throws {
        let ca = try ThrowawayCA()
        defer { ca.remove() }
        let server = try ca.issue("elsewhere", alternativeNames: ["DNS:elsewhere.example"], file: "elsewhere")
        let simulator = try SimulatorProcess(["--tls-cert", server.certificate, "--tls-key", server.key])
        defer { simulator.stop() }
        let run = try Self.doctorJSON(["--host", "127.0.0.1:\(simulator.portA)", "--tls-ca", ca.certificate])
        #expect(run.status == 1, "\(run.stderr)")
        let tls = try Self.check("tls A", in: run.checks)
        #expect(tls["status"] as? String == "FAIL")
        #expect(tls["detail"] as? String == "the certificate names elsewhere.example, not 127.0.0.1")
        #expect(tls["fix"] as? String == "connect by a name the certificate carries, or reissue side A's certificate with 127.0.0.1 as a subject alternative name")
        #expect(try Self.check("open", in: run.checks)["status"] as? String == "FAIL")
    }

    @Test func anExpiredCertificateFailsWithItsEndDate() throws {
        let ca = try ThrowawayCA()
        defer { ca.remove() }
        let server = try Self.issueExpired(by: ca)
        let simulator = try SimulatorProcess(["--tls-cert", server.certificate, "--tls-key", server.key])
        defer { simulator.stop() }
        let run = try Self.doctorJSON(["--host", "127.0.0.1:\(simulator.portA)", "--host-b", "127.0.0.1:\(simulator.portB)", "--tls-ca", ca.certificate])
        #expect(run.status == 1, "\(run.stderr)")
        for side in ["A", "B"] {
            let tls = try Self.check("tls \(side)", in: run.checks)
            #expect(tls["status"] as? String == "FAIL")
            #expect(tls["detail"] as? String == "the certificate expired on 2020-01-02 00:00 UTC: certificate for localhost, 127.0.0.1, valid until 2020-01-02 00:00 UTC")
            #expect(tls["fix"] as? String == "renew side \(side)'s server certificate")
        }
    }

    // MARK: - Helpers

    /// A loopback port nobody listens on: bound for a moment to get it, then closed.
    static func closedPort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A certificate for localhost and 127.0.0.1 that was valid on 1 January 2020 only, signed
    /// by `ca` (`openssl ca` sets both dates; `openssl x509 -days` cannot go back).
    static func issueExpired(by ca: ThrowawayCA) throws -> (certificate: String, key: String) {
        let directory = ca.directory
        try FileManager.default.createDirectory(atPath: "\(directory)/expired-db", withIntermediateDirectories: true)
        try "".write(toFile: "\(directory)/expired-db/index", atomically: true, encoding: .utf8)
        try "01\n".write(toFile: "\(directory)/expired-db/serial", atomically: true, encoding: .utf8)
        let configuration = """
            [ca]
            default_ca = expired
            [expired]
            database = \(directory)/expired-db/index
            new_certs_dir = \(directory)/expired-db
            serial = \(directory)/expired-db/serial
            default_md = sha256
            policy = any
            [any]
            commonName = supplied
            [server]
            basicConstraints = CA:FALSE
            subjectAltName = DNS:localhost,IP:127.0.0.1

            """
        try configuration.write(toFile: "\(directory)/expired.cnf", atomically: true, encoding: .utf8)
        let issued = (certificate: "\(directory)/expired.pem", key: "\(directory)/expired.key")
        try openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", issued.key,
                     "-out", "\(directory)/expired.csr", "-subj", "/CN=localhost"])
        try openssl(["ca", "-batch", "-config", "\(directory)/expired.cnf", "-cert", ca.certificate, "-keyfile", "\(directory)/ca.key",
                     "-in", "\(directory)/expired.csr", "-out", issued.certificate, "-startdate", "20200101000000Z",
                     "-enddate", "20200102000000Z", "-extensions", "server", "-notext"])
        return issued
    }

    static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "openssl \(arguments.prefix(2).joined(separator: " ")) failed")
    }
}
