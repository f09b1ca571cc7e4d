import CTIProtocol
import Foundation
import Testing

/// `cti simulate --agents --remote-devices --rate --seed`, run as the built binary.
@Suite struct SimulateCallCenterTests {
    @Test(.timeLimit(.minutes(1)))
    func optionsShapeTheContactCenterAndTrafficFlows() async throws {
        let process = Process()
        process.executableURL = SimulateCommandTests.executable
        process.arguments = ["simulate", "--port-a", "0", "--port-b", "0", "--agents", "3", "--remote-devices", "1", "--rate", "20",
                             "--seed", "4"]
        let output = Pipe(), error = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = input
        let stdout = Collected(), stderr = Collected()
        output.fileHandleForReading.readabilityHandler = { stdout.append($0.availableData) }
        error.fileHandleForReading.readabilityHandler = { stderr.append($0.availableData) }
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let lines = try await stdout.waitForLines(2)
        let portA = try #require(lines.first.flatMap { line in line.lastIndex(of: ":").flatMap { Int(line[line.index(after: $0)...]) } })
        let client = try await TestClient.connect(port: portA)
        var open = Fixtures.open(client: "watch", password: "")
        open.callMessageMask = 0xFFFF_FFFF
        try await client.open(open)
        var sawBegin = false
        for _ in 0..<40 where !sawBegin {
            sawBegin = try await client.next().name == "BEGIN_CALL_EVENT"
        }
        #expect(sawBegin)

        input.fileHandleForWriting.write(Data("agents\ncall in 5001\n".utf8))
        try await stdout.waitFor("1003  2003  AGENT_STATE_")
        try await stdout.waitFor("ringing at 5001")
        process.terminate()
        process.waitUntilExit()
        output.fileHandleForReading.readabilityHandler = nil
        error.fileHandleForReading.readabilityHandler = nil
    }
}
