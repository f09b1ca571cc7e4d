import CTIProtocol

/// The session logic of a CTI client as a value: inputs (connected, a message arrived, a timer
/// fired, ...) in, ``SessionAction``s out. No sockets, no clocks: the runtime carries the actions
/// out, and the tests drive it step by step.
///
/// Rules (`session.md`): alternate between side A and B until one connects, the other side first
/// after a failure, with a growing back-off; OPEN_REQ with the configured parameters, OPEN_CONF
/// reports what was granted, FAILURE_CONF is a typed error for the caller (statuses that mean
/// "try the other side" are retried); a heartbeat every interval, three unconfirmed in a row
/// fail the session (not counted while the consumer has paused reading); FAILURE_EVENT
/// E_CTI_CTI_SERVER_OFFLINE or FAILURE_CONF to a heartbeat fail it too; CLOSE_REQ waits at most
/// the close timeout for CLOSE_CONF; requests are correlated by InvokeID. With
/// CTI_SERVICE_ACTIVE_STANDBY (PV24+) a session is held on both sides, requests go to the active
/// one, ACTIVE_MAINTENANCE_REQ is answered, and across a hand-off the consumer sees the old
/// side's last events before the new side's.
///
/// Its state is one ``State`` value: each case carries only the data that exists there (see the
/// transition tables on ``State``).
public struct SessionStateMachine: Sendable {
    public let configuration: ClientConfiguration
    private(set) var state: State = .idle
    /// The consumer has paused reading: heartbeats unconfirmed meanwhile are not counted.
    private var readingPaused = false
    /// What the last SYSTEM_EVENT SYS_PERIPHERAL_ONLINE/OFFLINE or OPEN_CONF said about the
    /// peripherals (`session.md` §3, §10); `nil` until one came.
    public private(set) var peripheralOnline: Bool?

    public init(configuration: ClientConfiguration) {
        self.configuration = configuration
    }

    /// The data of the started client, changed in place. Only for inputs that found the client
    /// `running` or `closing`.
    private var running: Running {
        get {
            guard let running = state.running else { preconditionFailure("the session machine is not started: \(state)") }
            return running
        }
        _modify {
            switch state {
            case .running(var running):
                state = .modifying
                defer { state = .running(running) }
                yield &running
            case .closing(var running):
                state = .modifying
                defer { state = .closing(running) }
                yield &running
            case .idle, .closed, .modifying:
                preconditionFailure("the session machine is not started: \(state)")
            }
        }
    }

    /// Where a side's connection is; `nil` before the start and after the end.
    private func phase(of side: CTISide) -> Leg.Phase? {
        state.running?[side].phase
    }

    private var isRunning: Bool {
        if case .running = state { return true }
        return false
    }

    /// The side requests go to.
    public var activeSide: CTISide? { state.running?.activeSide }
    /// Whether a session is open on the side requests go to.
    public var isOpen: Bool {
        guard let running = state.running, let side = running.activeSide else { return false }
        return running[side].isOpen
    }
    /// Whether the client has ended.
    public var isClosed: Bool {
        if case .closed = state { return true }
        return false
    }
    /// Requests waiting for their confirmation.
    public var pendingRequestCount: Int { state.running?.pending.count ?? 0 }

    /// Where a side's connection is (``CTIClient/status()``).
    public func state(of side: CTISide) -> ClientStatus.LegState {
        switch state {
        case .idle, .modifying: return .idle
        case .closed: return .closed
        case .running(let running), .closing(let running):
            switch running[side].phase {
            case .idle: return .idle
            case .waitingToReconnect: return .waitingToReconnect
            case .connecting: return .connecting
            case .opening: return .opening
            case .open(let session): return session.type == .standby && configuration.isActiveStandby ? .openStandby : .open
            case .closing: return .closing
            }
        }
    }

    // MARK: - Inputs

