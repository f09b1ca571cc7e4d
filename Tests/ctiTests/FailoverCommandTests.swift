import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Failures that are fast and honest, seen from the built `cti`: one-shot commands reach side
/// B when A is half-open, every side tried is named with its reason as it happens, watch's
/// exit status without a session, the demoted side letting `watch` go, `reconnect`, `status`.
/// The limit only catches a hang: each test bounds its own waits, but in the full parallel suite
/// on 2 cores a test's blocking waits (process exits, pipes) can sit behind other tests' for
/// minutes (the demotion test once took 196 s, all its expectations met).
@Suite(.timeLimit(.minutes(5)))
struct FailoverCommandTests {
    static func hosts(_ a: Int, _ b: Int) -> [String] { ["--no-config", "--host", "127.0.0.1:\(a)", "--host-b", "127.0.0.1:\(b)"] }

    static func milliseconds(_ duration: Duration) -> Int { FaultInjectionCommandTests.milliseconds(duration) }

    /// Runs `cti arguments` and times it.
    static func timed(_ arguments: [String]) throws -> (CLIRunner.Result, Duration) {
        let started = ContinuousClock.now
        let result = try CLIRunner.run(arguments, timeout: 60)
        return (result, ContinuousClock.now - started)
    }

    @Test func oneShotCommandsReachSideBWhenSideAIsHalfOpen() throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        _ = try simulator.ask("hang A", expecting: "hung")
        let (open, openTook) = try Self.timed(["open"] + Self.hosts(simulator.portA, simulator.portB))
        #expect(open.status == 0, "\(open.stderr)")
        #expect(open.stdout.hasSuffix("on side B\n"), "\(open.stdout)")
        #expect(open.stderr.contains("side A: no OPEN_CONF within 5.0 seconds; trying side B"), "\(open.stderr)")
        #expect(openTook < .seconds(9), "the OPEN_CONF wait of one-shot commands leaves time for B: \(openTook)")
        let (query, queryTook) = try Self.timed(["query", "agent", "--instrument", "2001", "-o", "json", "-q"] + Self.hosts(simulator.portA, simulator.portB))
        #expect(query.status == 0, "\(query.stderr)")
        #expect(try CLIRunner.json(try #require(query.stdoutLines.first))["type"] as? String == "QUERY_AGENT_STATE_CONF")
        print("fault-injection | one-shot with side A half-open (hang A) | open on side B after \(Self.milliseconds(openTook)) ms, "
              + "query agent after \(Self.milliseconds(queryTook)) ms")
    }

    /// Two loopback ports nothing listens on.
    static func closedPorts() -> (Int, Int) {
        let listeners = (0..<2).map { _ in LoopbackListener(backlogFull: false) }
        defer { for listener in listeners { listener.close() } }
        return (listeners[0].port, listeners[1].port)
    }

    @Test func twoClosedPortsFailAtOnceNamingBothSidesAsItHappens() throws {
        let (a, b) = Self.closedPorts()
        let (text, took) = try Self.timed(["open"] + Self.hosts(a, b))
        #expect(text.status == 2)
        #expect(took < .seconds(3), "\(took)")
        #expect(text.stderr.split(separator: "\n").map(String.init) == [
            "cti: side A: connection refused; trying side B",
            "cti: side B: connection refused",
            "cti: no CTI Server reachable: side A 127.0.0.1:\(a): connection refused; side B 127.0.0.1:\(b): connection refused",
        ])
        let (json, _) = try Self.timed(["open", "--lifecycle", "-o", "json", "-q"] + Self.hosts(a, b))
        #expect(json.status == 2)
        let records = try json.stdoutLines.map { try CLIRunner.json($0) }
        #expect(records.map { "\($0["side"] as? String ?? "-") \($0["event"] as? String ?? "?")" }
                == ["A connecting", "A connect-failed", "B connecting", "B connect-failed", "- closed"])
        #expect(records[3]["nextSide"] is NSNull, "nothing is tried after B")
    }

    @Test func aScriptsOpenGivesUpOnceEverySideFailedNamingEach() throws {
        let (a, b) = Self.closedPorts()
        let (result, took) = try Self.timed(["-c", "open " + Self.hosts(a, b).joined(separator: " "), "-c", "status"])
        #expect(result.status == 2)
        #expect(took < .seconds(5), "\(took)")
        #expect(result.stderr.contains("cti: no session opened: side A 127.0.0.1:\(a): connection refused; side B 127.0.0.1:\(b): connection refused"),
                "\(result.stderr)")
        #expect(result.stdout.isEmpty, "the script stopped at the failing open")
    }

    @Test func connectTimeoutIsHonouredAgainstAListenerThatNeverAccepts() throws {
        let listener = LoopbackListener(backlogFull: true)
        defer { listener.close() }
        let (result, took) = try Self.timed(["open", "--connect-timeout", "1", "--lifecycle", "-o", "json", "-q"] + Self.hosts(listener.port, listener.port))
        #expect(result.status == 2, "\(result.stderr)")
        #expect(took >= .milliseconds(1800) && took < .seconds(6), "two connects of 1 s each (and the process's start): \(took)")
        let records = try result.stdoutLines.map { try CLIRunner.json($0) }
        let failures = records.filter { $0["event"] as? String == "connect-failed" }
        #expect(failures.map { $0["side"] as? String } == ["A", "B"])
        #expect(failures.allSatisfy { ($0["reason"] as? String)?.lowercased().contains("connect timeout") == true }, "\(failures)")
        // Each record is made when it happens: connecting A, A's failure 1 s later, then B the same.
        let times = try records.map { try #require(recordDate($0["ts"] as? String ?? "")) }
        #expect(records.count == 5)
        let waits = [times[1].timeIntervalSince(times[0]), times[3].timeIntervalSince(times[2])]
        #expect(waits.allSatisfy { $0 >= 0.95 && $0 < 1.6 }, "each connect waits --connect-timeout: \(waits) s")
        #expect(result.stderr.contains("side A 127.0.0.1:\(listener.port): Connect timeout"), "\(result.stderr)")
        #expect(result.stderr.contains("side B 127.0.0.1:\(listener.port): Connect timeout"), "\(result.stderr)")
    }

    @Test func watchWithoutASessionBeforeItsTimeoutExitsTwo() throws {
        let (a, _) = Self.closedPorts()
        let result = try CLIRunner.run(["watch", "--no-config", "--host", "127.0.0.1:\(a)", "--timeout", "2"])
        #expect(result.status == 2)
        #expect(result.stderr.hasSuffix("cti: no session opened before --timeout\n"), "\(result.stderr)")
    }

    @Test func aDemotedSideLetsWatchGoToTheActiveSideWithinTwoSeconds() async throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let watch = try FaultInjectionCommandTests.Watch(simulator, ["-o", "json", "--filter", "END_CALL_EVENT"])
        // Drain stdout as it comes (a blocked pipe would hold the flood back), counting B's events.
        let received = LockedData()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let handle = watch.output.fileHandleForReading
            while case let chunk = handle.availableData, !chunk.isEmpty { received.append(chunk) }
            drained.signal()
        }
        try simulator.waitForLog(containing: "opened")
        // Runs through the switch however slow the machine is (a starved test thread may wake from
        // its sleeps tens of seconds late: a 50 s flood was once over before watch reached side B);
        // watch is stopped once it has B's events, the simulator with the test.
        _ = try simulator.ask("flood 100000000 2000", expecting: "flooding")
        try await Task.sleep(for: .seconds(1))
        _ = try simulator.ask("hang A", expecting: "hung")
        try await Task.sleep(for: .milliseconds(1500))
        let unhung = ContinuousClock.now
        _ = try simulator.ask("unhang A", expecting: "reading and answering again")
        var onB: ContinuousClock.Instant?
        while onB == nil, ContinuousClock.now - unhung < .seconds(5) {
            onB = watch.stderrLines.first { $0.1.contains("side B: session open") }?.0
            try await Task.sleep(for: .milliseconds(20))
        }
        let recovery = try #require(onB, "watch never opened on side B: \(watch.stderrLines.map(\.1))") - unhung
        // At least 2 s of B's events (longer on a loaded machine: until 200 of them came).
        try await Task.sleep(for: .seconds(2))
        let waitingForB = ContinuousClock.now
        while received.count(of: Data(#""side":"B""#.utf8)) < 200, ContinuousClock.now - waitingForB < .seconds(20) {
            try await Task.sleep(for: .milliseconds(100))
        }
        let (status, _) = watch.stop(with: SIGTERM)
        #expect(status == 0)
        drained.wait()
        let output = received.data
        let events = try String(decoding: output, as: UTF8.self).split(separator: "\n").map { try CLIRunner.json(String($0)) }
        let ids = events.compactMap { ($0["fields"] as? [String: Any])?["ConnectionCallID"] as? Int }
        let firstOnB = try #require(events.firstIndex { $0["side"] as? String == "B" },
                                    "no event from side B; watch: \(watch.stderrLines.map(\.1))\nsimulator: \(simulator.logText)")
        let afterSwitch = Array(ids[firstOnB...])
        #expect(Set(ids).count == ids.count, "no event twice")
        #expect(ids == ids.sorted(), "in order")
        #expect(afterSwitch.count >= 100 && afterSwitch == Array(afterSwitch.first!...afterSwitch.last!),
                "every event B published after the switch, once: \(afterSwitch.count) from \(afterSwitch.first!)")
        #expect(events[firstOnB...].allSatisfy { $0["side"] as? String == "B" })
        #expect(recovery < .seconds(2), "on the active side \(Self.milliseconds(recovery)) ms after unhang A")
        #expect(watch.stderrLines.contains { $0.1.contains("side A: FAILURE_EVENT E_CTI_CTI_SERVER_OFFLINE; trying side B") })
        print("fault-injection | demotion (hang A, unhang A) | watch open on side B \(Self.milliseconds(recovery)) ms after unhang A | "
              + "\(afterSwitch.count) events after the switch, each once, none missing")
    }

    @Test func reconnectAndStatusInAScript() throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        _ = try simulator.ask("kill A", expecting: "killed")
        // Not `-q`: in a script that would quiet the session's lifecycle notes, checked below.
        let open = "open " + Self.hosts(simulator.portA, simulator.portB).joined(separator: " ")
        let result = try CLIRunner.run(["-c", open, "-c", "status", "-c", "reconnect", "-c", "status", "-c", "reconnect b --timeout 5"])
        #expect(result.status == 0, "\(result.stderr)")
        let statuses = result.stdout.components(separatedBy: "session   ").dropFirst().map { "session   " + $0 }
        #expect(statuses.count == 2, "\(result.stdout)")
        let before = statuses[0].split(separator: "\n").map(String.init)
        #expect(before.first == "session   open on side B (127.0.0.1:\(simulator.portB))")
        #expect(before.contains("side A    127.0.0.1:\(simulator.portA): idle"))
        #expect(before.contains("side B    127.0.0.1:\(simulator.portB): open"))
        #expect(before.contains("heartbeat every 15 s, last round trip none yet"))
        #expect(before.contains { $0.hasPrefix("uptime    0 s") })
        #expect(before.contains("peripheral online"))
        #expect(before.contains("failover  none"))
        #expect(before.contains { $0.hasPrefix("events    ") && $0.hasSuffix(" received, 1 session(s) opened") }, "\(before)")
        // `reconnect`: to the other side (A is down: refused), then back to B at once.
        let after = statuses[1].split(separator: "\n").map(String.init)
        #expect(after.first == "session   open on side B (127.0.0.1:\(simulator.portB))")
        #expect(after.contains { $0.hasSuffix(" received, 2 session(s) opened") }, "\(after)")
        #expect(result.stderr.contains("side A: connection refused; trying side B"), "\(result.stderr)")

        let oneShot = try CLIRunner.run(["reconnect"])
        #expect(oneShot.status == 64)
        #expect(oneShot.stderr.contains("only in the REPL or a script"))
        let noSession = try CLIRunner.run(["-c", "reconnect"])
        #expect(noSession.status == 2)
        #expect(noSession.stderr.contains("no session is open"))
    }
}

