import CTIProtocol
import CTISimulator
import Testing
@testable import CTIClient

/// The rules of `persistent-calls-design.md` §6.5 not covered by PersistentCallLoopbackTests,
/// each over loopback: the exact failure code, peripheral error and the console's text, or the
/// exact events.
@Suite(.timeLimit(.minutes(1)))
struct PersistentCallRuleLoopbackTests {
    typealias Support = PersistentCallLoopbackTests

    /// Sends the request and returns the error it was refused with.
    static func refusal(_ client: CTIClient, _ request: MessageFields) async -> CTIClientError? {
        do {
            _ = try await client.send(request)
            return nil
        } catch let error as CTIClientError {
            return error
        } catch {
            return nil
        }
    }

    @Test func r1OnlyCTIRemoteDeviceLines() async throws {
        let simulator = try await Support.simulator()
        let client = try await Support.client(simulator)
        let error = try #require(await Self.refusal(client, try Support.persistentRequest(device: "2001")))
        #expect(error == .controlFailed(failureCode: .invalidCallingDevice, peripheralErrorCode: .persistentCallCreateFailed))
        #expect(PersistentRefusal.explain(error, device: "2001") == "2001 is not a CTI Remote Device (LINEERR_OPERATION_FAIL_PERSISTENT_CALL_CREATE_FAILED)")
        await client.close()
        await simulator.stop()
    }

    @Test func r2NeedsAnActiveRemoteDestination() async throws {
        let simulator = try await Support.simulator()
        _ = await simulator.execute("rd deactivate 5001 91955500011")
        let client = try await Support.client(simulator)
        let error = try #require(await Self.refusal(client, try Support.persistentRequest(device: "5001")))
        #expect(error == .controlFailed(failureCode: .invalidCalledDevice, peripheralErrorCode: .noActiveRDSet))
        #expect(PersistentRefusal.explain(error, device: "5001") == "no active remote destination on 5001 (LINEERR_OPERATION_FAIL_NO_ACTIVE_RD_SET)")
        await client.close()
        await simulator.stop()
    }

    @Test func r4NoCreateWhileAnotherCallIsOnTheDevice() async throws {
        let simulator = try await Support.simulator()
        _ = try await simulator.callIn(device: "5001")
        let client = try await Support.client(simulator)
        let error = try #require(await Self.refusal(client, try Support.persistentRequest(device: "5001")))
        #expect(error == .controlFailed(failureCode: .genericStateIncompatibility, peripheralErrorCode: .operationNotAvailableInCurrentState))
        #expect(PersistentRefusal.explain(error, device: "5001").hasPrefix("another call exists on 5001"))
        await client.close()
        await simulator.stop()
    }

    @Test func r6AndR7TheActiveDestinationAndFreshCallIDs() async throws {
        let simulator = try await Support.simulator()
        let client = try await Support.client(simulator)
        var events = client.events.makeAsyncIterator()
        let first = try #require(try await client.send(try Support.persistentRequest(device: "5001")).fields?.number(.newConnectionCallID))
        let seen = await Support.next(3, &events)
        let delivered = try #require(seen.first { $0.name == "CALL_DELIVERED_EVENT" }?.fields)
        #expect(delivered.string(.callingDeviceID) == "9195550199", "the remote destination is shown the calling ID")
        let status = await simulator.execute("persistent")
        #expect(status.contains("91955500011"), "the call goes to the active remote destination: \(status)")
        let second = try #require(try await client.send(try Support.persistentRequest(device: "5002")).fields?.number(.newConnectionCallID))
        #expect(second != first)
        await client.close()
        await simulator.stop()
    }

    @Test func r9FeatureRequestsOnThePersistentCallAreRefused() async throws {
        let simulator = try await Support.simulator()
        let client = try await Support.client(simulator)
        let id = try #require(try await client.send(try Support.persistentRequest(device: "5001")).fields?.number(.newConnectionCallID))
        try await Task.sleep(for: .milliseconds(400))
        let call = CallReference(callID: id, deviceID: "5001")
        do {
            _ = try await client.hold(call, peripheralID: Support.peripheral)
            Issue.record("hold was accepted")
        } catch let error as CTIClientError {
            #expect(error == .controlFailed(failureCode: .requestIncompatibleWithObject, peripheralErrorCode: .operationNotAllowedOnPersistentCall))
            #expect(PersistentRefusal.explain(error, device: "5001").contains("OPERATION_NOT_ALLOWED_ON_PERSISTENT_CALL"))
        }
        // SET_CALL_DATA is allowed.
        #expect(try await client.setCallData(call, peripheralID: Support.peripheral, callVariables: [1: "x"]).name == "SET_CALL_DATA_CONF")
        await client.close()
        await simulator.stop()
    }

    @Test func r12TheRemoteDestinationHangingUpTearsTheCallDown() async throws {
        let simulator = try await Support.simulator()
        let client = try await Support.client(simulator)
        var events = client.events.makeAsyncIterator()
        let id = try #require(try await client.send(try Support.persistentRequest(device: "5001")).fields?.number(.newConnectionCallID))
        _ = await Support.next(3, &events)  // BEGIN_CALL, DELIVERED, ESTABLISHED
        _ = await simulator.execute("rd hangup 5001")
        let torn = await Support.next(3, &events)
        #expect(torn.map(\.name) == ["CALL_CONNECTION_CLEARED_EVENT", "CALL_CLEARED_EVENT", "END_CALL_EVENT"])
        #expect(torn.allSatisfy { $0.fields?.number(.connectionCallID) == id })
        await client.close()
        await simulator.stop()
    }

    @Test func r14NeedsClientControl() async throws {
        let simulator = try await Support.simulator()
        let open = OpenRequest(servicesRequested: 0x10, clientID: "no-control")
        let client = CTIClient(configuration: ClientConfiguration(
            sideA: Endpoint(host: "127.0.0.1", port: simulator.port(.a)!), open: open, heartbeatInterval: nil, initialOpenDeadline: .seconds(10)))
        try await client.open()
        let error = try #require(await Self.refusal(client, try Support.persistentRequest(device: "5001")))
        #expect(error == .requestFailed(status: .functionNotAvailable))
        #expect(PersistentRefusal.explain(error, device: "5001") == "the session was not granted CLIENT_CONTROL (needed to make a persistent call)")
        await client.close()
        await simulator.stop()
    }
}