    /// Starts connecting: side A (and, active/standby, side B at the same time).
    public mutating func start() -> [SessionAction] {
        guard case .idle = state else { return [] }
        state = .running(Running(protocolVersion: configuration.protocolVersion))
        var actions: [SessionAction] = []
        if let deadline = configuration.initialOpenDeadline { actions.append(.schedule(.initialOpen, after: deadline)) }
        actions += connect(.a)
        if configuration.isActiveStandby { actions += connect(.b) }
        return actions
    }

    /// A reconnect timer fired.
    public mutating func reconnectDue(_ side: CTISide) -> [SessionAction] {
        guard isRunning, running[side].phase.isIdle else { return [] }
        return connect(side)
    }

    /// Reconnects at once, skipping the back-off (the console's `reconnect`). Single-session
    /// mode: the session or attempt in progress ends and `side` is connected (default: the
    /// other side than the one in use, or the side the back-off was waiting for). Active/standby
    /// mode: `side`'s connection is made again (default: every side waiting for its back-off).
    /// Requests pending on a connection that ends fail with ``CTIClientError/connectionLost(_:)``.
    public mutating func reconnectNow(to side: CTISide? = nil) -> [SessionAction] {
        guard isRunning else { return [] }
        let reason = "reconnect requested"
        var actions: [SessionAction] = []
        if configuration.isActiveStandby {
            for target in side.map({ [$0] }) ?? CTISide.allCases.filter({ running[$0].phase.isIdle }) {
                actions += end(target, reason: reason) + [.cancel(.reconnect(target))] + connect(target)
            }
            return actions
        }
        let inUse = CTISide.allCases.first { !running[$0].phase.isIdle }
        let waiting = CTISide.allCases.first { running[$0].phase == .waitingToReconnect }
        let target = configuration.sideB == nil ? .a : side ?? inUse?.other ?? waiting ?? .a
        for used in CTISide.allCases where !running[used].phase.isIdle { actions += end(used, reason: reason) }
        running.backoff = BackoffProgress()
        return actions + CTISide.allCases.map { .cancel(.reconnect($0)) } + connect(target)
    }

    /// The TCP connection to a side is up.
    public mutating func connected(_ side: CTISide) -> [SessionAction] {
        guard isRunning, case .connecting = running[side].phase else { return [.reset(side)] }
        let invokeID = running.takeInvokeID()
        running[side].phase = .opening(invokeID: invokeID)
        // The configured request encodes in the configured version (``CTIClient/open()`` checks);
        // an older one after a step-down asks for what that version has.
        var request = configuration.open.limited(to: running.protocolVersion)
        request.invokeID = invokeID
        request.idleTimeout = configuration.idleTimeout
        return [
            .report(.connected(side, configuration.endpoint(side))),
            .send(side, .fields(request.fields)),
            .schedule(.openTimeout(side, epoch: running[side].epoch), after: configuration.openTimeout),
        ]
    }

    /// A connection attempt failed.
    public mutating func connectFailed(_ side: CTISide, reason: String) -> [SessionAction] {
        guard case .connecting? = phase(of: side) else { return [] }
        running[side].phase = .idle
        noteOpenFailure(side, reason)
        guard isRunning else { return finishIfIdle() }
        return retry(after: side, reason: reason)
    }

    /// A message arrived on a side.
    public mutating func received(_ side: CTISide, _ message: CTIMessage, frame: CTIFrame) -> [SessionAction] {
        guard case .fields(let fields) = message else { return deliver(side, message, frame) }
        // Told apart by type number (this runs for every message; names would be string compares).
        let type = fields.descriptor.typeID
        let invokeID = fields.descriptor.hasInvokeID && fields.fixedCount > 0 ? fields.fixedValue(at: 0) : nil
        guard let phase = phase(of: side) else { return deliver(side, message, frame) }
        switch phase {
        case .opening(let expected) where invokeID == expected && type == SessionMessageType.openConf:
            return opened(side, OpenConfirmation(fields)!)
        case .opening(let expected) where invokeID == expected && type == SessionMessageType.failureConf:
            return openRefused(side, status: StatusCode(rawValue: fields.number(.status) ?? fields.number(.failureCode) ?? 0))
        case .closing(let expected, _) where invokeID == expected && type == SessionMessageType.closeConf:
            return closedCleanly(side)
        case .open(let session), .closing(_, let session):
            return receivedInSession(side, session, message, fields, type: type, invokeID: invokeID, frame: frame)
        case .idle, .waitingToReconnect, .connecting, .opening:
            return deliver(side, message, frame)
        }
    }