/// A TCP listener on 127.0.0.1 that never accepts. `backlogFull`: its queue is filled, so a
/// connect to it waits until its timeout; otherwise it is only used to find a free port (close
/// it, and nothing listens there).
final class LoopbackListener: @unchecked Sendable {
    let port: Int
    private var descriptors: [Int32] = []

    init(backlogFull: Bool) {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                _ = bind(listener, raw, length)
                _ = listen(listener, 0)
                _ = getsockname(listener, raw, &length)
            }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        descriptors = [listener]
        guard backlogFull else { return }
        // Linux queues backlog + 1 connections; these few fill the queue for good.
        for _ in 0..<3 {
            let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = connect(filler, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            descriptors.append(filler)
        }
        usleep(100_000)
    }

    func close() {
        for descriptor in descriptors { Glibc.close(descriptor) }
        descriptors = []
    }
}

/// The JSON records' `ts` (`2026-01-02T03:04:05.678Z`) as a date.
func recordDate(_ text: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.date(from: text)
}

/// Bytes appended by one thread and read by another.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes = Data()

    func append(_ chunk: Data) { lock.withLock { bytes.append(chunk) } }

    var data: Data { lock.withLock { bytes } }

    /// How many times `needle` occurs so far.
    func count(of needle: Data) -> Int {
        lock.withLock {
            var count = 0
            var start = bytes.startIndex
            while let range = bytes.range(of: needle, in: start..<bytes.endIndex) {
                count += 1
                start = range.upperBound
            }
            return count
        }
    }
}
