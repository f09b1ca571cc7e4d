import CTIProtocol
import Foundation
import NIOConcurrencyHelpers
import Testing

/// `cti simulate`, run as the built binary.
@Suite struct SimulateCommandTests {
    /// The `cti` executable next to the test bundle (`.build/<config>/cti`).
    static let executable: URL = {
        let products = Bundle.main.bundleURL.pathExtension == "xctest"
            ? Bundle.main.bundleURL.deletingLastPathComponent() : Bundle.main.bundleURL
        return products.appendingPathComponent("cti")
    }()

    @Test(.timeLimit(.minutes(1)))
    func printsThePortsAcceptsAnOpenLogsItAndExitsZeroOnSIGTERM() async throws {
        let simulator = try SimulateProcess(["--port-a", "0", "--port-b", "0"])
        let lines = try await simulator.listeningLines()
        let ports = lines.map { line -> Int? in
            guard let colon = line.lastIndex(of: ":") else { return nil }
            return Int(line[line.index(after: colon)...])
        }
        #expect(lines[0].hasPrefix("side A listening on 127.0.0.1:"))
        #expect(lines[1].hasPrefix("side B listening on 127.0.0.1:"))
        let portA = try #require(ports[0])
        #expect(ports[1] != nil && ports[1] != portA)

        let client = try await TestClient.connect(port: portA)
        let conf = try await client.open(Fixtures.open(client: "e2e", password: ""))
        #expect(conf.number(.sessionType) == 1)
        try await simulator.stderr.waitFor("session 1 opened: client \"e2e\"")

        // A command on stdin answers on stdout.
        simulator.type("status")
        try await simulator.stdout.waitFor("session 1 on A: client \"e2e\"")

        try await simulator.terminate()  // SIGTERM
        #expect(!simulator.process.isRunning)
        #expect(simulator.process.terminationStatus == 0)
        #expect(simulator.process.terminationReason == .exit)
        try await client.drainUntilClosed()
    }

    @Test(arguments: ["19", "26", "abc"])
    func maxProtocolOutside20To25ExitsSixtyFour(_ value: String) throws {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["simulate", "--port-a", "0", "--port-b", "0", "--max-protocol", value]
        let error = Pipe()
        process.standardError = error
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 64)
        let text = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let expected = Int(value) == nil ? "The value '\(value)' is invalid for '--max-protocol <n>'"
            : "--max-protocol \(value): expected a protocol version from 20 to 25"
        #expect(text.contains(expected), "\(text)")
    }

    @Test(.timeLimit(.minutes(1)))
    func maxProtocol23RefusesAPV25OpenAndSpeaks23() async throws {
        let simulator = try SimulateProcess(["--port-a", "0", "--port-b", "0", "--max-protocol", "23"])
        let portA = try await simulator.portA()
        try await simulator.stderr.waitFor("protocol versions 20 to 23 (a newer OPEN_REQ VersionNumber gets E_CTI_INVALID_VERSION (1))")

        let client = try await TestClient.connect(port: portA, version: ProtocolVersion(23)!, recordsFrames: true)
        #expect(try await client.openRefused(Fixtures.open(client: "e2e", version: 25, password: "").fields).status == 1)
        try await simulator.stderr.waitFor("VersionNumber 25: this server speaks protocol 20 to 23 (--max-protocol 23)")
        let conf = try await client.open(Fixtures.open(client: "e2e", version: 23, password: ""))
        #expect(conf[.sessionType] == nil)
        #expect(client.receivedFrames.first { $0.type == 4 }?.body.readableBytes == 30, "OPEN_CONF in the PV23 layout")
        try await simulator.stderr.waitFor("session 1 opened: client \"e2e\" version 23")

        simulator.type("status")
        try await simulator.stdout.waitFor("protocol versions 20 to 23")

        try await simulator.terminate()  // SIGTERM
        #expect(simulator.process.terminationStatus == 0)
    }

    @Test func aTakenPortExitsTwo() async throws {
        try await withSimulator { simulator, _ in
            let process = Process()
            process.executableURL = Self.executable
            process.arguments = ["simulate", "--port-a", "\(simulator.port(.a)!)", "--port-b", "0"]
            let error = Pipe()
            process.standardError = error
            process.standardOutput = Pipe()
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 2)
            let text = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(text.contains("side A: cannot listen on 127.0.0.1:\(simulator.port(.a)!)"))
        }
    }
}
