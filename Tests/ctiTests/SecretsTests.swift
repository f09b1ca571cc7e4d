import Foundation
import Testing
@testable import CTIConsole

/// The ClientPassword never shows: not on stdout or stderr (text, JSON, `--hex`) whichever way
/// it is given, not in `decode` output, REPL history, `config show` or error messages, and not in
/// the process's argv (`/proc/PID/cmdline`) once cti has started. A simulator that requires the
/// password proves it still reaches the server.
@Suite(.timeLimit(.minutes(3)))
struct SecretsTests {
    static let password = "S3cr3t-Pw-9f2c"
    static let passwordHex = password.utf8.map { String(format: "%02x", $0) }.joined()

    /// How the password could show: as text, or as hex (contiguous or dumped with spaces; a
    /// prefix, as a dump may wrap it), in either case.
    static let traces: [String] = {
        let pairs = password.utf8.prefix(6).map { String(format: "%02x", $0) }
        return [password, String(password.prefix(6)), pairs.joined(), pairs.joined(separator: " ")].flatMap { [$0, $0.uppercased()] }
    }()

    static func expectNoTrace(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for trace in traces where text.contains(trace) {
            Issue.record("\(what) shows the password as '\(trace)':\n\(text)", sourceLocation: sourceLocation)
        }
    }

    /// A temporary file holding `text`, removed by the caller.
    static func temporaryFile(_ text: String, suffix: String = "") throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cti-secret-\(UUID().uuidString)\(suffix)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let isolated = SessionCommandTests.isolated.merging(["CTI_HISTFILE": "/dev/null", "CTI_PASSWORD": ""]) { $1 }

    /// Each way to give the password to a session command.
    enum Source: String, CaseIterable, Sendable {
        case flag, flagWithEquals, file, environment, profile
    }

    @Test(arguments: Source.allCases)
    func sessionOutputNeverShowsThePassword(_ source: Source) throws {
        let passwordFile = try Self.temporaryFile(Self.password + "\n")
        let config = try Self.temporaryFile("[profiles.lab]\npassword-file = \"\(passwordFile)\"\n", suffix: ".toml")
        defer { for path in [passwordFile, config] { try? FileManager.default.removeItem(atPath: path) } }
        let simulator = try SimulatorProcess(["--password-file", passwordFile, "--rate", "5"])
        defer { simulator.stop() }
        var environment = Self.isolated
        let given: [String]
        switch source {
        case .flag: given = ["--password", Self.password]
        case .flagWithEquals: given = ["--password=" + Self.password]
        case .file: given = ["--password-file", passwordFile]
        case .environment: given = []; environment["CTI_PASSWORD"] = Self.password
        case .profile: given = ["--config", config, "--profile", "lab"]
        }
        let server = ["--host", "127.0.0.1:\(simulator.portA)", "--host-b", "127.0.0.1:\(simulator.portB)"]
        for command in [["open"], ["open", "-o", "json", "--lifecycle", "-v", "--hex"],
                        ["watch", "-o", "json", "--count", "3", "--lifecycle", "-v", "--hex"],
                        ["watch", "--count", "3", "--lifecycle", "-v", "--hex"]] {
            let result = try CLIRunner.run(command + server + given, environment: environment)
            #expect(result.status == 0, "\(command) \(source): \(result.stderr)")
            Self.expectNoTrace(result.stdout, "stdout of \(command) (\(source))")
            Self.expectNoTrace(result.stderr, "stderr of \(command) (\(source))")
            #expect(result.stderr.contains("password on the command line") == (source == .flag || source == .flagWithEquals), "\(result.stderr)")
        }
        Self.expectNoTrace(simulator.logText, "the simulator's log")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/python3")))
    func thePromptDoesNotEchoThePassword() throws {
        let passwordFile = try Self.temporaryFile(Self.password)
        defer { try? FileManager.default.removeItem(atPath: passwordFile) }
        let simulator = try SimulatorProcess(["--password-file", passwordFile])
        defer { simulator.stop() }
        let run = try PTY.run([CLIRunner.executable.path, "open", "--password-prompt", "--host", "127.0.0.1:\(simulator.portA)",
                               "--host-b", "127.0.0.1:\(simulator.portB)"],
                              environment: Self.isolated, steps: [("CTI password: ", Self.password + "\n")])
        #expect(run.stepsSeen == 1, "\(run.transcript)")
        #expect(run.status == 0, "\(run.transcript)")
        #expect(run.transcript.contains("session open"), "\(run.transcript)")
        Self.expectNoTrace(run.transcript, "the terminal")
    }

    @Test func aRefusedPasswordIsNotShownInTheRefusal() throws {
        let passwordFile = try Self.temporaryFile("another-one")
        defer { try? FileManager.default.removeItem(atPath: passwordFile) }
        let simulator = try SimulatorProcess(["--password-file", passwordFile])
        defer { simulator.stop() }
        let result = try CLIRunner.run(["open", "--host", "127.0.0.1:\(simulator.portA)", "--host-b", "127.0.0.1:\(simulator.portB)",
                                        "--password", Self.password], environment: Self.isolated)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("PASSWORD"), "the refusal says why: \(result.stderr)")
        Self.expectNoTrace(result.stdout + result.stderr, "a refused OPEN")
        Self.expectNoTrace(simulator.logText, "the simulator's log")
    }

