import CTIProtocol
import NIOCore
import Testing
@testable import CTIClient

/// The session state machine driven step by step, without sockets or clocks.
@Suite struct SessionStateMachineTests {
    static let a = Endpoint(host: "127.0.0.1", port: 42027)
    static let b = Endpoint(host: "127.0.0.1", port: 43027)

    static func configuration(services: UInt32 = 0x14, sideB: Bool = true, heartbeat: Duration? = .seconds(5),
                              reconnect: Bool = true, deadline: Duration? = nil) -> ClientConfiguration {
        ClientConfiguration(sideA: a, sideB: sideB ? b : nil, open: OpenRequest(servicesRequested: services, clientID: "test"),
                            heartbeatInterval: heartbeat, initialOpenDeadline: deadline, reconnect: reconnect)
    }

    func frame(_ message: CTIMessage) -> CTIFrame {
        var bytes = try! CTIMessageEncoder().encode(message)
        var decoder = CTIFrameDecoder()
        return try! decoder.decode(buffer: &bytes)!
    }

    func receive(_ machine: inout SessionStateMachine, _ side: CTISide, _ message: CTIMessage) -> [SessionAction] {
        machine.received(side, message, frame: frame(message))
    }

    func openConfirmation(invokeID: UInt32, sessionType: OpenConfirmation.SessionType = .unknown) -> CTIMessage {
        .fields(OpenConfirmation(invokeID: invokeID, servicesGranted: 0x14, sessionType: sessionType).fields)
    }

    /// start → connected → OPEN_CONF on side A.
    func openedOnA(_ configuration: ClientConfiguration = configuration()) -> SessionStateMachine {
        var machine = SessionStateMachine(configuration: configuration)
        _ = machine.start()
        _ = machine.connected(.a)
        _ = receive(&machine, .a, openConfirmation(invokeID: 1))
        return machine
    }