    /// A message on an open (or closing) session that is not the answer to its OPEN_REQ or CLOSE_REQ.
    private mutating func receivedInSession(_ side: CTISide, _ session: OpenSession, _ message: CTIMessage, _ fields: MessageFields,
                                            type: UInt32, invokeID: UInt32?, frame: CTIFrame) -> [SessionAction] {
        if type == SessionMessageType.heartbeatConf {
            if invokeID == session.outstandingHeartbeat {
                running[side].phase.session?.outstandingHeartbeat = nil
                running[side].phase.session?.misses = 0
                return [.heartbeatConfirmed(side)]
            }
            // The answer to a HEARTBEAT_REQ sent as a request (`cti doctor`, `send`) goes to its
            // caller below; a late answer to the client's own heartbeat is dropped.
            guard let invokeID, state.running?.pending[invokeID] == side else { return [] }
        }
        if type == SessionMessageType.failureConf, let invokeID, invokeID == session.outstandingHeartbeat {
            return fail(side, reason: "FAILURE_CONF to a heartbeat: the server is offline")
        }
        if let invokeID, fields.descriptor.isConfirmation, let waiting = state.running?.pending[invokeID], waiting == side {
            running.pending[invokeID] = nil
            return [.cancel(.request(invokeID: invokeID)), .resolve(invokeID: invokeID, confirmationResult(fields, message))]
        }
        switch type {
        case SessionMessageType.failureEvent where fields.number(.status) == StatusCode.ctiServerOffline.rawValue:
            return deliver(side, message, frame) + fail(side, reason: "FAILURE_EVENT E_CTI_CTI_SERVER_OFFLINE")
        case SessionMessageType.activeMaintenanceRequest:
            let accepted = configuration.acceptMaintenance
            return [.send(side, SessionMessages.activeMaintenanceResponse(invokeID: invokeID ?? 0, accepted: accepted)),
                    .report(.maintenanceRequested(side, accepted: accepted))]
        case SessionMessageType.activeMaintenanceEvent:
            let proceed = fields.number(.maintenanceModeStatus) == 1
            var actions: [SessionAction] = [.report(.maintenance(side, proceed: proceed))]
            if proceed {
                running.handOff.announce(side)
                // The guide wants STOPPING_REQUESTS_TO_THIS_SIDE_IND within 5 s of this event.
                actions.append(.schedule(.stopping(side, epoch: running[side].epoch), after: .seconds(4)))
            }
            return actions
        case SessionMessageType.standbyActiveEvent:
            return becameActive(side, session)
        case SessionMessageType.systemEvent:
            switch fields.number(.systemEventID) {
            case SystemEventID.peripheralOnline.rawValue: peripheralOnline = true
            case SystemEventID.peripheralOffline.rawValue: peripheralOnline = false
            default: break
            }
            return deliver(side, message, frame)
        default:
            return deliver(side, message, frame)
        }
    }

    /// A side's connection closed (by the peer, or an I/O or framing error).
    public mutating func connectionClosed(_ side: CTISide, reason: String) -> [SessionAction] {
        switch phase(of: side) {
        case nil, .idle?, .waitingToReconnect?:
            return []
        case .connecting?:
            return connectFailed(side, reason: reason)
        case .closing?:
            return closedCleanly(side)
        case .opening?, .open?:
            if running.handOff.leaving == side {
                var actions = flushHeld()
                running[side].phase = .idle
                actions.append(.report(.closed(side, reason: "side in maintenance")))
                actions += failPending(on: side, error: .connectionLost(reason))
                if isRunning { actions += scheduleLegRetry(side, reason: reason) }
                return actions
            }
            return fail(side, reason: reason)
        }
    }

