import CTIProtocol
import Testing
@testable import CTIClient

/// `--protocol auto` (issue 20): E_CTI_INVALID_VERSION to an OPEN_REQ makes the client open again
/// at once, on the same side, with the next older version, down to 20; the state machine driven
/// step by step.
@Suite struct ProtocolStepDownTests {
    let steps = SessionStateMachineTests()

    func configuration(negotiates: Bool = true, sideB: Bool = true, reconnect: Bool = true) -> ClientConfiguration {
        var configuration = SessionStateMachineTests.configuration(sideB: sideB, reconnect: reconnect)
        configuration.negotiatesProtocolVersion = negotiates
        return configuration
    }

    /// The VersionNumber of the OPEN_REQ among the actions.
    func versionSent(_ actions: [SessionAction]) -> UInt32? {
        for case .send(_, .fields(let fields)) in actions where fields.descriptor.name == "OPEN_REQ" { return fields.number(.versionNumber) }
        return nil
    }

    func refuseVersion(_ machine: inout SessionStateMachine, invokeID: UInt32) -> [SessionAction] {
        steps.receive(&machine, .a, SessionMessages.failureConfirmation(invokeID: invokeID, status: .invalidVersion))
    }

    @Test func eachRefusalTriesTheNextOlderVersionOnTheSameSideAtOnce() throws {
        var machine = SessionStateMachine(configuration: configuration())
        _ = machine.start()
        var actions = machine.connected(.a)
        #expect(versionSent(actions) == 25)
        var invokeID: UInt32 = 1
        for expected in (20...24).reversed() {
            actions = refuseVersion(&machine, invokeID: invokeID)
            // No back-off, no other side, no open failure: a new connection to A for the older version.
            #expect(actions == [
                .report(.versionStepDown(.a, refused: UInt32(expected) + 1, next: UInt32(expected))), .reset(.a),
                .useProtocolVersion(try #require(ProtocolVersion(UInt32(expected)))),
                .report(.connecting(.a, SessionStateMachineTests.a)), .connect(.a),
            ])
            actions = machine.connected(.a)
            invokeID += 1
            #expect(versionSent(actions) == UInt32(expected))
        }
        // The step-downs are part of one attempt: the first-open bookkeeping counted one.
        #expect(machine.state.running?.history.firstOpen?.attempts == 1)
        let granted = OpenConfirmation(invokeID: invokeID, servicesGranted: 0x14)
        actions = steps.receive(&machine, .a, .fields(granted.fields))
        #expect(actions.contains(.report(.opened(.a, granted, protocolVersion: 20))))
        #expect(actions.contains(.openFinished(.success(granted))))
        #expect(machine.state.running?.protocolVersion == .v20)
    }

    @Test func aRefusalOfTwentyIsAnOpenRefusal() {
        var config = configuration(sideB: false, reconnect: false)
        config.protocolVersion = .v20
        var machine = SessionStateMachine(configuration: config)
        _ = machine.start()
        _ = machine.connected(.a)
        let actions = refuseVersion(&machine, invokeID: 1)
        #expect(actions.first == .report(.openRefused(.a, status: .invalidVersion)))
        #expect(!actions.contains { if case .useProtocolVersion = $0 { true } else { false } })
    }

    @Test func withoutAutoTheRefusalIsFinal() {
        var machine = SessionStateMachine(configuration: configuration(negotiates: false, sideB: false, reconnect: false))
        _ = machine.start()
        _ = machine.connected(.a)
        let actions = refuseVersion(&machine, invokeID: 1)
        #expect(actions.first == .report(.openRefused(.a, status: .invalidVersion)))
        #expect(actions.contains(.openFinished(.failure(.openRefused(status: .invalidVersion)))))
    }

    @Test func theSettledVersionStaysForReopenings() {
        var machine = SessionStateMachine(configuration: configuration())
        _ = machine.start()
        _ = machine.connected(.a)
        _ = refuseVersion(&machine, invokeID: 1)
        _ = machine.connected(.a)
        _ = steps.receive(&machine, .a, .fields(OpenConfirmation(invokeID: 2, servicesGranted: 0x14).fields))
        // The session fails; the reconnect to B asks for 24 straight away.
        _ = machine.connectionClosed(.a, reason: "gone")
        let actions = machine.timerFired(.reconnect(.b)) + machine.connected(.b)
        #expect(versionSent(actions) == 24)
    }

    @Test func anOlderVersionsOpenRequestAsksOnlyForWhatThatVersionHas() throws {
        var configuration = configuration()
        configuration.open.callMessageMask = 0xFFFF_FFFF
        configuration.open.configMessageMask = 0x3FF
        var machine = SessionStateMachine(configuration: configuration)
        _ = machine.start()
        _ = machine.connected(.a)
        var invokeID: UInt32 = 1
        var requests: [UInt32: MessageFields] = [:]
        for version in (22...24).reversed() {
            _ = refuseVersion(&machine, invokeID: invokeID)
            invokeID += 1
            for case .send(_, .fields(let fields)) in machine.connected(.a) { requests[UInt32(version)] = fields }
        }
        // Network recording's call event bits (28-31) arrived in 23; config bits 0x100/0x200 in 24.
        #expect(requests[24]?.number(.callMsgMask) == 0xFFFF_FFFF)
        #expect(requests[23]?.number(.configMsgMask) == 0xFF)
        #expect(requests[22]?.number(.callMsgMask) == 0x0FFF_FFFF)
        #expect(requests[22]?.number(.versionNumber) == 22)
        // Each encodes in its version.
        for (version, fields) in requests {
            #expect(throws: Never.self) { try CTIMessageEncoder(version: ProtocolVersion(version)!).encode(.fields(fields)) }
        }
    }
}
