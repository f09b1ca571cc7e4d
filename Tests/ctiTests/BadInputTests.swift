import Foundation
import Testing

/// Bad input from people, for every subcommand and its verbs: a wrong type, an unknown name, a
/// number out of range, a string longer than the field's maximum in the spec, and bytes that are
/// not UTF-8. Each gives a message naming the problem on stderr and the documented exit status,
/// never a trap, both one-shot (`cti WORDS`) and as a console line (`cti -c LINE`, whose status
/// is the script's). Each run of `cti` is bounded by ``CLIRunner`` (30 s); the suite's limit
/// only guards against a hang of the tests themselves. It is generous because every case counts
/// the time it queues behind ``Runs/limit`` (165 cases; a usage error in the debug build spends
/// about 1.5 s of CPU in swift-argument-parser, so the suite needs over a minute of both cores).
@Suite(.timeLimit(.minutes(8)))
struct BadInputTests {
    /// One bad command: its words, the exit status and a fragment of the message.
    struct Case: Sendable, CustomTestStringConvertible {
        var words: [String]
        var status: Int32
        var message: String
        /// As a console line it runs on an open session (the error comes from running it).
        var needsSession = false
        /// The forms it applies to.
        var forms: Set<Form> = [.oneShot, .line]

        var testDescription: String { words.joined(separator: " ") }

        /// The words as one console line, each single-quoted.
        var line: String { words.map { "'" + $0 + "'" }.joined(separator: " ") }
    }

    enum Form: Sendable { case oneShot, line }

    /// A string of `count` digits.
    static func digits(_ count: Int) -> String { String(repeating: "7", count: count) }