    /// A timer fired.
    public mutating func timerFired(_ timer: SessionTimer) -> [SessionAction] {
        switch timer {
        case .reconnect(let side):
            return reconnectDue(side)
        case .heartbeat(let side, let epoch):
            guard let leg = state.running?[side], leg.epoch == epoch, leg.isOpen else { return [] }
            return heartbeatDue(side)
        case .openTimeout(let side, let epoch):
            guard let leg = state.running?[side], leg.epoch == epoch, case .opening = leg.phase else { return [] }
            return fail(side, reason: "no OPEN_CONF within \(configuration.openTimeout)")
        case .closeTimeout(let side, let epoch):
            guard let leg = state.running?[side], leg.epoch == epoch, case .closing = leg.phase else { return [] }
            return closedCleanly(side)
        case .request(let invokeID):
            guard state.running?.pending[invokeID] != nil else { return [] }
            running.pending[invokeID] = nil
            return [.resolve(invokeID: invokeID, .failure(.requestTimedOut))]
        case .drain:
            return flushHeld()
        case .stopping(let side, let epoch):
            guard let leg = state.running?[side], leg.epoch == epoch, case .open(var session) = leg.phase, !session.stoppingSent else { return [] }
            session.stoppingSent = true
            running[side].phase = .open(session)
            return [.send(side, SessionMessages.stoppingRequestsToThisSide())]
        case .initialOpen:
            guard isRunning, case .neverOpened = running.history else { return [] }
            return terminate(with: .unreachable(openFailureSummary()))
        }
    }

    /// The consumer stopped (or resumed) reading: heartbeats unconfirmed meanwhile are our
    /// delay, not the server's, and are not counted.
    public mutating func readingPaused(_ paused: Bool) {
        readingPaused = paused
        guard !paused, state.running != nil else { return }
        for side in CTISide.allCases { running[side].phase.session?.misses = 0 }
    }

    /// Sends a request: gives it an InvokeID and routes it to the active side. The first action
    /// sends the request itself, with that InvokeID.
    public mutating func send(_ request: MessageFields) -> (invokeID: UInt32?, actions: [SessionAction]) {
        guard isRunning, let side = running.activeSide, running[side].isOpen else {
            return (nil, [])
        }
        let invokeID = running.takeInvokeID()
        let request = Self.request(request, invokeID: invokeID)
        running.pending[invokeID] = side
        return (invokeID, [.send(side, .fields(request)), .schedule(.request(invokeID: invokeID), after: configuration.requestTimeout)])
    }

    /// `request` as ``send(_:)`` will send it now, with the InvokeID it will get: the runtime
    /// encodes this once, to check it before it takes an InvokeID and to write it.
    public func numbered(_ request: MessageFields) -> MessageFields {
        guard let invokeID = state.running?.nextInvokeID else { return request }
        return Self.request(request, invokeID: invokeID)
    }

    /// A request with its InvokeID set (when it has one: the first fixed field).
    private static func request(_ request: MessageFields, invokeID: UInt32) -> MessageFields {
        guard request.descriptor.hasInvokeID else { return request }
        var request = request
        request.fixed[0] = invokeID
        return request
    }

    /// Gives a pending request up: it fails with ``CTIClientError/cancelled``; a confirmation
    /// that arrives later goes to the event stream.
    public mutating func cancel(invokeID: UInt32) -> [SessionAction] {
        guard state.running?.pending[invokeID] != nil else { return [] }
        running.pending[invokeID] = nil
        return [.cancel(.request(invokeID: invokeID)), .resolve(invokeID: invokeID, .failure(.cancelled))]
    }

