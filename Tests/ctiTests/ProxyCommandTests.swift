import CTITestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `cti proxy` (issue 19) as built, between `cti watch` and `cti simulate`: a 100,000-event
/// flood arrives whole and in order through it, failover through it when side A is killed or
/// hung, TLS terminated or relayed untouched, `--record x.pcap` read back by `decode --pcap`
/// with the password masked, and its exit statuses.
@Suite(.timeLimit(.minutes(4)))
struct ProxyCommandTests {
    /// A `cti` process whose stdout and stderr are collected as they come.
    final class CTIProcess: @unchecked Sendable {
        let process = Process()
        private let lock = NSLock()
        private var out = Data()
        private var err = ""

        init(_ arguments: [String]) throws {
            process.executableURL = CLIRunner.executable
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { $1 }
            let output = Pipe()
            let errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            process.standardInput = FileHandle.nullDevice
            output.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                self?.lock.withLock { self?.out.append(data) }
            }
            errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let text = String(decoding: handle.availableData, as: UTF8.self)
                self?.lock.withLock { self?.err += text }
            }
            try process.run()
        }

        var stdout: String { lock.withLock { String(decoding: out, as: UTF8.self) } }
        var stderr: String { lock.withLock { err } }

        /// Waits until stderr holds `text`, or one of `others` (a completion deadline, not a
        /// speed check).
        func waitForStderr(_ text: String, or others: [String] = [], timeout: TimeInterval = 60) throws {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                let seen = stderr
                if ([text] + others).contains(where: seen.contains) { return }
                usleep(20_000)
            }
            Issue.record("never on stderr: '\(text)':\n\(stderr)")
            throw CocoaError(.fileReadNoSuchFile)
        }

        /// Waits for the exit (sending `signal` first if given); the status.
        @discardableResult
        func finish(signal: Int32? = nil, timeout: TimeInterval = 120) -> Int32 {
            if let signal, process.isRunning { kill(process.processIdentifier, signal) }
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning, Date() < deadline { usleep(20_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            usleep(100_000)  // the last of the pipes
            return process.terminationStatus
        }
    }

    /// `cti proxy` on ephemeral loopback ports in front of both sides of the simulator.
    struct Proxy {
        let process: CTIProcess
        let portA: Int
        let portB: Int

        init(_ simulator: SimulatorProcess, _ arguments: [String] = []) throws {
            let process = try CTIProcess(["proxy", "--listen", "127.0.0.1:0", "--to", "127.0.0.1:\(simulator.portA)",
                                      "--listen-b", "127.0.0.1:0", "--to-b", "127.0.0.1:\(simulator.portB)"] + arguments)
            try process.waitForStderr("proxy B listening on")
            // "proxy A listening on 127.0.0.1:PORT -> 127.0.0.1:PORT"
            func port(_ side: String) -> Int? {
                process.stderr.split(separator: "\n").first { $0.hasPrefix("proxy \(side) listening on") }
                    .flatMap { $0.split(separator: " ")[4].split(separator: ":").last.flatMap { Int($0) } }
            }
            guard let a = port("A"), let b = port("B") else { throw CocoaError(.fileReadCorruptFile) }
            self.process = process
            portA = a
            portB = b
        }

        var hosts: [String] { ["--no-config", "--host", "127.0.0.1:\(portA)", "--host-b", "127.0.0.1:\(portB)"] }
    }

    static func notPrinted(_ stderr: String) -> Int? {
        // "... F frames, P handed to the printer (M messages printed), N not printed (printer behind); ..."
        guard let range = stderr.range(of: #"\d+ not printed \(printer behind\)"#, options: .regularExpression) else { return nil }
        return Int(stderr[range].split(separator: " ")[0])
    }

    @Test func aFloodOfAHundredThousandEventsArrivesWholeAndInOrderThroughTheProxy() throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let proxy = try Proxy(simulator, ["-o", "json", "--filter", "END_CALL_EVENT"])
        defer { proxy.process.finish(signal: SIGKILL) }
        let events = 100_000
        let watch = try CTIProcess(["watch", "-o", "json", "-q", "--filter", "END_CALL_EVENT", "--count", "\(events)", "--timeout", "200"] + proxy.hosts)
        try simulator.waitForLog(containing: "opened")
        _ = try simulator.ask("flood \(events)", expecting: "flooding")
        #expect(watch.finish(timeout: 200) == 0, "\(watch.stderr)")
        let ids = try watch.stdout.split(separator: "\n").map { line in
            try #require((try CLIRunner.json(String(line))["fields"] as? [String: Any])?["ConnectionCallID"] as? Int)
        }
        #expect(ids.count == events)
        #expect(ids == Array(ids.first!..<ids.first! + events), "every event once, in order")
        #expect(proxy.process.finish(signal: SIGINT) == 0)
        let printed = try proxy.process.stdout.split(separator: "\n").map { try CLIRunner.json(String($0)) }
        let notPrinted = try #require(Self.notPrinted(proxy.process.stderr), "\(proxy.process.stderr)")
        #expect(printed.count + notPrinted >= events, "printed or counted: \(printed.count) + \(notPrinted)")
        let first = try #require(printed.first)
        #expect(first["direction"] as? String == "server→client")
        #expect(first["side"] as? String == "A")
        #expect((first["connection"] as? [String: Any])?["number"] as? Int == 1)
        #expect(first["packet"] == nil)
        let printedIDs = printed.compactMap { ($0["fields"] as? [String: Any])?["ConnectionCallID"] as? Int }
        #expect(printedIDs == printedIDs.sorted())
    }

    @Test(arguments: ["kill A", "hang A"])
    func theClientFailsOverToSideBThroughTheProxy(fault: String) throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let proxy = try Proxy(simulator)
        defer { proxy.process.finish(signal: SIGKILL) }
        let watch = try CTIProcess(["watch", "--timeout", "60", "--heartbeat", "5"] + proxy.hosts)
        defer { watch.finish(signal: SIGKILL) }
        try watch.waitForStderr("side A: session open")
        _ = try simulator.ask(fault, expecting: fault.hasPrefix("kill") ? "killed" : "hung")
        try watch.waitForStderr("side B: session open")
        #expect(watch.finish(signal: SIGTERM) == 0)
        #expect(proxy.process.finish(signal: SIGTERM) == 0)
        let lines = proxy.process.stdout.split(separator: "\n")
        #expect(lines.contains { $0.contains(" A #1 ") && $0.contains("OPEN_CONF") }, "\(lines)")
        #expect(lines.contains { $0.contains(" B #") && $0.contains("OPEN_CONF") }, "\(lines)")
        #expect(proxy.process.stderr.contains("#1 A: reset") || proxy.process.stderr.contains("#1 A: closed"), "\(proxy.process.stderr)")
    }

    @Test func aRecordingReadsBackWithDecodePcapShowingTheSameMessagesPasswordMasked() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cti-proxy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let capture = directory.appendingPathComponent("x.pcap").path
        let raw = directory.appendingPathComponent("x.raw").path
        for (file, reader) in [(capture, "--pcap"), (raw, "--file")] {
            let simulator = try SimulatorProcess()
            defer { simulator.stop() }
            let proxy = try Proxy(simulator, ["-o", "json", "--record", file])
            let open = try CLIRunner.run(["open", "--password", "hunter2"] + proxy.hosts)
            #expect(open.status == 0, "\(open.stderr)")
            try proxy.process.waitForStderr("#1 A: closed", or: ["#1 A: reset"])
            #expect(proxy.process.finish(signal: SIGINT) == 0, "\(proxy.process.stderr)")
            let printed = proxy.process.stdout.split(separator: "\n").map { try? CLIRunner.json(String($0)) }.compactMap { $0?["type"] as? String }
            let decoded = try CLIRunner.run(["decode", reader, file, "-o", "json", "--hex"])
            #expect(decoded.status == 0, "\(decoded.stderr)")
            let types = decoded.stdoutLines.compactMap { try? CLIRunner.json($0)["type"] as? String }
            #expect(types == printed, "\(reader)")
            #expect(types.first == "OPEN_REQ")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(bytes.range(of: Data("hunter2".utf8)) == nil, "the password is not in the recording")
            #expect(bytes.range(of: Data("*******".utf8)) != nil, "it is masked, same length")
            #expect(!proxy.process.stdout.contains("hunter2"))
        }
    }

    @Test func tlsIsTerminatedWithListenTLSOptionsAndRelayedUntouchedWithout() throws {
        let ca = try ThrowawayCA()
        defer { ca.remove() }
        let server = try ca.issueLoopbackServer()
        let simulator = try SimulatorProcess(["--tls-cert", server.certificate, "--tls-key", server.key])
        defer { simulator.stop() }
        // Terminated: the proxy presents its certificate and speaks TLS to the simulator.
        let terminating = try Proxy(simulator, ["--listen-tls-cert", server.certificate, "--listen-tls-key", server.key, "--tls-ca", ca.certificate])
        let open = try CLIRunner.run(["open", "--tls-ca", ca.certificate] + terminating.hosts)
        #expect(open.status == 0, "\(open.stderr)")
        try terminating.process.waitForStderr("#1 A: closed", or: ["#1 A: reset"])
        #expect(terminating.process.finish(signal: SIGINT) == 0)
        #expect(terminating.process.stdout.contains("OPEN_CONF"), "\(terminating.process.stdout)")
        // Untouched: the client's TLS goes through to the simulator; noted, not decoded.
        let relaying = try Proxy(simulator)
        let through = try CLIRunner.run(["open", "--tls-ca", ca.certificate] + relaying.hosts)
        #expect(through.status == 0, "\(through.stderr)")
        try relaying.process.waitForStderr("TLS: relayed without decoding (give --listen-tls-cert/--listen-tls-key to see it)")
        #expect(relaying.process.finish(signal: SIGINT) == 0)
        #expect(relaying.process.stdout.isEmpty)
    }

    @Test func badFlagsExit64AndAPortTakenExits2() throws {
        for arguments in [["--to", "127.0.0.1:1"], ["--listen", "0"], ["--listen", "x", "--to", "127.0.0.1:1"],
                          ["--listen", "0", "--to", "127.0.0.1:1", "--listen-b", "0"],
                          ["--listen", "0", "--to", "127.0.0.1:1", "--listen-tls-cert", "c.pem"],
                          ["--listen", "0", "--to", "127.0.0.1:1", "--count", "0"],
                          ["--listen", "0", "--to", "127.0.0.1:1", "--record", "x.pcapng"],
                          ["--listen", "0", "--to", "127.0.0.1:1", "--listen-tls-cert", "/nonexistent.pem", "--listen-tls-key", "/nonexistent.pem"]] {
            let result = try CLIRunner.run(["proxy"] + arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
        }
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let taken = try CLIRunner.run(["proxy", "--listen", "127.0.0.1:\(simulator.portA)", "--to", "127.0.0.1:1"])
        #expect(taken.status == 2, "\(taken.stderr)")
        #expect(taken.stderr.contains("cannot listen on 127.0.0.1:\(simulator.portA)"), "\(taken.stderr)")
    }
}
