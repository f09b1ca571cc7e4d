import CTIProtocol
import Testing
@testable import CTIClient

/// Each transition of ``SessionStateMachine/State`` (the tables on it), one test each: the state
/// before, the input, the actions out, the state after.
@Suite struct SessionStateMachineTransitionTests {
    typealias Machine = SessionStateMachine
    typealias Phase = SessionStateMachine.Leg.Phase

    let steps = SessionStateMachineTests()
    static let a = SessionStateMachineTests.a
    static let b = SessionStateMachineTests.b

    static func configuration(activeStandby: Bool = false, reconnect: Bool = true, deadline: Duration? = nil) -> ClientConfiguration {
        SessionStateMachineTests.configuration(services: 0x14 | (activeStandby ? ServiceMaskBits.activeStandby : 0), reconnect: reconnect, deadline: deadline)
    }

    // MARK: What the tests read of the state

    enum Case { case idle, running, closing, closed, modifying }

    func stateCase(_ machine: Machine) -> Case {
        switch machine.state {
        case .idle: .idle
        case .running: .running
        case .closing: .closing
        case .closed: .closed
        case .modifying: .modifying
        }
    }

    /// Side A's and side B's phase; `nil` before the start and after the end.
    func phases(_ machine: Machine) -> [Phase]? {
        machine.state.running?.legs.map(\.phase)
    }

    func session(_ type: OpenConfirmation.SessionType = .unknown, heartbeat: UInt32? = nil, misses: Int = 0,
                 stoppingSent: Bool = false) -> Machine.OpenSession {
        var session = Machine.OpenSession(type: type)
        session.outstandingHeartbeat = heartbeat
        session.misses = misses
        session.stoppingSent = stoppingSent
        return session
    }

    func handOff(_ machine: Machine) -> String? {
        switch machine.state.running?.handOff {
        case nil: nil
        case .none?: "none"
        case .announced(let side)?: "announced \(side)"
        case .draining(let draining)?: "draining \(draining.leaving) (announced \(draining.announced)), \(draining.held.count) held"
        }
    }

    // MARK: Machine states

    /// Arranged: `running`, single session, A `opening` with InvokeID 1.
    func openingOnA(_ configuration: ClientConfiguration = configuration()) -> Machine {
        var machine = Machine(configuration: configuration)
        _ = machine.start()
        _ = machine.connected(.a)
        return machine
    }

    /// Arranged: `running`, active/standby, A open active, B open standby.
    func activeStandbyOpen() -> Machine {
        steps.activeStandbyOpen()
    }

    /// Arranged: `closing`, A `closing` (CLOSE_REQ 2).
    func closingOnA() -> Machine {
        var machine = steps.openedOnA()
        _ = machine.close()
        return machine
    }

    @Test func idleStartConnectsSideA() {
        var machine = Machine(configuration: Self.configuration(deadline: .seconds(9)))
        #expect(stateCase(machine) == .idle)
        #expect(machine.start() == [.schedule(.initialOpen, after: .seconds(9)), .report(.connecting(.a, Self.a)), .connect(.a)])
        #expect(stateCase(machine) == .running)
        #expect(phases(machine) == [.connecting, .idle])
        #expect(machine.state.running?.history == .neverOpened(Machine.FirstOpen(attempts: 1)))
    }

    @Test func idleStartInActiveStandbyConnectsBothSides() {
        var machine = Machine(configuration: Self.configuration(activeStandby: true))
        #expect(machine.start() == [.report(.connecting(.a, Self.a)), .connect(.a), .report(.connecting(.b, Self.b)), .connect(.b)])
        #expect(phases(machine) == [.connecting, .connecting])
        #expect(machine.state.running?.legs.map(\.epoch) == [1, 1])
    }

    @Test func idleCloseEndsAtOnce() {
        var machine = Machine(configuration: Self.configuration())
        #expect(machine.close() == [.closeFinished, .terminate(nil)])
        #expect(stateCase(machine) == .closed)
        #expect(machine.start() == [], "a closed client does not start")
        #expect(stateCase(machine) == .closed)
    }