    /// Closes the session(s): CLOSE_REQ with `status` on every open side.
    public mutating func close(status: StatusCode = .noError) -> [SessionAction] {
        switch state {
        case .closed: return [.closeFinished]
        case .closing: return []
        case .idle:
            state = .closed
            return [.closeFinished, .terminate(nil)]
        case .modifying: preconditionFailure("the session machine is re-entered")
        case .running(let started): state = .closing(started)
        }
        var actions: [SessionAction] = []
        for side in CTISide.allCases {
            switch running[side].phase {
            case .open(let session):
                let invokeID = running.takeInvokeID()
                running[side].phase = .closing(invokeID: invokeID, session)
                actions.append(.send(side, SessionMessages.closeRequest(invokeID: invokeID, status: status)))
                actions.append(.schedule(.closeTimeout(side, epoch: running[side].epoch), after: configuration.closeTimeout))
            case .connecting, .opening:
                actions += resetLeg(side)
            case .idle, .waitingToReconnect, .closing:
                break
            }
            actions.append(.cancel(.reconnect(side)))
        }
        return actions + finishIfIdle()
    }

    // MARK: - Steps

    /// Connects a side; `countsAsAttempt: false` for the version step-down's new connection,
    /// which is part of the same attempt.
    private mutating func connect(_ side: CTISide, countsAsAttempt: Bool = true) -> [SessionAction] {
        running[side].phase = .connecting
        running[side].epoch += 1
        if countsAsAttempt, case .neverOpened(var first) = running.history {
            first.attempts += 1
            running.history = .neverOpened(first)
        }
        return [.report(.connecting(side, configuration.endpoint(side))), .connect(side)]
    }

    private mutating func opened(_ side: CTISide, _ confirmation: OpenConfirmation) -> [SessionAction] {
        running[side].phase = .open(OpenSession(type: confirmation.sessionType))
        running[side].failures = 0
        running.backoff = BackoffProgress()
        peripheralOnline = confirmation.peripheralOnline
        var actions: [SessionAction] = [.cancel(.openTimeout(side, epoch: running[side].epoch))]
        let becomesActive = !configuration.isActiveStandby || confirmation.sessionType != .standby
        var isFirstOpen = false
        if becomesActive {
            switch running.history {
            case .neverOpened: isFirstOpen = true
            case .opened(let previous) where previous != side: actions.append(.report(.failedOver(from: previous, to: side)))
            case .opened: break
            }
            running.activeSide = side
            running.history = .opened(lastActive: side)
        }
        actions.append(.report(.opened(side, confirmation, protocolVersion: running.protocolVersion.number)))
        if let interval = configuration.heartbeatInterval {
            actions.append(.schedule(.heartbeat(side, epoch: running[side].epoch), after: interval))
        }
        if isFirstOpen {
            actions.append(.cancel(.initialOpen))
            actions.append(.openFinished(.success(confirmation)))
        }
        return actions
    }

    private mutating func openRefused(_ side: CTISide, status: StatusCode) -> [SessionAction] {
        // `--protocol auto`: an older server; the next older version, same side, no back-off.
        if status == .invalidVersion, configuration.negotiatesProtocolVersion, let older = running.protocolVersion.older {
            let refused = running.protocolVersion
            running.protocolVersion = older
            return [.report(.versionStepDown(side, refused: refused.number, next: older.number))] + resetLeg(side)
                + [.useProtocolVersion(older)] + connect(side, countsAsAttempt: false)
        }
        var actions: [SessionAction] = [.report(.openRefused(side, status: status))]
        actions += resetLeg(side)
        let reason = "OPEN refused: \(CTIClientError.statusName(status))"
        noteOpenFailure(side, reason)
        // A standby side says the other one is active: go there at once (single-session mode).
        if status == .invalidClientForStandby, configuration.sideB != nil, !configuration.isActiveStandby,
           !running.backoff.redirectedByStandby {
            running.backoff.redirectedByStandby = true
            return actions + retry(after: side, reason: reason, immediately: true)
        }
        if CTIClientError.isTransientOpenStatus(status) || configuration.retryRefusedOpen {
            return actions + retry(after: side, reason: reason)
        }
        return actions + terminate(with: .openRefused(status: status))
    }