    static let cases: [Case] = [
        // cti itself
        Case(words: ["frobnicate"], status: 64, message: "Unexpected argument 'frobnicate'"),
        // open (the connection options every session command shares)
        Case(words: ["open", "--peripheral", "five"], status: 64, message: "'five' is invalid for '--peripheral"),
        Case(words: ["open", "--services", "CLIENT_EVENTZ"], status: 64, message: "'CLIENT_EVENTZ' is not a name in this mask"),
        Case(words: ["open", "--call-mask", "NOT_A_BIT"], status: 64, message: "'NOT_A_BIT' is not a name in this mask"),
        Case(words: ["open", "--agent-mask", "0x80000000"], status: 64, message: "the spec does not define"),
        Case(words: ["open", "--peripheral", "4294967296"], status: 64, message: "'4294967296' is invalid for '--peripheral"),
        Case(words: ["open", "--peripheral", "-1"], status: 64, message: "--peripheral"),
        Case(words: ["open", "--protocol", "26"], status: 64, message: "unsupported protocol version '26': cti speaks protocol 20-25 (UCCE 11.5-15.0) or auto"),
        Case(words: ["open", "--protocol", "19"], status: 64, message: "unsupported protocol version '19'"),
        Case(words: ["open", "--protocol", "21", "--call-mask", "NETWORK_RECORDING_STARTED"], status: 64,
             message: "'NETWORK_RECORDING_STARTED' sets bit 0x10000000, which arrived in protocol 23"),
        Case(words: ["open", "--host", "127.0.0.1:70000"], status: 64, message: "host '127.0.0.1:70000' (from flag) is not host[:port]"),
        Case(words: ["open", "--heartbeat", "4"], status: 64, message: "--heartbeat takes seconds from 5 to 1073741823, or off (got '4')"),
        Case(words: ["open", "--heartbeat", "9223372036854775807"], status: 64, message: "--heartbeat takes seconds from 5 to 1073741823"),
        Case(words: ["open", "--connect-timeout", "inf"], status: 64, message: "--connect-timeout inf: expected seconds greater than 0"),
        Case(words: ["open", "--agent-id", digits(13), "--services", "CLIENT_EVENTS"], status: 64,
             message: "agent-id (from flag): 13 bytes is too long: AgentID takes at most 11 (12 with the terminating NUL)"),
        Case(words: ["open", "--client-id", digits(64)], status: 64, message: "ClientID takes at most 63"),
        Case(words: ["open", "--agent-ext", digits(16), "--services", "CLIENT_EVENTS"], status: 64, message: "AgentExtension takes at most 15"),
        Case(words: ["open", "--password", "a", "--password-prompt"], status: 64, message: "give the password one way"),
        // close, status, quit
        Case(words: ["close", "now"], status: 64, message: "Unexpected argument 'now'"),
        Case(words: ["status", "--verbose"], status: 64, message: "Unknown option '--verbose'"),
        Case(words: ["quit", "now"], status: 64, message: "Unexpected argument 'now'"),
        // watch
        Case(words: ["watch", "--count", "ten"], status: 64, message: "'ten' is invalid for '--count"),
        Case(words: ["watch", "--count", "0"], status: 64, message: "--count must be at least 1"),
        Case(words: ["watch", "--filter", "BEGIN_CALL_EVENT,NOT_AN_EVENT"], status: 64, message: "unknown message type 'NOT_AN_EVENT'"),
        Case(words: ["watch", "--timeout", "1e300"], status: 64, message: "--timeout 1e+300: expected seconds greater than 0"),
        Case(words: ["watch", "-o", "xml"], status: 64, message: "'xml' is invalid for '-o <output>'"),
        // In a console line, watch only changes what is shown: the session's options stand.
        Case(words: ["watch", "--instrument", digits(65), "--services", "CLIENT_EVENTS"], status: 64, message: "AgentInstrument takes at most 63",
             forms: [.oneShot]),
        // call
        Case(words: ["call", "frob"], status: 64, message: "Unexpected argument 'frob'"),
        Case(words: ["call", "answer", "first", "--instrument", "2001"], status: 64, message: "'first' is invalid for '<call-id>'"),
        Case(words: ["call", "hold", "4294967296", "--instrument", "2001"], status: 64, message: "'4294967296' is invalid for '<call-id>'"),
        Case(words: ["call", "alternate", "1", "-1", "--instrument", "2001"], status: 64, message: "Missing expected argument '<other>'"),
        Case(words: ["call", "consult", "1", "5551234", "--type", "merge", "--instrument", "2001"], status: 64, message: "'merge' is invalid for '--type"),
        Case(words: ["call", "make", "5551234", "--var", "11=x", "--instrument", "2001"], status: 64, message: "--var '11=x': expected N=value with N from 1 to 10"),
        Case(words: ["call", "make", "5551234", "--follow", "-5", "--instrument", "2001"], status: 64, message: "--follow"),
        Case(words: ["call", "dtmf", "1", "12a", "--instrument", "2001"], status: 64, message: "DTMF digits are 0-9, * and # (got '12a')"),
        Case(words: ["call", "make", digits(40), "--instrument", "2001"], status: 64,
             message: "cannot encode the request: DialedNumber: 41 bytes is longer than the maximum of 40", needsSession: true),
        Case(words: ["call", "dtmf", "1", digits(32), "--instrument", "2001"], status: 64, message: "DTMFString: 33 bytes is longer than the maximum of 32",
             needsSession: true),
        Case(words: ["call", "data", "1", "--var", "1=" + digits(41), "--instrument", "2001"], status: 64, message: "CallVariable1: 42 bytes", needsSession: true),
        // agent
        Case(words: ["agent", "lunch"], status: 64, message: "Unexpected argument 'lunch'"),
        Case(words: ["agent", "not-ready", "--reason", "tired", "--instrument", "2001"], status: 64, message: "'tired' is invalid for '--reason"),
        Case(words: ["agent", "not-ready", "--reason", "70000", "--instrument", "2001"], status: 64, message: "EventReasonCode: 70000 does not fit in USHORT", needsSession: true),
        Case(words: ["agent", "login", "--nailed", "--instrument", "2001"], status: 64, message: "needs both --nailed (or --call-by-call) and --remote-number"),
        Case(words: ["agent", "ready", "--agent-id", digits(13), "--instrument", "2001"], status: 64, message: "AgentID", needsSession: true),
        Case(words: ["agent", "ready", "--instrument", "2001;" + digits(60)], status: 64, message: "AgentInstrument takes at most 63", forms: [.oneShot]),
        // query
        Case(words: ["query", "queue"], status: 64, message: "Unexpected argument 'queue'"),
        Case(words: ["query", "call", "x1", "--device", "2001"], status: 64, message: "'x1' is invalid for '<call-id>'"),
        Case(words: ["query", "device", "--instrument", digits(65)], status: 64, message: "AgentInstrument", needsSession: true),
        Case(words: ["query", "agent", "--agent-id", "-", "--peripheral", "70000x"], status: 64, message: "'70000x' is invalid for '--peripheral"),
        // persistent
        Case(words: ["persistent", "keep"], status: 64, message: "Unexpected argument 'keep'"),
        Case(words: ["persistent", "drop", "4294967296"], status: 64, message: "'4294967296' is invalid for '<call-id>'"),
        Case(words: ["persistent", "make", "--device", "5001", "--calling-id", "4000", "--wait", "answered"], status: 64,
             message: "'answered' is invalid for '--wait"),
        Case(words: ["persistent", "make", "--device", "5001", "--calling-id", "4000", "--timeout", "0"], status: 64,
             message: "--timeout 0.0: expected seconds greater than 0"),
        Case(words: ["persistent", "make", "--device", "5001", "--calling-id", digits(65)], status: 64, message: "CallingDeviceID: 66 bytes is longer than the maximum of 64",
             needsSession: true),
        // send
        Case(words: ["send", "NOT_A_REQ"], status: 64, message: "unknown message 'NOT_A_REQ'"),
        Case(words: ["send", "QUERY_DEVICE_INFO_REQ", "Colour=red"], status: 64, message: "QUERY_DEVICE_INFO_REQ has no field 'Colour'"),
        Case(words: ["send", "QUERY_DEVICE_INFO_REQ", "PeripheralID=lots"], status: 64, message: "PeripheralID: 'lots' is not a UINT number"),
        Case(words: ["send", "QUERY_DEVICE_INFO_REQ", "Reserved=70000"], status: 64, message: "Reserved: '70000' does not fit in USHORT"),
        Case(words: ["send", "QUERY_DEVICE_INFO_REQ", "AgentInstrument=" + digits(64), "--instrument", "2001"], status: 64,
             message: "AgentInstrument: 65 bytes is longer than the maximum of 64", needsSession: true),
        // sim
        Case(words: ["sim", "explode"], status: 64, message: "no embedded simulator", forms: [.oneShot]),
        Case(words: ["sim", "explode"], status: 64, message: "sim: unknown command 'explode'", needsSession: true, forms: [.line]),
        Case(words: ["sim", "flood", "many"], status: 64, message: "many", needsSession: true, forms: [.line]),
        // describe
        Case(words: ["describe", "colours"], status: 64, message: "'colours' is invalid for '<topic>'"),
        Case(words: ["describe", "messages", "NOT_A_MESSAGE"], status: 64, message: "unknown message 'NOT_A_MESSAGE'"),
        // config
        Case(words: ["config", "edit"], status: 64, message: "Unexpected argument 'edit'"),
        Case(words: ["config", "show", "--services", "EVERYTHING"], status: 64, message: "'EVERYTHING' is not a name in this mask"),
        Case(words: ["config", "show", "--heartbeat", "soon"], status: 64, message: "got 'soon'"),
        // decode
        Case(words: ["decode", "zz"], status: 65, message: "argument 1"),
        Case(words: ["decode", "--numbering", "pv23", "00"], status: 64, message: "'pv23' is invalid for '--numbering"),
        Case(words: ["decode", "--protocol", "4294967296", "00"], status: 64, message: "--protocol"),
        Case(words: ["decode", "--pcap", "/nonexistent/capture.pcap"], status: 65,
             message: "cti: decode: /nonexistent/capture.pcap: cannot open: No such file or directory"),
        Case(words: ["decode", "--pcap", "/dev/null"], status: 65, message: "/dev/null: not a capture file"),
        Case(words: ["decode", "--port", "5000", "00"], status: 64, message: "--port applies to --pcap only"),
        Case(words: ["decode", "--pcap", "-", "--port", "70000"], status: 64, message: "'70000' is invalid for '--port"),
        // encode
        Case(words: ["encode", "NOT_A_MESSAGE"], status: 64, message: "unknown message 'NOT_A_MESSAGE'"),
        Case(words: ["encode", "HEARTBEAT_REQ", "InvokeID=one"], status: 64, message: "InvokeID: 'one' is not a UINT number"),
        Case(words: ["encode", "HEARTBEAT_REQ", "InvokeID=4294967296"], status: 64, message: "InvokeID: '4294967296' does not fit in UINT (0 to 4294967295)"),
        Case(words: ["encode", "HEARTBEAT_REQ", "InvokeID=-1"], status: 64, message: "InvokeID: '-1' does not fit in UINT"),
        Case(words: ["encode", "SET_AGENT_STATE_REQ", "AgentState=LUNCH"], status: 64, message: "AgentState: 'LUNCH' is not a USHORT number or a name from"),
        Case(words: ["encode", "HEARTBEAT_REQ", "Colour=red"], status: 64, message: "HEARTBEAT_REQ has no field 'Colour'"),
        Case(words: ["encode", "OPEN_REQ", "ServicesRequested=EVERYTHING"], status: 64, message: "'EVERYTHING' is not a name in this mask"),
        Case(words: ["encode", "OPEN_REQ", "ClientID=" + digits(65), "ClientPassword="], status: 64, message: "ClientID: 66 bytes is longer than the maximum of 64"),
        // simulate
        Case(words: ["simulate", "--port-a", "70000"], status: 64, message: "--port-a 70000 is not a port (0-65535)"),
        Case(words: ["simulate", "--agents", "many"], status: 64, message: "'many' is invalid for '--agents"),
        Case(words: ["simulate", "--agents", "3000"], status: 64, message: "--agents 3000: expected 0-2999"),
        Case(words: ["simulate", "--rate", "-1"], status: 64, message: "--rate"),
        Case(words: ["simulate", "--peripheral", "4294967296"], status: 64, message: "'4294967296' is invalid for '--peripheral"),
        Case(words: ["simulate", "--mood", "calm"], status: 64, message: "Unknown option '--mood'"),
        // load
        Case(words: ["load", "--agents", "0"], status: 64, message: "--agents 0: expected 1-100000"),
        Case(words: ["load", "--agents", "2", "--talk", "forever"], status: 64, message: "--talk 'forever'"),
        Case(words: ["load", "--agents", "2", "--fail-side", "A:melt"], status: 64, message: "the failure is kill or hang, not 'melt'"),
        Case(words: ["load", "--agents", "2", "--not-ready", "2"], status: 64, message: "--not-ready 2.0: expected a chance from 0 to 1"),
    ]

