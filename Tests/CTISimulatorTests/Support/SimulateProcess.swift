import Foundation
import Testing

/// `cti simulate ARGUMENTS` run as the built binary (``SimulateCommandTests/executable``), its
/// stdout and stderr collected as they come and its stdin open for commands.
final class SimulateProcess: @unchecked Sendable {
    // Sendable: the process and pipes are set up once in init; the collectors lock.
    let process = Process()
    let stdout = Collected()
    let stderr = Collected()
    private let output = Pipe()
    private let errors = Pipe()
    private let input = Pipe()

    init(_ arguments: [String]) throws {
        process.executableURL = SimulateCommandTests.executable
        process.arguments = ["simulate"] + arguments
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        output.fileHandleForReading.readabilityHandler = { [stdout] in stdout.append($0.availableData) }
        errors.fileHandleForReading.readabilityHandler = { [stderr] in stderr.append($0.availableData) }
        try process.run()
    }

    /// The two `side X listening on 127.0.0.1:PORT` lines the simulator starts with.
    func listeningLines() async throws -> [String] {
        try await stdout.waitForLines(2)
    }

    /// Side A's port, from the first line.
    func portA() async throws -> Int {
        let line = try await listeningLines()[0]
        return try #require(line.lastIndex(of: ":").flatMap { Int(line[line.index(after: $0)...]) }, "no port in '\(line)'")
    }

    /// Types a command on the simulator's stdin.
    func type(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// SIGTERM, then waits (up to 10 s) for the exit and stops collecting.
    func terminate() async throws {
        process.terminate()
        let deadline = ContinuousClock.now + .seconds(10)
        while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if !process.isRunning { process.waitUntilExit() }
        output.fileHandleForReading.readabilityHandler = nil
        errors.fileHandleForReading.readabilityHandler = nil
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}
