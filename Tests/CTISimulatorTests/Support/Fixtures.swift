import CTIProtocol
import CTISimulator
import NIOConcurrencyHelpers
import NIOCore

/// Service bits and OPEN_REQ builders.
enum Fixtures {
    static let clientEvents: UInt32 = 0x01
    static let clientControl: UInt32 = 0x04
    static let allEvents: UInt32 = 0x10
    static let supervisor: UInt32 = 0x80
    static let activeStandby: UInt32 = 0x0200_0000
    static let password = "secret"

    /// An OPEN_REQ (PV25, no idle timeout, right password).
    static func open(
        client: String = "tester", services: UInt32 = allEvents, version: UInt32 = 25, idleTimeout: UInt32 = OpenRequest.noIdleTimeout,
        peripheral: UInt32 = OpenRequest.nullPeripheralID, password: String = Fixtures.password, invokeID: UInt32 = 1,
        agentExtension: String? = nil, agentID: String? = nil, agentInstrument: String? = nil
    ) -> OpenRequest {
        OpenRequest(invokeID: invokeID, versionNumber: version, idleTimeout: idleTimeout, peripheralID: peripheral, servicesRequested: services,
                    clientID: client, clientPassword: Array(password.utf8), agentExtension: agentExtension, agentID: agentID,
                    agentInstrument: agentInstrument)
    }

    /// A CLIENT_EVENTS OPEN_REQ for agent 1001 on instrument 2001 of peripheral 5000.
    static func agentOpen(client: String = "desktop", instrument: String = "2001", services: UInt32 = clientEvents) -> OpenRequest {
        open(client: client, services: services, peripheral: 5000, agentID: "1001", agentInstrument: instrument)
    }

    /// The OPEN_REQ frame body written by hand, for what the encoder refuses (a required field missing).
    static func rawOpenBody(fixed: [UInt32], floating: [(tag: UInt16, data: [UInt8])]) -> ByteBuffer {
        var body = ByteBuffer()
        for value in fixed { body.writeInteger(value) }
        for field in floating {
            body.writeInteger(field.tag)
            body.writeInteger(UInt16(field.data.count))
            body.writeBytes(field.data)
        }
        return body
    }

    static func heartbeat(_ invokeID: UInt32) -> CTIMessage { SessionMessages.heartbeatRequest(invokeID: invokeID) }
}

/// Collects the simulator's log lines.
final class LogRecorder: Sendable {
    private let box = NIOLockedValueBox<[String]>([])

    var sink: @Sendable (String) -> Void { { [box] line in box.withLockedValue { $0.append(line) } } }

    var lines: [String] { box.withLockedValue { $0 } }

    func lines(containing text: String) -> [String] { lines.filter { $0.contains(text) } }
}

/// Runs `body` with a started simulator on ephemeral ports (password `secret`, agent 1001 on
/// extension/instrument 2001, IdleTimeout unit 50 ms), then stops it.
func withSimulator<T>(
    _ configure: (inout SimulatorConfiguration) -> Void = { _ in },
    _ body: (CTISimulator, LogRecorder) async throws -> T
) async throws -> T {
    let recorder = LogRecorder()
    var configuration = SimulatorConfiguration.ephemeral(log: recorder.sink)
    configuration.password = Array(Fixtures.password.utf8)
    configuration.agents = [SimulatedAgent(agentID: "1001", agentExtension: "2001", agentInstrument: "2001")]
    configuration.idleTimeoutUnit = .milliseconds(50)
    configure(&configuration)
    let simulator = CTISimulator(configuration: configuration)
    try await simulator.start()
    do {
        let result = try await body(simulator, recorder)
        await simulator.stop()
        return result
    } catch {
        await simulator.stop()
        throw error
    }
}

extension CTISimulator {
    /// A connected test client on a side, decoding in `version`.
    func connect(_ side: CTISide, version: ProtocolVersion = .v25, recordsFrames: Bool = false) async throws -> TestClient {
        try await TestClient.connect(port: port(side), version: version, recordsFrames: recordsFrames)
    }
}