    /// Environment with no config file and no server: session commands use the embedded simulator.
    static let isolated = SessionCommandTests.isolated.merging(["CTI_HISTFILE": "/dev/null"]) { $1 }

    /// Runs `cti` off the test threads, at most ``Runs/limit`` at a time: the processes mostly
    /// wait (for the embedded simulator, for the session to close), so more than one per core fit.
    static func run(_ arguments: [String]) async throws -> CLIRunner.Result {
        await Runs.shared.acquire()
        defer { Task { await Runs.shared.release() } }
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try CLIRunner.run(arguments, environment: Self.isolated) })
            }
        }
    }

    @Test(arguments: cases.filter { $0.forms.contains(.oneShot) })
    func oneShot(_ bad: Case) async throws {
        let result = try await Self.run(bad.words)
        #expect(result.status == bad.status, "\(bad.words): \(result.stderr)")
        #expect(result.stderr.contains(bad.message), "\(bad.words): \(result.stderr)")
        #expect(!result.stderr.contains("couldn’t be completed") && !result.stderr.contains("couldn't be completed"), "\(result.stderr)")
    }

    @Test(arguments: cases.filter { $0.forms.contains(.line) })
    func consoleLine(_ bad: Case) async throws {
        let result = try await Self.run((bad.needsSession ? ["-c", "open -q"] : []) + ["-c", bad.line])
        #expect(result.status == bad.status, "\(bad.line): \(result.stderr)")
        #expect(result.stderr.contains(bad.message), "\(bad.line): \(result.stderr)")
        #expect(result.stderr.contains("-c:\(bad.needsSession ? 2 : 1): "), "the failing line is named: \(result.stderr)")
    }
}