    /// The heartbeat timer of an open side.
    private mutating func heartbeatDue(_ side: CTISide) -> [SessionAction] {
        guard case .open(var session) = running[side].phase else { return [] }
        var actions: [SessionAction] = []
        if session.outstandingHeartbeat != nil, !readingPaused {
            session.misses += 1
            running[side].phase = .open(session)
            actions.append(.report(.heartbeatMissed(side, count: session.misses)))
            if session.misses >= 3 {
                return actions + fail(side, reason: "3 heartbeats unconfirmed")
            }
        }
        let invokeID = running.takeInvokeID()
        session.outstandingHeartbeat = invokeID
        running[side].phase = .open(session)
        actions.append(.send(side, SessionMessages.heartbeatRequest(invokeID: invokeID)))
        actions.append(.heartbeatSent(side))
        if let interval = configuration.heartbeatInterval {
            actions.append(.schedule(.heartbeat(side, epoch: running[side].epoch), after: interval))
        }
        return actions
    }

    /// STANDBY_ACTIVE_EVENT on a side with a session: requests go there now.
    private mutating func becameActive(_ side: CTISide, _ session: OpenSession) -> [SessionAction] {
        let previous = running.activeSide ?? running.history.lastActive
        var session = session
        session.type = .active
        // A side that is closing stays closing: its CLOSE_CONF or close timeout ends it.
        if case .closing(let invokeID, _) = running[side].phase {
            running[side].phase = .closing(invokeID: invokeID, session)
        } else {
            running[side].phase = .open(session)
        }
        running.activeSide = side
        let isFirstOpen = running.history.lastActive == nil
        running.history = .opened(lastActive: side)
        var actions: [SessionAction] = []
        if let previous, previous != side {
            actions.append(.report(.failedOver(from: previous, to: side)))
            if case .open(var old) = running[previous].phase {
                old.type = .standby
                if running.handOff.startDraining(previous) {
                    actions.append(.schedule(.drain, after: .seconds(5)))
                    if !old.stoppingSent {
                        old.stoppingSent = true
                        actions.append(.send(previous, SessionMessages.stoppingRequestsToThisSide()))
                    }
                }
                running[previous].phase = .open(old)
            }
        }
        if isFirstOpen {
            actions.append(.cancel(.initialOpen))
            actions.append(.openFinished(.success(OpenConfirmation(invokeID: 0, servicesGranted: configuration.open.servicesRequested,
                                                                   sessionType: .active))))
        }
        return actions
    }

    private mutating func closedCleanly(_ side: CTISide) -> [SessionAction] {
        var actions = resetLeg(side)
        actions += failPending(on: side, error: .closed)
        return actions + finishIfIdle()
    }

    /// The session on a side failed: reset it, fail its requests, and reconnect (the other side
    /// first) or end.
    private mutating func fail(_ side: CTISide, reason: String) -> [SessionAction] {
        var actions = resetLeg(side)
        actions += failPending(on: side, error: .connectionLost(reason))
        actions.append(.report(.sessionFailed(side, reason: reason)))
        if running.handOff.leaving == side { actions += flushHeld() }
        if running.activeSide == side { running.activeSide = nil }
        noteOpenFailure(side, reason)
        guard isRunning else { return actions + finishIfIdle() }
        if case .opened = running.history, !configuration.reconnect {
            return actions + terminate(with: .connectionLost(reason))
        }
        if configuration.isActiveStandby { return actions + scheduleLegRetry(side, reason: reason) }
        return actions + retry(after: side, reason: reason)
    }

