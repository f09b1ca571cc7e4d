import ArgumentParser
@testable import CTIConsole
import Foundation
import Testing

/// Every `cti ...` example the documentation shows, run as written against a simulator on
/// 127.0.0.1: the README's code blocks, the man page's EXAMPLES and the `--help` texts, read by
/// the test (never copied into it), so a new example is covered the day it is written.
///
/// What the test changes, and only that: host names become the simulator's ports (`--host`,
/// `--host-b`, and `CTI_HOST` / `CTI_HOST_B` for the examples that give none), `--timeout` and
/// `--follow` longer than a few seconds are shortened, and an example that streams until
/// interrupted is stopped with SIGINT after a few seconds (as a person would press Ctrl-C).
/// Pipes go to the tools the machine has (`jq` is installed by the test command).
@Suite(.serialized) struct DocumentedExamplesTests {
    /// One example and where it was found.
    struct Example: CustomStringConvertible, Sendable {
        var command: String
        var source: String
        var description: String { "\(source): \(command)" }
    }

    /// Examples that cannot run here, by a part of their text, with the reason.
    static let notRunnable: [(pattern: String, reason: String)] = [
    ]

    /// Examples that show a refusal: the exit status the text gives them.
    static let refusals: [(pattern: String, status: Int32, reason: String)] = [
        ("cti encode --protocol 23 OPEN_CONF InvokeID=1 SessionType=1", 64, "SessionType arrived in protocol 24 (README, Protocol versions)"),
    ]

    /// The simulator an example runs against, when it needs more than agents at rest (each
    /// example gets a simulator of its own, so none depends on what another left behind).
    static let simulatorArguments: [(pattern: String, arguments: [String], reason: String)] = [
        ("cti wait AGENT_STATE_EVENT", ["--rate", "2"], "the agent state changes come with inbound calls"),
    ]

    /// Whether an example streams until interrupted (`watch` with neither `--count` nor
    /// `--timeout`, `simulate`): it is stopped with SIGINT after ``streamSeconds``.
    static func streams(_ command: String) -> Bool {
        command.contains("cti simulate") || (command.contains("cti watch") && !command.contains("--count") && !command.contains("--timeout"))
    }

    static let streamSeconds = 4

    /// What the text around an example says it does, checked beyond "exit 0, no usage error".
    static let expectations: [(pattern: String, check: @Sendable (Run) -> String?)] = [
        ("cti watch -o json --count 100 > events.jsonl", { run in
            let lines = (try? String(contentsOf: run.directory.appendingPathComponent("events.jsonl"), encoding: .utf8))?
                .split(separator: "\n") ?? []
            return lines.count == 100 ? nil : "events.jsonl has \(lines.count) lines, not exactly 100"
        }),
        ("cti decode --pcap capture.pcap", { $0.stdout.contains(" A 10.1.1.5:50000 → 10.1.1.9:42027 ") ? nil : "printed \($0.stdout)" }),
        ("cti decode 000000040000000500000001", { $0.stdout == "HEARTBEAT_REQ InvokeID=1\n" ? nil : "printed \($0.stdout)" }),
        ("| cti decode -o json", { $0.stdout.hasPrefix("{\"type\":\"OPEN_REQ\"") ? nil : "printed \($0.stdout)" }),
        ("cti open --host", { $0.stdout.contains("session open") ? nil : "no grant shown: \($0.stdout)" }),
        ("cti encode --protocol 23 OPEN_CONF", { run in
            run.stderr.contains("OPEN_CONF.SessionType is not in protocol 23: it arrived in protocol 24") ? nil : "printed \(run.stderr)"
        }),
        ("cti describe messages OPEN_CONF --protocol 23", { $0.stdout.contains("fixed part 30 bytes") ? nil : "printed \($0.stdout)" }),
        ("cti call make 5551234 --instrument 2001 --follow", { $0.stdout.contains("MAKE_CALL_CONF") ? nil : "no confirmation: \($0.stdout)" }),
        ("cti send QUERY_DEVICE_INFO_REQ", { $0.stdout.contains("QUERY_DEVICE_INFO_CONF") ? nil : "no confirmation: \($0.stdout)" }),
        ("cti watch --record session.bin --count 100; cti decode --file session.bin", { run in
            // watch's 100 lines start with the time; decode's with the message name.
            let decoded = run.stdout.split(separator: "\n").filter { $0.first?.isLetter == true }.count
            return decoded == 100 ? nil : "decoded \(decoded) messages, not 100"
        }),
    ]