/// Bytes that are not UTF-8 (here 0xFF, and 0xC3 cut short), in an argument, a script line
/// (`-f` file, stdin) and a decode input line: named by position, exit 64 (65 for decode).
extension BadInputTests {
    /// Runs `sh -c SCRIPT` with `$CTI` set: printf makes the raw bytes Swift strings cannot hold.
    static func shell(_ script: String) async throws -> CLIRunner.Result {
        await Runs.shared.acquire()
        defer { Task { await Runs.shared.release() } }
        let environment = isolated.merging(["CTI": CLIRunner.executable.path]) { $1 }
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    try CLIRunner.run(["-c", script], environment: environment, executable: URL(fileURLWithPath: "/bin/sh"))
                })
            }
        }
    }

    @Test(arguments: [
        (#""$CTI" call make "$(printf '\377')" --instrument 2001"#, Int32(64), "argument 3 is not valid UTF-8 (byte 0xFF at offset 0)"),
        (#""$CTI" encode OPEN_REQ "ClientID=ab$(printf '\303')""#, 64, "argument 3 is not valid UTF-8 (byte 0xC3 at offset 11)"),
        (#""$CTI" open --agent-id "$(printf 'a\377')" --services CLIENT_EVENTS"#, 64, "argument 3 is not valid UTF-8 (byte 0xFF at offset 1)"),
        (#""$CTI" -c "send $(printf '\377')""#, 64, "argument 2 is not valid UTF-8 (byte 0xFF at offset 5)"),
        (#"printf 'status\nencode HEARTBEAT_REQ InvokeID=1\377\n' > "$TMPDIR_/s.cti" && "$CTI" -f "$TMPDIR_/s.cti""#, 64,
         "s.cti:2: the line is not valid UTF-8 (byte 0xFF at offset 31)"),
        (#"printf 'status\n\303\n' | "$CTI""#, 64, "stdin:2: the line is not valid UTF-8 (byte 0xC3 at offset 0)"),
        (#"printf 'status\n\303\nstatus\n' | "$CTI" --continue-on-error"#, 64, "stdin:2: the line is not valid UTF-8"),
        (#"printf '00000004000000050000000\377\n' | "$CTI" decode"#, 65, "line 1"),
    ])
    func bytesThatAreNotUTF8(script: String, status: Int32, message: String) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cti-utf8-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await Self.shell("TMPDIR_='\(directory.path)'; " + script)
        #expect(result.status == status, "\(script): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(script): \(result.stderr)")
    }
}

/// A counting semaphore for the processes ``BadInputTests`` runs.
actor Runs {
    static let shared = Runs()
    /// Processes at a time.
    static let limit = 3
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if running < Self.limit {
            running += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the slot to the next waiting run, if any.
    func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