    @Test func opensOnSideAWithTheConfiguredRequest() throws {
        var machine = SessionStateMachine(configuration: Self.configuration())
        #expect(machine.start() == [.report(.connecting(.a, Self.a)), .connect(.a)])
        let actions = machine.connected(.a)
        var request = OpenRequest(invokeID: 1, idleTimeout: 20, servicesRequested: 0x14, clientID: "test")
        request.versionNumber = 25
        #expect(actions == [
            .report(.connected(.a, Self.a)),
            .send(.a, .fields(request.fields)),
            .schedule(.openTimeout(.a, epoch: 1), after: .seconds(30)),
        ])
        let granted = OpenConfirmation(invokeID: 1, servicesGranted: 0x14)
        #expect(receive(&machine, .a, .fields(granted.fields)) == [
            .cancel(.openTimeout(.a, epoch: 1)),
            .report(.opened(.a, granted, protocolVersion: 25)),
            .schedule(.heartbeat(.a, epoch: 1), after: .seconds(5)),
            .cancel(.initialOpen),
            .openFinished(.success(granted)),
        ])
        #expect(machine.isOpen)
        #expect(machine.activeSide == .a)
    }

    @Test func idleTimeoutIsFourHeartbeatsOrNone() {
        #expect(Self.configuration(heartbeat: .seconds(15)).idleTimeout == 60)
        #expect(Self.configuration(heartbeat: nil).idleTimeout == 0xFFFF_FFFF)
    }

    @Test func heartbeatsAreSentConfirmedAndThreeMissesFailTheSession() {
        var machine = openedOnA()
        #expect(machine.timerFired(.heartbeat(.a, epoch: 1)) == [
            .send(.a, SessionMessages.heartbeatRequest(invokeID: 2)),
            .heartbeatSent(.a),
            .schedule(.heartbeat(.a, epoch: 1), after: .seconds(5)),
        ])
        // The runtime times the round trip from these two marks.
        #expect(receive(&machine, .a, SessionMessages.heartbeatConfirmation(invokeID: 2)) == [.heartbeatConfirmed(.a)])
        #expect(receive(&machine, .a, SessionMessages.heartbeatConfirmation(invokeID: 2)) == [], "a confirmation once only")
        // Confirmed: the next tick counts no miss.
        #expect(machine.timerFired(.heartbeat(.a, epoch: 1)).first == .send(.a, SessionMessages.heartbeatRequest(invokeID: 3)))
        #expect(machine.timerFired(.heartbeat(.a, epoch: 1)).first == .report(.heartbeatMissed(.a, count: 1)))
        #expect(machine.timerFired(.heartbeat(.a, epoch: 1)).first == .report(.heartbeatMissed(.a, count: 2)))
        let failure = machine.timerFired(.heartbeat(.a, epoch: 1))
        #expect(failure == [
            .report(.heartbeatMissed(.a, count: 3)),
            .reset(.a),
            .report(.sessionFailed(.a, reason: "3 heartbeats unconfirmed")),
            .report(.connectFailed(.a, reason: "3 heartbeats unconfirmed", nextSide: .b, retryIn: .zero)),
            .schedule(.reconnect(.b), after: .zero),
        ])
        #expect(!machine.isOpen)
    }

    @Test func heartbeatsUnconfirmedWhileTheConsumerPausedReadingAreNotMisses() {
        var machine = openedOnA()
        machine.readingPaused(true)
        for _ in 0..<10 {
            let actions = machine.timerFired(.heartbeat(.a, epoch: 1))
            #expect(!actions.contains { if case .report(.heartbeatMissed) = $0 { true } else { false } })
        }
        machine.readingPaused(false)
        #expect(machine.timerFired(.heartbeat(.a, epoch: 1)).first == .report(.heartbeatMissed(.a, count: 1)))
        #expect(machine.isOpen)
    }

    @Test func aStaleTimerFromAnEarlierConnectionIsIgnored() {
        var machine = openedOnA()
        _ = machine.connectionClosed(.a, reason: "reset")
        _ = machine.timerFired(.reconnect(.b))
        _ = machine.connected(.b)
        _ = receive(&machine, .b, openConfirmation(invokeID: 2))
        #expect(machine.timerFired(.heartbeat(.a, epoch: 1)) == [])
        #expect(machine.timerFired(.openTimeout(.b, epoch: 1)) == [])
    }

    @Test func connectionFailuresAlternateSidesWithAGrowingBackOff() {
        var machine = SessionStateMachine(configuration: Self.configuration())
        _ = machine.start()
        var delays: [Duration] = []
        var sides: [CTISide] = []
        var side = CTISide.a
        for _ in 0..<8 {
            let actions = machine.connectFailed(side, reason: "refused")
            guard case .schedule(.reconnect(let next), let delay)? = actions.last else {
                Issue.record("no reconnect scheduled: \(actions)")
                return
            }
            sides.append(next)
            delays.append(delay)
            #expect(machine.timerFired(.reconnect(next)) == [.report(.connecting(next, next == .a ? Self.a : Self.b)), .connect(next)])
            side = next
        }
        #expect(sides == [.b, .a, .b, .a, .b, .a, .b, .a])
        #expect(delays == [.zero, .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(30), .seconds(30)])
    }

    @Test func anOpenRefusalReachesTheCallerAndEndsTheClient() {
        var machine = SessionStateMachine(configuration: Self.configuration())
        _ = machine.start()
        _ = machine.connected(.a)
        let actions = receive(&machine, .a, SessionMessages.failureConfirmation(invokeID: 1, status: .invalidVersion))
        #expect(actions == [
            .report(.openRefused(.a, status: .invalidVersion)),
            .reset(.a),
            .cancel(.reconnect(.a)), .cancel(.reconnect(.b)),
            .openFinished(.failure(.openRefused(status: .invalidVersion))),
            .report(.closed(nil, reason: "OPEN refused: E_CTI_INVALID_VERSION (1)")),
            .terminate(.openRefused(status: .invalidVersion)),
        ])
        #expect(machine.isClosed)
    }

    @Test func aStandbyOrOfflineRefusalTriesTheOtherSide() {
        var machine = SessionStateMachine(configuration: Self.configuration())
        _ = machine.start()
        _ = machine.connected(.a)
        let actions = receive(&machine, .a, SessionMessages.failureConfirmation(invokeID: 1, status: .invalidClientForStandby))
        #expect(actions.last == .schedule(.reconnect(.b), after: .zero))
        #expect(!machine.isClosed)
    }

    @Test func aStandbyRefusalSendsTheClientStraightToTheActiveSideOnce() {
        // Open on A, A resets: B at once; B is the standby (A is alive): back to A at once, not
        // after the back-off; A says standby too (a switchover): now the back-off applies.
        var machine = openedOnA()
        #expect(machine.connectionClosed(.a, reason: "reset").last == .schedule(.reconnect(.b), after: .zero))
        _ = machine.timerFired(.reconnect(.b))
        _ = machine.connected(.b)
        let standbyB = receive(&machine, .b, SessionMessages.failureConfirmation(invokeID: 2, status: .invalidClientForStandby))
        #expect(standbyB.last == .schedule(.reconnect(.a), after: .zero))
        _ = machine.timerFired(.reconnect(.a))
        _ = machine.connected(.a)
        let standbyA = receive(&machine, .a, SessionMessages.failureConfirmation(invokeID: 3, status: .invalidClientForStandby))
        #expect(standbyA.last == .schedule(.reconnect(.b), after: .seconds(2)))
        // Once a session opens again, the next standby refusal redirects at once again.
        _ = machine.timerFired(.reconnect(.b))
        _ = machine.connected(.b)
        _ = receive(&machine, .b, openConfirmation(invokeID: 4))
        #expect(machine.connectionClosed(.b, reason: "reset").last == .schedule(.reconnect(.a), after: .zero))
        _ = machine.timerFired(.reconnect(.a))
        _ = machine.connected(.a)
        #expect(receive(&machine, .a, SessionMessages.failureConfirmation(invokeID: 5, status: .invalidClientForStandby)).last
                == .schedule(.reconnect(.b), after: .zero))
    }

    @Test func failureEventOfflineDeliversTheEventAndReconnectsToTheOtherSide() {
        var machine = openedOnA()
        let event = SessionMessages.failureEvent(status: .ctiServerOffline)
        let actions = receive(&machine, .a, event)
        #expect(actions.first == .deliver(.a, event, frame(event)))
        #expect(actions.contains(.reset(.a)))
        #expect(actions.last == .schedule(.reconnect(.b), after: .zero))
    }

    @Test func failureConfToAHeartbeatMeansServerOffline() {
        var machine = openedOnA()
        _ = machine.timerFired(.heartbeat(.a, epoch: 1))
        let actions = receive(&machine, .a, SessionMessages.failureConfirmation(invokeID: 2, status: .ctiServerOffline))
        #expect(actions.contains(.report(.sessionFailed(.a, reason: "FAILURE_CONF to a heartbeat: the server is offline"))))
    }

    @Test func requestsAreCorrelatedByInvokeID() throws {
        var machine = openedOnA()
        let query = try MessageFields(named: "QUERY_AGENT_STATE_REQ")
        let first = machine.send(query)
        let second = machine.send(query)
        let third = machine.send(query)
        let fourth = machine.send(query)
        #expect(first.invokeID == 2 && second.invokeID == 3 && third.invokeID == 4 && fourth.invokeID == 5)
        #expect(first.actions.last == .schedule(.request(invokeID: 2), after: .seconds(30)))
        var confirmation = try MessageFields(named: "QUERY_AGENT_STATE_CONF")
        confirmation.fixed[0] = 3
        #expect(receive(&machine, .a, .fields(confirmation)) == [.cancel(.request(invokeID: 3)), .resolve(invokeID: 3, .success(.fields(confirmation)))])
        #expect(receive(&machine, .a, SessionMessages.failureConfirmation(invokeID: 2, status: .functionNotAvailable))
                == [.cancel(.request(invokeID: 2)), .resolve(invokeID: 2, .failure(.requestFailed(status: .functionNotAvailable)))])
        #expect(receive(&machine, .a, SessionMessages.controlFailureConfirmation(invokeID: 4, failureCode: .genericUnspecifiedRejection, peripheralErrorCode: PeripheralErrorCode(rawValue: 9)))
                == [.cancel(.request(invokeID: 4)), .resolve(invokeID: 4, .failure(.controlFailed(failureCode: .genericUnspecifiedRejection, peripheralErrorCode: PeripheralErrorCode(rawValue: 9))))])
        // A confirmation nobody waits for is not dropped: it goes to the stream.
        confirmation.fixed[0] = 99
        #expect(receive(&machine, .a, .fields(confirmation)) == [.deliver(.a, .fields(confirmation), frame(.fields(confirmation)))])
        #expect(machine.timerFired(.request(invokeID: 5)) == [.resolve(invokeID: 5, .failure(.requestTimedOut))])
        #expect(machine.pendingRequestCount == 0)
    }

    @Test func pendingRequestsFailWhenTheConnectionIsLost() throws {
        var machine = openedOnA()
        let query = try MessageFields(named: "QUERY_AGENT_STATE_REQ")
        _ = machine.send(query)
        let actions = machine.connectionClosed(.a, reason: "connection reset by peer")
        #expect(actions.contains(.resolve(invokeID: 2, .failure(.connectionLost("connection reset by peer")))))
        #expect(machine.send(query).invokeID == nil, "no session: the request is refused at once")
    }

    @Test func aFailedSessionEndsTheClientWhenReconnectIsOff() {
        var machine = openedOnA(Self.configuration(reconnect: false))
        let actions = machine.connectionClosed(.a, reason: "gone")
        #expect(actions.last == .terminate(.connectionLost("gone")))
        #expect(machine.isClosed)
    }

    @Test func closeSendsCloseRequestAndFinishesOnCloseConf() {
        var machine = openedOnA()
        #expect(machine.close() == [
            .send(.a, SessionMessages.closeRequest(invokeID: 2, status: .noError)),
            .schedule(.closeTimeout(.a, epoch: 1), after: .seconds(5)),
            .cancel(.reconnect(.a)), .cancel(.reconnect(.b)),
        ])
        #expect(receive(&machine, .a, SessionMessages.closeConfirmation(invokeID: 2)) == [
            .reset(.a), .report(.closed(nil, reason: "closed")), .closeFinished, .terminate(nil),
        ])
        #expect(machine.isClosed)
    }

    @Test func closeResetsAfterTheCloseTimeout() {
        var machine = openedOnA()
        _ = machine.close(status: .timeout)
        #expect(machine.timerFired(.closeTimeout(.a, epoch: 1)) == [
            .reset(.a), .report(.closed(nil, reason: "closed")), .closeFinished, .terminate(nil),
        ])
    }

    @Test func theInitialOpenDeadlineEndsTheClientNamingEverySide() {
        var machine = SessionStateMachine(configuration: Self.configuration(deadline: .seconds(10)))
        #expect(machine.start().first == .schedule(.initialOpen, after: .seconds(10)))
        _ = machine.connectFailed(.a, reason: "connection refused")
        _ = machine.timerFired(.reconnect(.b))
        _ = machine.connected(.b)
        let actions = machine.timerFired(.initialOpen)
        let failure = CTIClientError.unreachable("side A 127.0.0.1:42027: connection refused; side B 127.0.0.1:43027: connected, no OPEN_CONF yet")
        #expect(actions.contains(.openFinished(.failure(failure))))
        #expect(actions.last == .terminate(failure))
    }

    /// One-shot commands: each side once, then the error names both (`initialOpenRounds`).
    @Test func oneRoundTriesEachSideOnceThenNamesBoth() {
        var configuration = Self.configuration()
        configuration.initialOpenRounds = 1
        configuration.openTimeout = .seconds(5)
        var machine = SessionStateMachine(configuration: configuration)
        _ = machine.start()
        // Side A accepts but never answers (half-open): after the OPEN_CONF wait, side B at once.
        _ = machine.connected(.a)
        let timedOut = machine.timerFired(.openTimeout(.a, epoch: 1))
        #expect(timedOut.suffix(2) == [
            .report(.connectFailed(.a, reason: "no OPEN_CONF within 5.0 seconds", nextSide: .b, retryIn: .zero)),
            .schedule(.reconnect(.b), after: .zero),
        ])
        #expect(machine.timerFired(.reconnect(.b)) == [.report(.connecting(.b, Self.b)), .connect(.b)])
        let failed = machine.connectFailed(.b, reason: "connect timeout")
        let failure = CTIClientError.unreachable("side A 127.0.0.1:42027: no OPEN_CONF within 5.0 seconds; side B 127.0.0.1:43027: connect timeout")
        #expect(failed.first == .report(.connectFailed(.b, reason: "connect timeout", nextSide: nil, retryIn: nil)))
        #expect(failed.contains(.openFinished(.failure(failure))))
        #expect(failed.last == .terminate(failure))
        #expect(machine.isClosed)
    }

    @Test func oneRoundStillReachesSideBAfterAStandbyRefusalOnA() {
        var configuration = Self.configuration()
        configuration.initialOpenRounds = 1
        var machine = SessionStateMachine(configuration: configuration)
        _ = machine.start()
        _ = machine.connected(.a)
        let refused = receive(&machine, .a, SessionMessages.failureConfirmation(invokeID: 1, status: .invalidClientForStandby))
        #expect(refused.last == .schedule(.reconnect(.b), after: .zero))
        _ = machine.timerFired(.reconnect(.b))
        _ = machine.connected(.b)
        #expect(receive(&machine, .b, openConfirmation(invokeID: 2)).last == .openFinished(.success(OpenConfirmation(invokeID: 2, servicesGranted: 0x14))))
        // After the first open the rounds no longer count: a failure reconnects as usual.
        #expect(machine.connectionClosed(.b, reason: "reset").last == .schedule(.reconnect(.a), after: .zero))
    }

    // MARK: Reconnect now

    @Test func reconnectNowLeavesTheOpenSideForTheOtherAtOnce() throws {
        var machine = openedOnA()
        _ = machine.send(try MessageFields(named: "QUERY_AGENT_STATE_REQ"))
        #expect(machine.reconnectNow() == [
            .reset(.a),
            .cancel(.request(invokeID: 2)), .resolve(invokeID: 2, .failure(.connectionLost("reconnect requested"))),
            .report(.closed(.a, reason: "reconnect requested")),
            .cancel(.reconnect(.a)), .cancel(.reconnect(.b)),
            .report(.connecting(.b, Self.b)), .connect(.b),
        ])
        #expect(machine.state(of: .a) == .idle)
        #expect(machine.state(of: .b) == .connecting)
        _ = machine.connected(.b)
        let opened = receive(&machine, .b, openConfirmation(invokeID: 3))
        #expect(opened.contains(.report(.failedOver(from: .a, to: .b))))
        #expect(machine.activeSide == .b)
        // `reconnect A`: back to side A, named.
        #expect(machine.reconnectNow(to: .a).suffix(2) == [.report(.connecting(.a, Self.a)), .connect(.a)])
    }

    @Test func reconnectNowSkipsTheBackOff() {
        var machine = SessionStateMachine(configuration: Self.configuration())
        _ = machine.start()
        _ = machine.connectFailed(.a, reason: "refused")
        _ = machine.timerFired(.reconnect(.b))
        let waiting = machine.connectFailed(.b, reason: "refused")
        #expect(waiting.last == .schedule(.reconnect(.a), after: .seconds(1)))
        #expect(machine.state(of: .a) == .waitingToReconnect)
        // Without a side: the one the back-off was waiting for, now.
        #expect(machine.reconnectNow() == [.cancel(.reconnect(.a)), .cancel(.reconnect(.b)), .report(.connecting(.a, Self.a)), .connect(.a)])
        // The back-off starts again: the next failure goes to the other side at once.
        #expect(machine.connectFailed(.a, reason: "refused").last == .schedule(.reconnect(.b), after: .zero))
    }

    @Test func closingWhileStillOpeningEndsTheOpen() {
        var machine = SessionStateMachine(configuration: Self.configuration())
        _ = machine.start()
        _ = machine.connectFailed(.a, reason: "refused")
        #expect(machine.close() == [.cancel(.reconnect(.a)), .cancel(.reconnect(.b)), .openFinished(.failure(.closed)),
                                    .report(.closed(nil, reason: "closed")), .closeFinished, .terminate(nil)])
    }

    @Test func reconnectNowDoesNothingBeforeStartOrAfterClose() {
        var machine = SessionStateMachine(configuration: Self.configuration())
        #expect(machine.reconnectNow() == [])
        _ = machine.start()
        _ = machine.close()
        #expect(machine.reconnectNow() == [])
    }

    @Test func reconnectNowInActiveStandbyRedoesTheNamedSide() {
        var machine = activeStandbyOpen()
        let actions = machine.reconnectNow(to: .b)
        #expect(actions == [.reset(.b), .report(.closed(.b, reason: "reconnect requested")), .cancel(.reconnect(.b)),
                            .report(.connecting(.b, Self.b)), .connect(.b)])
        #expect(machine.activeSide == .a)
        #expect(machine.state(of: .a) == .open)
    }

    @Test func peripheralStatusFollowsOpenConfAndSystemEvents() throws {
        var machine = SessionStateMachine(configuration: Self.configuration())
        #expect(machine.peripheralOnline == nil, "not known before OPEN_CONF")
        _ = machine.start()
        _ = machine.connected(.a)
        var confirmation = OpenConfirmation(invokeID: 1, servicesGranted: 0x14)
        confirmation.peripheralOnline = false
        _ = receive(&machine, .a, .fields(confirmation.fields))
        #expect(machine.peripheralOnline == false)
        var event = try MessageFields(named: "SYSTEM_EVENT")
        try event.set(.systemEventID, .number(3))
        #expect(receive(&machine, .a, .fields(event)).count == 1, "still delivered")
        #expect(machine.peripheralOnline == true)
        try event.set(.systemEventID, .number(4))
        _ = receive(&machine, .a, .fields(event))
        #expect(machine.peripheralOnline == false)
    }

    // MARK: Active / standby

    func activeStandbyOpen() -> SessionStateMachine {
        var machine = SessionStateMachine(configuration: Self.configuration(services: 0x14 | ServiceMaskBits.activeStandby))
        #expect(machine.start() == [.report(.connecting(.a, Self.a)), .connect(.a), .report(.connecting(.b, Self.b)), .connect(.b)])
        _ = machine.connected(.a)
        _ = machine.connected(.b)
        _ = receive(&machine, .a, openConfirmation(invokeID: 1, sessionType: .active))
        _ = receive(&machine, .b, openConfirmation(invokeID: 2, sessionType: .standby))
        return machine
    }

    @Test func activeStandbyHoldsBothSidesAndSendsRequestsToTheActiveOne() throws {
        var machine = activeStandbyOpen()
        #expect(machine.activeSide == .a)
        let request = machine.send(try MessageFields(named: "QUERY_AGENT_STATE_REQ"))
        guard case .send(let side, _)? = request.actions.first else { Issue.record("nothing sent"); return }
        #expect(side == .a)
    }

    @Test func maintenanceHandOffKeepsTheStreamInOrder() throws {
        var machine = activeStandbyOpen()
        #expect(receive(&machine, .a, SessionMessages.activeMaintenanceRequest(invokeID: 77)) == [
            .send(.a, SessionMessages.activeMaintenanceResponse(invokeID: 77, accepted: true)),
            .report(.maintenanceRequested(.a, accepted: true)),
        ])
        #expect(receive(&machine, .a, SessionMessages.activeMaintenanceEvent(proceed: true)) == [
            .report(.maintenance(.a, proceed: true)),
            .schedule(.stopping(.a, epoch: 1), after: .seconds(4)),
        ])
        #expect(receive(&machine, .b, SessionMessages.standbyActiveEvent()) == [
            .report(.failedOver(from: .a, to: .b)),
            .schedule(.drain, after: .seconds(5)),
            .send(.a, SessionMessages.stoppingRequestsToThisSide()),
        ])
        #expect(machine.activeSide == .b)
        var event = try MessageFields(named: "END_CALL_EVENT")
        try event.set(.connectionDeviceID, .text("2001"))
        func endCall(_ id: UInt32) -> CTIMessage {
            event.fixed[4] = id
            return .fields(event)
        }
        // B's first events wait until A, the side leaving, has delivered its last ones.
        #expect(receive(&machine, .b, endCall(3)) == [])
        #expect(receive(&machine, .a, endCall(2)) == [.deliver(.a, endCall(2), frame(endCall(2)))])
        let drained = machine.connectionClosed(.a, reason: "closed by the server")
        #expect(drained.prefix(2) == [.cancel(.drain), .deliver(.b, endCall(3), frame(endCall(3)))])
        #expect(receive(&machine, .b, endCall(4)) == [.deliver(.b, endCall(4), frame(endCall(4)))])
        #expect(machine.timerFired(.stopping(.a, epoch: 1)) == [], "STOPPING was already sent")
    }

    @Test func anOpenTimeoutFailsTheAttemptAndTriesTheOtherSide() {
        var machine = SessionStateMachine(configuration: Self.configuration())
        _ = machine.start()
        _ = machine.connected(.a)
        let actions = machine.timerFired(.openTimeout(.a, epoch: 1))
        #expect(actions.contains(.reset(.a)))
        #expect(actions.contains(.report(.sessionFailed(.a, reason: "no OPEN_CONF within 30.0 seconds"))))
        #expect(actions.last == .schedule(.reconnect(.b), after: .zero))
    }

    @Test func aCancelledMaintenanceChangesNothing() {
        var machine = activeStandbyOpen()
        #expect(receive(&machine, .a, SessionMessages.activeMaintenanceEvent(proceed: false)) == [.report(.maintenance(.a, proceed: false))])
        #expect(machine.activeSide == .a)
    }

    @Test func aRejectingPolicyAnswersMaintenanceWithRejection() {
        var configuration = Self.configuration(services: 0x14 | ServiceMaskBits.activeStandby)
        configuration.acceptMaintenance = false
        var machine = openedOnA(configuration)
        #expect(receive(&machine, .a, SessionMessages.activeMaintenanceRequest(invokeID: 5)).first
                == .send(.a, SessionMessages.activeMaintenanceResponse(invokeID: 5, accepted: false)))
    }

    @Test func whenTheActiveSideDiesTheStandbyTakesOverOnItsAnnouncement() throws {
        var machine = activeStandbyOpen()
        let lost = machine.connectionClosed(.a, reason: "connection reset by peer")
        #expect(lost.contains(.report(.sessionFailed(.a, reason: "connection reset by peer"))))
        #expect(lost.last == .schedule(.reconnect(.a), after: .seconds(1)), "active/standby reconnects the same side")
        #expect(machine.send(try MessageFields(named: "QUERY_AGENT_STATE_REQ")).invokeID == nil, "no active side until B says so")
        #expect(receive(&machine, .b, SessionMessages.standbyActiveEvent()) == [.report(.failedOver(from: .a, to: .b))])
        guard case .send(let side, _)? = machine.send(try MessageFields(named: "QUERY_AGENT_STATE_REQ")).actions.first else {
            Issue.record("nothing sent")
            return
        }
        #expect(side == .b)
    }

    @Test func theDrainTimerDeliversWhatTheNewSideSentIfTheOldOneNeverCloses() throws {
        var machine = activeStandbyOpen()
        _ = receive(&machine, .a, SessionMessages.activeMaintenanceEvent(proceed: true))
        _ = receive(&machine, .b, SessionMessages.standbyActiveEvent())
        let event = SessionMessages.failureEvent(status: .unspecifiedFailure)
        #expect(receive(&machine, .b, event) == [])
        #expect(machine.timerFired(.drain) == [.cancel(.drain), .deliver(.b, event, frame(event))])
    }

    @Test func aCancelledRequestFailsAndItsLateConfirmationGoesToTheStream() throws {
        var machine = openedOnA()
        let sent = machine.send(try MessageFields(named: "QUERY_AGENT_STATE_REQ"))
        let id = try #require(sent.invokeID)
        #expect(machine.cancel(invokeID: id) == [.cancel(.request(invokeID: id)), .resolve(invokeID: id, .failure(.cancelled))])
        var late = try MessageFields(named: "QUERY_AGENT_STATE_CONF")
        late.fixed[0] = id
        #expect(receive(&machine, .a, .fields(late)) == [.deliver(.a, .fields(late), frame(.fields(late)))])
        #expect(machine.cancel(invokeID: id) == [])
    }
}