    @Test func runningCloseWithAnOpenSideIsClosing() {
        var machine = steps.openedOnA()
        #expect(stateCase(machine) == .running)
        #expect(phases(machine) == [.open(session()), .idle])
        #expect(machine.close(status: .timeout) == [
            .send(.a, SessionMessages.closeRequest(invokeID: 2, status: .timeout)),
            .schedule(.closeTimeout(.a, epoch: 1), after: .seconds(5)),
            .cancel(.reconnect(.a)), .cancel(.reconnect(.b)),
        ])
        #expect(stateCase(machine) == .closing)
        #expect(phases(machine) == [.closing(invokeID: 2, session()), .idle])
    }

    @Test func runningCloseWithNoSideOpenEndsAtOnce() {
        var machine = openingOnA()
        #expect(machine.close() == [
            .reset(.a), .cancel(.reconnect(.a)), .cancel(.reconnect(.b)),
            .openFinished(.failure(.closed)), .report(.closed(nil, reason: "closed")), .closeFinished, .terminate(nil),
        ])
        #expect(stateCase(machine) == .closed)
        #expect(phases(machine) == nil)
    }

    @Test func runningOpenRefusedForGoodEnds() {
        var machine = openingOnA()
        let actions = steps.receive(&machine, .a, SessionMessages.failureConfirmation(invokeID: 1, status: .invalidVersion))
        #expect(actions.first == .report(.openRefused(.a, status: .invalidVersion)))
        #expect(actions.last == .terminate(.openRefused(status: .invalidVersion)))
        #expect(stateCase(machine) == .closed)
    }

    @Test func runningFailureWithReconnectOffEnds() throws {
        var machine = steps.openedOnA(SessionStateMachineTests.configuration(reconnect: false))
        _ = machine.send(try MessageFields(named: "QUERY_AGENT_STATE_REQ"))
        #expect(machine.connectionClosed(.a, reason: "gone") == [
            .reset(.a),
            .cancel(.request(invokeID: 2)), .resolve(invokeID: 2, .failure(.connectionLost("gone"))),
            .report(.sessionFailed(.a, reason: "gone")),
            .cancel(.reconnect(.a)), .cancel(.reconnect(.b)),
            .report(.closed(nil, reason: "connection lost: gone")), .terminate(.connectionLost("gone")),
        ])
        #expect(stateCase(machine) == .closed)
    }

    @Test func runningInitialOpenDeadlineEnds() {
        var machine = openingOnA(Self.configuration(deadline: .seconds(10)))
        let failure = CTIClientError.unreachable("side A 127.0.0.1:42027: connected, no OPEN_CONF yet; side B 127.0.0.1:43027: not tried")
        #expect(machine.timerFired(.initialOpen) == [
            .reset(.a), .cancel(.reconnect(.a)), .cancel(.reconnect(.b)),
            .openFinished(.failure(failure)), .report(.closed(nil, reason: failure.description)), .terminate(failure),
        ])
        #expect(stateCase(machine) == .closed)
    }

    @Test func runningLastInitialAttemptFailedEnds() {
        var configuration = Self.configuration()
        configuration.sideB = nil
        configuration.initialOpenRounds = 1
        var machine = Machine(configuration: configuration)
        _ = machine.start()
        let failure = CTIClientError.unreachable("side A 127.0.0.1:42027: connection refused")
        #expect(machine.connectFailed(.a, reason: "connection refused") == [
            .report(.connectFailed(.a, reason: "connection refused", nextSide: nil, retryIn: nil)),
            .cancel(.reconnect(.a)), .cancel(.reconnect(.b)),
            .openFinished(.failure(failure)), .report(.closed(nil, reason: failure.description)), .terminate(failure),
        ])
        #expect(stateCase(machine) == .closed)
    }

    @Test func closingCloseConfEnds() {
        var machine = closingOnA()
        #expect(steps.receive(&machine, .a, SessionMessages.closeConfirmation(invokeID: 2)) == [
            .reset(.a), .report(.closed(nil, reason: "closed")), .closeFinished, .terminate(nil),
        ])
        #expect(stateCase(machine) == .closed)
    }

    @Test func closingCloseTimeoutEnds() {
        var machine = closingOnA()
        #expect(machine.timerFired(.closeTimeout(.a, epoch: 1)) == [
            .reset(.a), .report(.closed(nil, reason: "closed")), .closeFinished, .terminate(nil),
        ])
        #expect(stateCase(machine) == .closed)
    }

    @Test func closingConnectionEndEnds() throws {
        var machine = steps.openedOnA()
        _ = machine.send(try MessageFields(named: "QUERY_AGENT_STATE_REQ"))
        _ = machine.close()
        #expect(machine.connectionClosed(.a, reason: "closed by the server") == [
            .reset(.a), .cancel(.request(invokeID: 2)), .resolve(invokeID: 2, .failure(.closed)),
            .report(.closed(nil, reason: "closed")), .closeFinished, .terminate(nil),
        ])
        #expect(stateCase(machine) == .closed)
    }

    /// STANDBY_ACTIVE_EVENT on a side that is closing makes it the active one but leaves it
    /// closing: its CLOSE_CONF still ends the session (it once went back to `open`, and the
    /// close never finished).
    @Test func closingStandbyActiveEventStaysClosing() {
        var machine = closingOnA()
        _ = steps.receive(&machine, .a, SessionMessages.standbyActiveEvent())
        #expect(stateCase(machine) == .closing)
        guard case .closing(invokeID: 2, _)? = phases(machine)?.first else {
            Issue.record("side A is no longer closing: \(phases(machine))")
            return
        }
        #expect(steps.receive(&machine, .a, SessionMessages.closeConfirmation(invokeID: 2)).contains(.closeFinished))
        #expect(stateCase(machine) == .closed)
    }

    @Test func closingCloseAgainWaits() {
        var machine = closingOnA()
        #expect(machine.close() == [])
        #expect(stateCase(machine) == .closing)
    }

    @Test func closedCloseAgainFinishesAtOnce() {
        var machine = closingOnA()
        _ = machine.timerFired(.closeTimeout(.a, epoch: 1))
        #expect(machine.close() == [.closeFinished])
        #expect(stateCase(machine) == .closed)
    }

    // MARK: Leg phases

    @Test func connectingConnectedIsOpening() {
        var machine = Machine(configuration: Self.configuration())
        _ = machine.start()
        let actions = machine.connected(.a)
        #expect(actions.first == .report(.connected(.a, Self.a)))
        #expect(actions.last == .schedule(.openTimeout(.a, epoch: 1), after: .seconds(30)))
        #expect(phases(machine) == [.opening(invokeID: 1), .idle])
    }

    @Test func connectingFailedWaitsForTheOtherSide() {
        var machine = Machine(configuration: Self.configuration())
        _ = machine.start()
        #expect(machine.connectFailed(.a, reason: "refused") == [
            .report(.connectFailed(.a, reason: "refused", nextSide: .b, retryIn: .zero)), .schedule(.reconnect(.b), after: .zero),
        ])
        #expect(phases(machine) == [.idle, .waitingToReconnect])
        #expect(machine.state.running?.backoff == Machine.BackoffProgress(failures: 1))
        #expect(machine.state.running?.history == .neverOpened(Machine.FirstOpen(attempts: 1, failures: [.a: "refused"])))
    }

    @Test func waitingToReconnectReconnectTimerIsConnecting() {
        var machine = Machine(configuration: Self.configuration())
        _ = machine.start()
        _ = machine.connectFailed(.a, reason: "refused")
        #expect(machine.timerFired(.reconnect(.b)) == [.report(.connecting(.b, Self.b)), .connect(.b)])
        #expect(phases(machine) == [.idle, .connecting])
        #expect(machine.state.running?[.b].epoch == 1)
    }

    @Test func openingOpenConfIsOpenAndTheFirstOpen() {
        var machine = openingOnA()
        let granted = OpenConfirmation(invokeID: 1, servicesGranted: 0x14)
        #expect(steps.receive(&machine, .a, .fields(granted.fields)) == [
            .cancel(.openTimeout(.a, epoch: 1)), .report(.opened(.a, granted, protocolVersion: 25)), .schedule(.heartbeat(.a, epoch: 1), after: .seconds(5)),
            .cancel(.initialOpen), .openFinished(.success(granted)),
        ])
        #expect(phases(machine) == [.open(session()), .idle])
        #expect(machine.state.running?.activeSide == .a)
        #expect(machine.state.running?.history == .opened(lastActive: .a))
    }

    @Test func openingStandbyRefusalGoesToTheOtherSideAtOnce() {
        var machine = openingOnA()
        let actions = steps.receive(&machine, .a, SessionMessages.failureConfirmation(invokeID: 1, status: .invalidClientForStandby))
        #expect(actions.prefix(2) == [.report(.openRefused(.a, status: .invalidClientForStandby)), .reset(.a)])
        #expect(actions.last == .schedule(.reconnect(.b), after: .zero))
        #expect(phases(machine) == [.idle, .waitingToReconnect])
        #expect(machine.state.running?.backoff == Machine.BackoffProgress(failures: 1, redirectedByStandby: true))
    }

    @Test func openingOpenTimeoutFailsTheAttempt() {
        var machine = openingOnA()
        #expect(machine.timerFired(.openTimeout(.a, epoch: 1)) == [
            .reset(.a), .report(.sessionFailed(.a, reason: "no OPEN_CONF within 30.0 seconds")),
            .report(.connectFailed(.a, reason: "no OPEN_CONF within 30.0 seconds", nextSide: .b, retryIn: .zero)),
            .schedule(.reconnect(.b), after: .zero),
        ])
        #expect(phases(machine) == [.idle, .waitingToReconnect])
    }

    @Test func openHeartbeatTimerSendsAHeartbeat() {
        var machine = steps.openedOnA()
        #expect(machine.timerFired(.heartbeat(.a, epoch: 1)) == [
            .send(.a, SessionMessages.heartbeatRequest(invokeID: 2)), .heartbeatSent(.a), .schedule(.heartbeat(.a, epoch: 1), after: .seconds(5)),
        ])
        #expect(phases(machine) == [.open(session(heartbeat: 2)), .idle])
    }

    @Test func openHeartbeatTimerWithOneUnconfirmedCountsAMiss() {
        var machine = steps.openedOnA()
        _ = machine.timerFired(.heartbeat(.a, epoch: 1))
        #expect(machine.timerFired(.heartbeat(.a, epoch: 1)).prefix(2) == [
            .report(.heartbeatMissed(.a, count: 1)), .send(.a, SessionMessages.heartbeatRequest(invokeID: 3)),
        ])
        #expect(phases(machine) == [.open(session(heartbeat: 3, misses: 1)), .idle])
    }

    @Test func openHeartbeatConfClearsTheMisses() {
        var machine = steps.openedOnA()
        _ = machine.timerFired(.heartbeat(.a, epoch: 1))
        _ = machine.timerFired(.heartbeat(.a, epoch: 1))
        #expect(steps.receive(&machine, .a, SessionMessages.heartbeatConfirmation(invokeID: 3)) == [.heartbeatConfirmed(.a)])
        #expect(phases(machine) == [.open(session()), .idle])
    }

    @Test func openThirdMissFailsTheSession() {
        var machine = steps.openedOnA()
        for _ in 0..<3 { _ = machine.timerFired(.heartbeat(.a, epoch: 1)) }
        #expect(phases(machine) == [.open(session(heartbeat: 4, misses: 2)), .idle])
        #expect(machine.timerFired(.heartbeat(.a, epoch: 1)).prefix(3) == [
            .report(.heartbeatMissed(.a, count: 3)), .reset(.a), .report(.sessionFailed(.a, reason: "3 heartbeats unconfirmed")),
        ])
        #expect(phases(machine) == [.idle, .waitingToReconnect])
        #expect(machine.state.running?.activeSide == nil)
    }

    @Test func openFailureEventOfflineFailsTheSession() {
        var machine = steps.openedOnA()
        let event = SessionMessages.failureEvent(status: .ctiServerOffline)
        #expect(steps.receive(&machine, .a, event) == [
            .deliver(.a, event, steps.frame(event)), .reset(.a),
            .report(.sessionFailed(.a, reason: "FAILURE_EVENT E_CTI_CTI_SERVER_OFFLINE")),
            .report(.connectFailed(.a, reason: "FAILURE_EVENT E_CTI_CTI_SERVER_OFFLINE", nextSide: .b, retryIn: .zero)),
            .schedule(.reconnect(.b), after: .zero),
        ])
        #expect(phases(machine) == [.idle, .waitingToReconnect])
    }

    @Test func openConnectionEndFailsTheSessionAndItsRequests() throws {
        var machine = steps.openedOnA()
        _ = machine.send(try MessageFields(named: "QUERY_AGENT_STATE_REQ"))
        #expect(machine.state.running?.pending == [2: .a])
        #expect(machine.connectionClosed(.a, reason: "reset").prefix(4) == [
            .reset(.a), .cancel(.request(invokeID: 2)), .resolve(invokeID: 2, .failure(.connectionLost("reset"))),
            .report(.sessionFailed(.a, reason: "reset")),
        ])
        #expect(phases(machine) == [.idle, .waitingToReconnect])
        #expect(machine.state.running?.pending == [:])
    }

    @Test func openRequestIsPendingUntilItsConfirmation() throws {
        var machine = steps.openedOnA()
        let sent = machine.send(try MessageFields(named: "QUERY_AGENT_STATE_REQ"))
        #expect(sent.invokeID == 2)
        #expect(machine.state.running?.pending == [2: .a])
        var confirmation = try MessageFields(named: "QUERY_AGENT_STATE_CONF")
        confirmation.fixed[0] = 2
        #expect(steps.receive(&machine, .a, .fields(confirmation)) == [
            .cancel(.request(invokeID: 2)), .resolve(invokeID: 2, .success(.fields(confirmation))),
        ])
        #expect(machine.state.running?.pending == [:])
    }

    @Test func openHeartbeatSentAsARequestGetsItsConfirmation() throws {
        var machine = steps.openedOnA()
        let sent = machine.send(try MessageFields(named: "HEARTBEAT_REQ"))
        #expect(sent.invokeID == 2)
        var confirmation = try MessageFields(named: "HEARTBEAT_CONF")
        confirmation.fixed[0] = 2
        // Not the client's own heartbeat: the caller gets it (`cti doctor`, `send HEARTBEAT_REQ`).
        #expect(steps.receive(&machine, .a, .fields(confirmation)) == [
            .cancel(.request(invokeID: 2)), .resolve(invokeID: 2, .success(.fields(confirmation))),
        ])
        // A HEARTBEAT_CONF nobody waits for is dropped.
        confirmation.fixed[0] = 9
        #expect(steps.receive(&machine, .a, .fields(confirmation)) == [])
    }

    @Test func openRequestIsNumberedAsItWillBeSent() throws {
        var machine = steps.openedOnA()
        let request = try MessageFields(named: "QUERY_AGENT_STATE_REQ")
        let numbered = machine.numbered(request)
        #expect(numbered.fixed[0] == 2)
        #expect(machine.state.running?.nextInvokeID == 2, "numbering takes no InvokeID")
        #expect(machine.send(request).actions.first == .send(.a, .fields(numbered)))
    }

    @Test func openStandbyActiveEventMakesTheStandbyActive() {
        var machine = activeStandbyOpen()
        #expect(phases(machine) == [.open(session(.active)), .open(session(.standby))])
        #expect(steps.receive(&machine, .b, SessionMessages.standbyActiveEvent()) == [.report(.failedOver(from: .a, to: .b))])
        #expect(phases(machine) == [.open(session(.standby)), .open(session(.active))])
        #expect(machine.activeSide == .b)
    }

    @Test func openReconnectNowConnectsTheOtherSide() {
        var machine = steps.openedOnA()
        #expect(machine.reconnectNow().suffix(2) == [.report(.connecting(.b, Self.b)), .connect(.b)])
        #expect(phases(machine) == [.idle, .connecting])
        #expect(machine.state.running?.activeSide == nil)
    }

    @Test func closingHeartbeatConfIsStillConfirmed() {
        var machine = steps.openedOnA()
        _ = machine.timerFired(.heartbeat(.a, epoch: 1))
        _ = machine.close()
        #expect(phases(machine) == [.closing(invokeID: 3, session(heartbeat: 2)), .idle])
        #expect(steps.receive(&machine, .a, SessionMessages.heartbeatConfirmation(invokeID: 2)) == [.heartbeatConfirmed(.a)])
        #expect(phases(machine) == [.closing(invokeID: 3, session()), .idle])
    }

    // MARK: Maintenance hand-off

    @Test func noHandOffMaintenanceEventAnnouncesTheSide() {
        var machine = activeStandbyOpen()
        #expect(handOff(machine) == "none")
        #expect(steps.receive(&machine, .a, SessionMessages.activeMaintenanceEvent(proceed: true)) == [
            .report(.maintenance(.a, proceed: true)), .schedule(.stopping(.a, epoch: 1), after: .seconds(4)),
        ])
        #expect(handOff(machine) == "announced A")
    }

    @Test func announcedStandbyActiveEventDrainsTheOldSide() {
        var machine = activeStandbyOpen()
        _ = steps.receive(&machine, .a, SessionMessages.activeMaintenanceEvent(proceed: true))
        #expect(steps.receive(&machine, .b, SessionMessages.standbyActiveEvent()) == [
            .report(.failedOver(from: .a, to: .b)), .schedule(.drain, after: .seconds(5)), .send(.a, SessionMessages.stoppingRequestsToThisSide()),
        ])
        #expect(handOff(machine) == "draining A (announced A), 0 held")
        #expect(phases(machine) == [.open(session(.standby, stoppingSent: true)), .open(session(.active))])
    }

    @Test func drainingHoldsTheNewSidesMessages() {
        var machine = activeStandbyOpen()
        _ = steps.receive(&machine, .a, SessionMessages.activeMaintenanceEvent(proceed: true))
        _ = steps.receive(&machine, .b, SessionMessages.standbyActiveEvent())
        let event = SessionMessages.failureEvent(status: .unspecifiedFailure)
        #expect(steps.receive(&machine, .b, event) == [])
        #expect(steps.receive(&machine, .a, event) == [.deliver(.a, event, steps.frame(event))], "the leaving side still delivers")
        #expect(handOff(machine) == "draining A (announced A), 1 held")
    }

    @Test func drainingLeavingSideEndDeliversWhatWasHeld() {
        var machine = activeStandbyOpen()
        _ = steps.receive(&machine, .a, SessionMessages.activeMaintenanceEvent(proceed: true))
        _ = steps.receive(&machine, .b, SessionMessages.standbyActiveEvent())
        let event = SessionMessages.failureEvent(status: .unspecifiedFailure)
        _ = steps.receive(&machine, .b, event)
        #expect(machine.connectionClosed(.a, reason: "closed by the server") == [
            .cancel(.drain), .deliver(.b, event, steps.frame(event)), .report(.closed(.a, reason: "side in maintenance")),
            .schedule(.reconnect(.a), after: .seconds(1)),
        ])
        #expect(handOff(machine) == "none")
        #expect(phases(machine) == [.idle, .open(session(.active))])
    }

    @Test func drainingDrainTimerDeliversWhatWasHeld() {
        var machine = activeStandbyOpen()
        _ = steps.receive(&machine, .a, SessionMessages.activeMaintenanceEvent(proceed: true))
        _ = steps.receive(&machine, .b, SessionMessages.standbyActiveEvent())
        let event = SessionMessages.failureEvent(status: .unspecifiedFailure)
        _ = steps.receive(&machine, .b, event)
        #expect(machine.timerFired(.drain) == [.cancel(.drain), .deliver(.b, event, steps.frame(event))])
        #expect(handOff(machine) == "none")
        #expect(phases(machine) == [.open(session(.standby, stoppingSent: true)), .open(session(.active))])
    }
}