    @Test func theArgumentsOfTheRunningProcessNoLongerHoldThePassword() throws {
        for given in [["--password", Self.password], ["--password=" + Self.password]] {
            // A simulator each: its log says when this watch has opened.
            let simulator = try SimulatorProcess()
            defer { simulator.stop() }
            let watch = Process()
            watch.executableURL = CLIRunner.executable
            watch.arguments = ["watch", "--no-config", "--host", "127.0.0.1:\(simulator.portA)", "--host-b", "127.0.0.1:\(simulator.portB)"] + given
            watch.environment = ProcessInfo.processInfo.environment.merging(Self.isolated) { $1 }
            let errors = Pipe()
            watch.standardOutput = FileHandle.nullDevice
            watch.standardError = errors
            try watch.run()
            try simulator.waitForLog(containing: "opened")
            let cmdline = try Data(contentsOf: URL(fileURLWithPath: "/proc/\(watch.processIdentifier)/cmdline"))
            kill(watch.processIdentifier, SIGTERM)
            watch.waitUntilExit()
            let arguments = String(decoding: cmdline.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
            #expect(arguments.contains("--password"), "the arguments are the watch's: \(arguments)")
            #expect(arguments.contains("xxxxxxxxxxxxxx"), "the value is blanked: \(arguments)")
            Self.expectNoTrace(arguments, "/proc/PID/cmdline")
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(stderr.contains("cti: warning: a password on the command line can be seen by other users"), "\(stderr)")
            #expect(stderr.contains("--password-prompt"), "\(stderr)")
        }
    }

    @Test func decodeOfAnOpenRequestShowsOnlyItsLength() throws {
        let encode = try CLIRunner.run(["encode", "OPEN_REQ", "InvokeID=1", "VersionNumber=25", "IdleTimeout=60", "PeripheralID=NONE",
                                        "ServicesRequested=ALL_EVENTS", "ClientID=me", "ClientPassword=" + Self.passwordHex])
        #expect(encode.status == 0, "\(encode.stderr)")
        let frame = try #require(encode.stdoutLines.first)
        #expect(frame.contains(Self.passwordHex), "the frame carries the password, so the checks below can fail")
        for options in [[], ["-o", "json"], ["--show-hex"], ["-o", "json", "--show-hex"]] {
            for fromStdin in [false, true] {
                let result = try CLIRunner.run(["decode"] + options + (fromStdin ? [] : [frame]), stdin: fromStdin ? Data((frame + "\n").utf8) : nil)
                #expect(result.status == 0, "\(options): \(result.stderr)")
                #expect(result.stdout.contains("*** (14 bytes)"), "\(options): \(result.stdout)")
                Self.expectNoTrace(result.stdout + result.stderr, "decode \(options)")
            }
        }
    }

    @Test func aBadPasswordValueIsNotEchoedInTheErrorOrTheFailingLine() throws {
        let assignment = "ClientPassword=" + Self.password  // not hex: refused
        let oneShot = try CLIRunner.run(["encode", "OPEN_REQ", "ClientID=me", assignment])
        #expect(oneShot.status == 64)
        #expect(oneShot.stderr.contains("ClientPassword: '*** (14 bytes)' is not hex"), "\(oneShot.stderr)")
        Self.expectNoTrace(oneShot.stderr, "encode's error")
        let script = try CLIRunner.run(["--echo", "-c", "encode OPEN_REQ ClientID=me \(assignment)"], environment: Self.isolated)
        #expect(script.status == 64)
        #expect(script.stderr.contains("> encode OPEN_REQ ClientID=me ClientPassword=***"), "\(script.stderr)")
        #expect(script.stderr.contains("-c:1: `encode OPEN_REQ ClientID=me ClientPassword=***` failed (exit 64)"), "\(script.stderr)")
        Self.expectNoTrace(script.stderr, "the script's messages")
    }

    @Test func configShowSaysWhereThePasswordComesFromButNotWhatItIs() throws {
        let passwordFile = try Self.temporaryFile(Self.password)
        let config = try Self.temporaryFile("[profiles.lab]\npassword-file = \"\(passwordFile)\"\n", suffix: ".toml")
        defer { for path in [passwordFile, config] { try? FileManager.default.removeItem(atPath: path) } }
        for (arguments, environment, shown) in [
            (["--password", Self.password], [:], "*** (from --password)"),
            ([], ["CTI_PASSWORD": Self.password], "*** (from CTI_PASSWORD)"),
            (["--config", config, "--profile", "lab"], [:], "from file \(passwordFile)"),
        ] as [([String], [String: String], String)] {
            let result = try CLIRunner.run(["config", "show"] + arguments, environment: Self.isolated.merging(environment) { $1 })
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains(shown), "\(result.stdout)")
            Self.expectNoTrace(result.stdout, "config show")
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/python3")))
    func theREPLHistoryKeepsNoLineWithAPassword() throws {
        let history = FileManager.default.temporaryDirectory.appendingPathComponent("cti-history-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: history) }
        let run = try PTY.run([CLIRunner.executable.path], environment: Self.isolated.merging(["CTI_HISTFILE": history]) { $1 }, steps: [
            ("cti> ", "open -q --password \(Self.password)\n"),
            ("cti[A:open]> ", "encode OPEN_REQ ClientID=me ClientPassword=\(Self.passwordHex)\n"),
            ("cti[A:open]> ", "status\n"),
            // Ctrl-D at the prompt that follows the status (typed earlier, a loaded machine may
            // still be printing).
            ("cti[A:open]> ", "\u{4}"),
        ])
        #expect(run.stepsSeen == 4, "\(run.transcript)")
        #expect(run.transcript.contains("session   open"), "\(run.transcript)")
        #expect(run.status == 0, "\(run.transcript)")
        let file = try String(contentsOfFile: history, encoding: .utf8)
        #expect(file.contains("status"), "the history is written: \(file)")
        Self.expectNoTrace(file, "the history file")
    }

    @Test(arguments: [
        (["watch", "--password", "pw", "-q"], ["watch", "--password", "xx", "-q"]),
        (["open", "--password=pw"], ["open", "--password=xx"]),
        (["-c", "open --password 'p w' -q", "-c", "status"], ["-c", "open --password xxxxx -q", "-c", "status"]),
        (["encode", "OPEN_REQ", "clientpassword=70770a", "AgentPassword="], ["encode", "OPEN_REQ", "clientpassword=xxxxxx", "AgentPassword="]),
        (["open", "--password-file", "f", "--password-prompt"], ["open", "--password-file", "f", "--password-prompt"]),
    ])
    func passwordValuesInArgumentsAreFound(arguments: [String], hidden: [String]) {
        let bytes = arguments.map { Array($0.utf8) }
        var blanked = bytes
        for (index, ranges) in PasswordWords.valueRanges(bytes).enumerated() {
            for range in ranges { blanked[index].replaceSubrange(range, with: repeatElement(UInt8(ascii: "x"), count: range.count)) }
        }
        #expect(blanked.map { String(decoding: $0, as: UTF8.self) } == hidden)
    }

    @Test func linesShownBackHaveTheirPasswordsReplaced() {
        #expect(PasswordWords.redacted("open --password s3 -q") == "open --password *** -q")
        #expect(PasswordWords.redacted("open --password='a b' -q") == "open --password=*** -q")
        #expect(PasswordWords.redacted("send X AgentPassword=1 AgentID=7") == "send X AgentPassword=*** AgentID=7")
        #expect(PasswordWords.redacted("open --password-file f") == "open --password-file f")
    }
}

/// A command in a pseudo-terminal, typed into step by step (Fixtures/pty_steps.py).
enum PTY {
    struct Run {
        var status: Int
        var transcript: String
        var stepsSeen: Int
    }

    /// Runs `argv`; for each step waits until the text is printed, then types the keys.
    static func run(_ argv: [String], environment: [String: String], steps: [(waitFor: String, type: String)]) throws -> Run {
        let driver = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/pty_steps.py")
        let spec: [String: Any] = ["argv": argv, "env": environment, "steps": steps.map { [$0.waitFor, $0.type] }]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: spec), as: UTF8.self)
        let result = try CLIRunner.run([driver.path, json], executable: URL(fileURLWithPath: "/usr/bin/python3"), timeout: 50)
        let object = try CLIRunner.json(try #require(result.stdoutLines.last, "\(result.stderr)"))
        return Run(status: object["status"] as? Int ?? -3, transcript: object["transcript"] as? String ?? "", stepsSeen: object["stepsSeen"] as? Int ?? 0)
    }
}