    /// What one example did.
    struct Run: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
        var directory: URL
    }

    // MARK: - Finding the examples

    static let root = DocsTests.root

    static func all() throws -> [Example] {
        try readme() + manPage() + helpTexts()
    }

    /// `sh` blocks: every line; `console` blocks: the `$ ` lines. Continuation lines joined.
    static func readme() throws -> [Example] {
        let text = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        var examples: [Example] = []
        var block: String?
        var pending = ""
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("```") {
                block = block == nil ? String(line.dropFirst(3)) : nil
                continue
            }
            guard let kind = block, kind == "sh" || kind == "console" else { continue }
            var command = pending + line
            pending = ""
            if command.hasSuffix("\\") {
                pending = String(command.dropLast()) + " "
                continue
            }
            if kind == "console" {
                guard command.hasPrefix("$ ") else { continue }
                command.removeFirst(2)
            }
            if command == "cti" || command.hasPrefix("cti ") {
                examples.append(Example(command: command, source: "README.md:\(number + 1)"))
            }
        }
        return examples
    }

    /// The literal blocks of the man page's EXAMPLES section.
    static func manPage() throws -> [Example] {
        let text = try String(contentsOf: root.appendingPathComponent("man/cti.1"), encoding: .utf8)
        var examples: [Example] = []
        var inExamples = false
        var literal = false
        for line in text.split(separator: "\n") {
            if line.hasPrefix(".Sh ") { inExamples = line == ".Sh EXAMPLES" }
            guard inExamples else { continue }
            if line.hasPrefix(".Bd -literal") { literal = true } else if line == ".Ed" { literal = false } else if literal, line.hasPrefix("cti") {
                examples.append(Example(command: String(line).replacingOccurrences(of: "\\e", with: "\\"), source: "man/cti.1 EXAMPLES"))
            }
        }
        return examples
    }

    /// Lines starting with `cti ` and `` e.g. `cti ...` `` spans in every command's `--help` (a
    /// span without "e.g." names a command, it is no example).
    static func helpTexts() -> [Example] {
        var examples: [Example] = []
        func walk(_ command: any ParsableCommand.Type, path: [String]) {
            let help = CTI.helpMessage(for: command, columns: 10_000)
            let name = (["cti"] + path).joined(separator: " ")
            let spans = help.components(separatedBy: "`")
            for index in stride(from: 1, to: spans.count, by: 2) where spans[index].hasPrefix("cti ") && spans[index - 1].hasSuffix("e.g. ") {
                examples.append(Example(command: spans[index], source: "\(name) --help"))
            }
            var pending = ""
            for line in help.split(separator: "\n") {
                var text = pending + line.trimmingCharacters(in: .whitespaces)
                pending = ""
                if text.hasSuffix("\\") {
                    pending = text.dropLast() + " "
                    continue
                }
                if text.hasPrefix("$ ") { text.removeFirst(2) }
                if text.hasPrefix("cti ") {
                    examples.append(Example(command: text, source: "\(name) --help"))
                }
            }
            for sub in command.configuration.subcommands {
                walk(sub, path: path + [sub.configuration.commandName ?? ""])
            }
        }
        walk(CTI.self, path: [])
        return examples
    }

    // MARK: - Running them

    @Test func everyDocumentedExampleRunsAsTheTextSays() throws {
        let examples = try Self.all()
        #expect(examples.count >= 25, "found only \(examples.count) examples")
        for entry in Self.notRunnable {
            #expect(examples.contains { $0.command.contains(entry.pattern) }, "stale entry in notRunnable: \(entry.pattern)")
        }
        for entry in Self.refusals {
            #expect(examples.contains { $0.command.contains(entry.pattern) }, "stale entry in refusals: \(entry.pattern)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cti-examples-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // The files the examples name.
        try "open\nquery agent --instrument 2001\nclose\n".write(to: directory.appendingPathComponent("scenario.cti"), atomically: true, encoding: .utf8)
        try DecodePcapTests.capture().write(to: directory.appendingPathComponent("capture.pcap").path)
        try DecodePcapTests.capture().write(to: directory.appendingPathComponent("capture.pcapng").path, .pcapng)

        var ran = 0
        var skipped: [String] = []
        for example in examples {
            if let entry = Self.notRunnable.first(where: { example.command.contains($0.pattern) }) {
                skipped.append("\(example) — \(entry.reason)")
                continue
            }
            // No inbound calls unless needed (they would keep the agents the examples name busy);
            // END_CALL_EVENTs at 50 a second for the examples that watch.
            let simulator = try SimulatorProcess(Self.simulatorArguments.first { example.command.contains($0.pattern) }?.arguments ?? [])
            defer { simulator.stop() }
            _ = try simulator.ask("flood 100000 50", expecting: "flooding")
            let run = try Self.run(example.command, simulator: simulator, directory: directory)
            ran += 1
            let refusal = Self.refusals.first { example.command.contains($0.pattern) }
            let statusOK = refusal.map { run.status == $0.status }
                ?? (run.status == 0 || (Self.streams(example.command) && run.status == 124))
            #expect(statusOK, "\(example) exited \(run.status)\nstdout: \(run.stdout.prefix(600))\nstderr: \(run.stderr.prefix(1500))")
            #expect(!run.stderr.contains("Error:") && !run.stderr.contains("Usage:"), "\(example): \(run.stderr.prefix(1500))")
            for expectation in Self.expectations where example.command.contains(expectation.pattern) {
                if let problem = expectation.check(run) { Issue.record("\(example): \(problem)") }
            }
        }
        print("documented-examples | ran \(ran) of \(examples.count); not runnable here: \(skipped.count)")
        for line in skipped { print("documented-examples | not run: \(line)") }
    }

    /// Runs one example in bash, against the simulator, in `directory`.
    static func run(_ command: String, simulator: SimulatorProcess, directory: URL) throws -> Run {
        let rewritten = rewrite(command, simulator: simulator)
        let limit = streams(command) ? streamSeconds : 60
        let binary = CLIRunner.executable.deletingLastPathComponent().path
        let environment = [
            "PATH": "\(binary):/usr/local/bin:/usr/bin:/bin",
            "CTI_HOST": "127.0.0.1:\(simulator.portA)", "CTI_HOST_B": "127.0.0.1:\(simulator.portB)",
            "HOME": directory.path, "XDG_CONFIG_HOME": directory.appendingPathComponent("config").path,
        ]
        let result = try CLIRunner.run(["-s", "INT", "-k", "5", String(limit), "/bin/bash", "-c", "cd \(directory.path) && \(rewritten)"],
                                       environment: environment, executable: URL(fileURLWithPath: "/usr/bin/timeout"), timeout: Double(limit + 30))
        return Run(status: result.status, stdout: result.stdout, stderr: result.stderr, directory: directory)
    }

    /// Host names to the simulator's ports; long waits shortened.
    static func rewrite(_ command: String, simulator: SimulatorProcess) -> String {
        var words = command.components(separatedBy: " ")
        for index in words.indices.dropLast() {
            switch words[index] {
            case "--host": words[index + 1] = "127.0.0.1:\(simulator.portA)"
            case "--host-b": words[index + 1] = "127.0.0.1:\(simulator.portB)"
            case "--timeout", "--follow":
                if let seconds = Double(words[index + 1]), seconds > 3 { words[index + 1] = "3" }
            default: break
            }
        }
        return words.joined(separator: " ")
    }
}
