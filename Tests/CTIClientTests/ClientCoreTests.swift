import CTIProtocol
import NIOCore
import NIOPosix
import Testing
@testable import CTIClient

/// The runtime against CTISimulator over loopback.
@Suite(.timeLimit(.minutes(1)))
struct ClientCoreTests {
    /// A request is encoded once: the frame that checked it is the frame written.
    @Test func aRequestIsEncodedOnce() async throws {
        let simulator = try await LoopbackTests.simulator()
        // No heartbeats: nothing else is encoded meanwhile.
        let configuration = LoopbackTests.configuration(simulator, heartbeat: nil)
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let core = ClientCore(configuration: configuration, loop: loop)
        _ = try await loop.flatSubmit { core.open() }.get()
        let before = try await loop.submit { core.framesEncoded }.get()
        let request = try MessageFields(named: "QUERY_AGENT_STATE_REQ")
        let (invokeID, confirmation) = try await loop.submit { core.send(request) }.get()
        #expect(invokeID != nil)
        _ = try? await confirmation.get()  // answered (or refused): it went out
        #expect(try await loop.submit { core.framesEncoded }.get() == before + 1)
        _ = try await loop.flatSubmit { core.close(status: .noError) }.get()
        await simulator.stop()
    }
}