    /// After a failed attempt on `side`: the next side and when (single-session mode; at once
    /// when `immediately`), or the same side again (active/standby mode).
    private mutating func retry(after side: CTISide, reason: String, immediately: Bool = false) -> [SessionAction] {
        if let givenUp = openAttemptsExhausted(after: side, reason: reason) { return givenUp }
        if configuration.isActiveStandby {
            running[side].failures += 1
            let delay = configuration.backoff.delay(afterFailures: max(2, running[side].failures))
            return [.report(.connectFailed(side, reason: reason, nextSide: side, retryIn: delay)),
                    .schedule(.reconnect(side), after: delay)]
        }
        running.backoff.failures += 1
        let failures = running.backoff.failures
        let next = configuration.sideB == nil ? .a : side.other
        let delay = immediately ? .zero : configuration.backoff.delay(afterFailures: configuration.sideB == nil ? max(2, failures) : failures)
        if running[next].phase.isIdle { running[next].phase = .waitingToReconnect }
        return [.report(.connectFailed(side, reason: reason, nextSide: next, retryIn: delay)), .schedule(.reconnect(next), after: delay)]
    }

    private mutating func scheduleLegRetry(_ side: CTISide, reason: String) -> [SessionAction] {
        if let givenUp = openAttemptsExhausted(after: side, reason: reason) { return givenUp }
        running[side].failures += 1
        return [.schedule(.reconnect(side), after: configuration.backoff.delay(afterFailures: max(2, running[side].failures)))]
    }

    /// Before the first open: why `side` failed, for the error that names every side.
    private mutating func noteOpenFailure(_ side: CTISide, _ reason: String) {
        guard case .neverOpened(var first) = running.history else { return }
        first.failures[side] = reason
        running.history = .neverOpened(first)
    }

    /// The sides the client uses: A, and B when configured.
    private var configuredSides: [CTISide] { configuration.sideB == nil ? [.a] : [.a, .b] }

    /// With ``ClientConfiguration/initialOpenRounds``, before the first open: once every side
    /// had its attempts, a failure schedules no retry, and the client ends (naming every side
    /// and why it failed) when no attempt is left in progress; `nil` otherwise.
    private mutating func openAttemptsExhausted(after side: CTISide, reason: String) -> [SessionAction]? {
        guard case .neverOpened(let first) = running.history, let rounds = configuration.initialOpenRounds,
              first.attempts >= rounds * configuredSides.count else { return nil }
        let report = SessionAction.report(.connectFailed(side, reason: reason, nextSide: nil, retryIn: nil))
        guard running.legs.allSatisfy({ $0.phase.isIdle }) else { return [report] }
        return [report] + terminate(with: .unreachable(openFailureSummary()))
    }

    /// Every configured side, where it is and why its last attempt failed:
    /// `side A 10.0.0.1:42027: connection refused; side B 10.0.0.2:43027: no OPEN_CONF within 5.0 seconds`.
    private func openFailureSummary() -> String {
        let failures = running.history.firstOpen?.failures ?? [:]
        return configuredSides.map { side in
            let failure = failures[side]
            let state = switch running[side].phase {
            case .connecting: "still connecting" + (failure.map { " (before: \($0))" } ?? "")
            case .opening: "connected, no OPEN_CONF yet" + (failure.map { " (before: \($0))" } ?? "")
            default: failure ?? "not tried"
            }
            return "side \(side) \(configuration.endpoint(side)): \(state)"
        }.joined(separator: "; ")
    }

    /// Ends a side's connection at the client's wish (``reconnectNow(to:)``).
    private mutating func end(_ side: CTISide, reason: String) -> [SessionAction] {
        guard !running[side].phase.isIdle else { return [] }
        var actions = resetLeg(side)
        actions += failPending(on: side, error: .connectionLost(reason))
        actions.append(.report(.closed(side, reason: reason)))
        if running.handOff.leaving == side { actions += flushHeld() }
        if running.activeSide == side { running.activeSide = nil }
        return actions
    }

    /// The side's connection is gone; its epoch and failure count stay.
    private mutating func resetLeg(_ side: CTISide) -> [SessionAction] {
        running[side].phase = .idle
        return [.reset(side)]
    }

