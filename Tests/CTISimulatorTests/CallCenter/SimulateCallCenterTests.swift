import CTIProtocol
import Foundation
import Testing

/// `cti simulate --agents --remote-devices --rate --seed`, run as the built binary.
@Suite struct SimulateCallCenterTests {
    @Test(.timeLimit(.minutes(1)))
    func optionsShapeTheContactCenterAndTrafficFlows() async throws {
        let simulator = try SimulateProcess(["--port-a", "0", "--port-b", "0", "--agents", "3", "--remote-devices", "1", "--rate", "20",
                                             "--seed", "4"])
        let portA = try await simulator.portA()
        let client = try await TestClient.connect(port: portA)
        var open = Fixtures.open(client: "watch", password: "")
        open.callMessageMask = 0xFFFF_FFFF
        try await client.open(open)
        var sawBegin = false
        for _ in 0..<40 where !sawBegin {
            sawBegin = try await client.next().name == "BEGIN_CALL_EVENT"
        }
        #expect(sawBegin)

        simulator.type("agents")
        simulator.type("call in 5001")
        try await simulator.stdout.waitFor("1003  2003  AGENT_STATE_")
        try await simulator.stdout.waitFor("ringing at 5001")
        try await simulator.terminate()
    }
}