    private mutating func failPending(on side: CTISide, error: CTIClientError) -> [SessionAction] {
        let ids = running.pending.filter { $0.value == side }.map(\.key).sorted()
        for id in ids { running.pending[id] = nil }
        return ids.flatMap { [SessionAction.cancel(.request(invokeID: $0)), .resolve(invokeID: $0, .failure(error))] }
    }

    /// `closing` ends once no side has a connection left.
    private mutating func finishIfIdle() -> [SessionAction] {
        guard case .closing(let running) = state, running.legs.allSatisfy({ $0.phase.isIdle }) else { return [] }
        state = .closed
        var actions: [SessionAction] = running.pending.keys.sorted().map { .resolve(invokeID: $0, .failure(.closed)) }
        // Closed while still opening: the caller of open() learns it.
        if case .neverOpened = running.history { actions.append(.openFinished(.failure(.closed))) }
        return actions + [.report(.closed(nil, reason: "closed")), .closeFinished, .terminate(nil)]
    }

    /// The client gives up: every connection ends, and so does every request.
    private mutating func terminate(with error: CTIClientError) -> [SessionAction] {
        var actions: [SessionAction] = []
        for side in CTISide.allCases where !running[side].phase.isIdle { actions += resetLeg(side) }
        for side in CTISide.allCases { actions.append(.cancel(.reconnect(side))) }
        let ended = running
        state = .closed
        for id in ended.pending.keys.sorted() { actions.append(.resolve(invokeID: id, .failure(error))) }
        if case .neverOpened = ended.history { actions.append(.openFinished(.failure(error))) }
        return actions + [.report(.closed(nil, reason: error.description)), .terminate(error)]
    }

    /// A message for the consumer; held while another side drains.
    private mutating func deliver(_ side: CTISide, _ message: CTIMessage, _ frame: CTIFrame) -> [SessionAction] {
        if let leaving = state.running?.handOff.leaving, side != leaving {
            running.handOff.hold(side, message, frame)
            return []
        }
        return [.deliver(side, message, frame)]
    }

    /// The hand-off is over: what the new side sent is delivered.
    private mutating func flushHeld() -> [SessionAction] {
        guard case .draining(let draining)? = state.running?.handOff else { return [] }
        running.handOff = .none
        return [.cancel(.drain)] + draining.held.map { SessionAction.deliver($0.0, $0.1, $0.2) }
    }

    private func confirmationResult(_ fields: MessageFields, _ message: CTIMessage) -> Result<CTIMessage, CTIClientError> {
        switch fields.descriptor.typeID {
        case SessionMessageType.failureConf: .failure(.requestFailed(status: StatusCode(rawValue: fields.number(.status) ?? fields.number(.failureCode) ?? 0)))
        case SessionMessageType.controlFailureConf:
            .failure(.controlFailed(failureCode: ControlFailureCode(rawValue: fields.number(.failureCode) ?? 0),
                                    peripheralErrorCode: PeripheralErrorCode(rawValue: fields.number(.peripheralErrorCode) ?? 0)))
        default: .success(message)
        }
    }
}

/// The catalogue type numbers of the messages the session machine acts on.
enum SessionMessageType {
    static let openConf = number("OPEN_CONF")
    static let closeConf = number("CLOSE_CONF")
    static let heartbeatConf = number("HEARTBEAT_CONF")
    static let failureConf = number("FAILURE_CONF")
    static let controlFailureConf = number("CONTROL_FAILURE_CONF")
    static let failureEvent = number("FAILURE_EVENT")
    static let activeMaintenanceRequest = number("ACTIVE_MAINTENANCE_REQ_MSG")
    static let activeMaintenanceEvent = number("ACTIVE_MAINTENANCE_EVENT_MSG")
    static let standbyActiveEvent = number("STANDBY_ACTIVE_EVENT_MSG")
    static let systemEvent = number("SYSTEM_EVENT")

    private static func number(_ name: String) -> UInt32 {
        guard let descriptor = MessageCatalog.standard.descriptor(named: name) else { preconditionFailure("no \(name) in the catalogue") }
        return descriptor.typeID
    }
}
