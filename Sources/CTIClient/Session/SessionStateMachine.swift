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
public struct SessionStateMachine: Sendable {
    /// One side's connection.
    struct Leg: Sendable {
        enum Phase: Hashable, Sendable {
            case idle
            case connecting
            case opening(invokeID: UInt32)
            case open(OpenConfirmation.SessionType)
            case closing(invokeID: UInt32)
        }

        var phase: Phase = .idle
        /// Counts connections, so timers of an earlier one are told apart.
        var epoch = 0
        var outstandingHeartbeat: UInt32?
        var misses = 0
        /// Consecutive failures on this side (active/standby mode).
        var failures = 0
        var stoppingSent = false

        var isOpen: Bool {
            if case .open = phase { return true }
            return false
        }
    }

    enum Overall: Hashable, Sendable { case idle, running, closing, closed }

    public let configuration: ClientConfiguration
    private var legs: [Leg] = [Leg(), Leg()]
    private var overall: Overall = .idle
    /// The side requests go to.
    public private(set) var activeSide: CTISide?
    private var lastOpenedSide: CTISide?
    private var nextInvokeID: UInt32 = 1
    /// Consecutive connection or open failures (single-session mode).
    private var failures = 0
    /// A standby refusal already sent the client straight to the other side since the last
    /// open: the next one waits its back-off (both sides may call themselves standby while
    /// they switch).
    private var redirectedByStandby = false
    /// Before the first open: why each side's last attempt failed (named when ``CTIClient/open()``
    /// gives up), and how many attempts were made (``ClientConfiguration/initialOpenRounds``).
    private var openFailures: [CTISide: String] = [:]
    private var openAttempts = 0
    /// The side a back-off timer will connect to (single-session mode).
    private var pendingReconnect: CTISide?
    private var hasOpened = false
    private var pending: [UInt32: CTISide] = [:]
    private var readingPaused = false
    /// The side a maintenance hand-off is leaving, and the new side's messages held until it is done.
    private var drainingSide: CTISide?
    private var held: [(CTISide, CTIMessage, CTIFrame)] = []
    private var maintenanceSide: CTISide?
    /// What the last SYSTEM_EVENT SYS_PERIPHERAL_ONLINE/OFFLINE or OPEN_CONF said about the
    /// peripherals (`session.md` §3, §10); `nil` until one came.
    public private(set) var peripheralOnline: Bool?

    public init(configuration: ClientConfiguration) {
        self.configuration = configuration
    }

    private subscript(side: CTISide) -> Leg {
        get { legs[side == .a ? 0 : 1] }
        set { legs[side == .a ? 0 : 1] = newValue }
    }

    /// Whether a session is open on the side requests go to.
    public var isOpen: Bool { activeSide.map { self[$0].isOpen } ?? false }
    /// Whether the client has ended.
    public var isClosed: Bool { overall == .closed }
    /// Requests waiting for their confirmation.
    public var pendingRequestCount: Int { pending.count }

    /// Where a side's connection is (``CTIClient/status()``).
    public func state(of side: CTISide) -> ClientStatus.LegState {
        switch self[side].phase {
        case .idle: overall == .closed ? .closed : (pendingReconnect == side ? .waitingToReconnect : .idle)
        case .connecting: .connecting
        case .opening: .opening
        case .open(let type): type == .standby && configuration.isActiveStandby ? .openStandby : .open
        case .closing: .closing
        }
    }

    // MARK: - Inputs

    /// Starts connecting: side A (and, active/standby, side B at the same time).
    public mutating func start() -> [SessionAction] {
        guard overall == .idle else { return [] }
        overall = .running
        var actions: [SessionAction] = []
        if let deadline = configuration.initialOpenDeadline { actions.append(.schedule(.initialOpen, after: deadline)) }
        actions += connect(.a)
        if configuration.isActiveStandby { actions += connect(.b) }
        return actions
    }

    /// A reconnect timer fired.
    public mutating func reconnectDue(_ side: CTISide) -> [SessionAction] {
        guard overall == .running, self[side].phase == .idle else { return [] }
        return connect(side)
    }

    /// Reconnects at once, skipping the back-off (the console's `reconnect`). Single-session
    /// mode: the session or attempt in progress ends and `side` is connected (default: the
    /// other side than the one in use, or the side the back-off was waiting for). Active/standby
    /// mode: `side`'s connection is made again (default: every side waiting for its back-off).
    /// Requests pending on a connection that ends fail with ``CTIClientError/connectionLost(_:)``.
    public mutating func reconnectNow(to side: CTISide? = nil) -> [SessionAction] {
        guard overall == .running else { return [] }
        let reason = "reconnect requested"
        var actions: [SessionAction] = []
        if configuration.isActiveStandby {
            for target in side.map({ [$0] }) ?? CTISide.allCases.filter({ self[$0].phase == .idle }) {
                actions += end(target, reason: reason) + [.cancel(.reconnect(target))] + connect(target)
            }
            return actions
        }
        let inUse = CTISide.allCases.first { self[$0].phase != .idle }
        let target = configuration.sideB == nil ? .a : side ?? inUse?.other ?? pendingReconnect ?? .a
        for used in CTISide.allCases where self[used].phase != .idle { actions += end(used, reason: reason) }
        failures = 0
        redirectedByStandby = false
        return actions + CTISide.allCases.map { .cancel(.reconnect($0)) } + connect(target)
    }

    /// The TCP connection to a side is up.
    public mutating func connected(_ side: CTISide) -> [SessionAction] {
        guard overall == .running, self[side].phase == .connecting else { return [.reset(side)] }
        let invokeID = takeInvokeID()
        self[side].phase = .opening(invokeID: invokeID)
        var request = configuration.open
        request.invokeID = invokeID
        request.versionNumber = configuration.protocolVersion.number
        request.idleTimeout = configuration.idleTimeout
        return [
            .report(.connected(side, configuration.endpoint(side))),
            .send(side, .fields(request.fields)),
            .schedule(.openTimeout(side, epoch: self[side].epoch), after: configuration.openTimeout),
        ]
    }

    /// A connection attempt failed.
    public mutating func connectFailed(_ side: CTISide, reason: String) -> [SessionAction] {
        guard self[side].phase == .connecting else { return [] }
        self[side].phase = .idle
        noteOpenFailure(side, reason)
        guard overall == .running else { return finishIfIdle() }
        return retry(after: side, reason: reason)
    }

    /// A message arrived on a side.
    public mutating func received(_ side: CTISide, _ message: CTIMessage, frame: CTIFrame) -> [SessionAction] {
        guard case .fields(let fields) = message else { return deliver(side, message, frame) }
        // Told apart by type number (this runs for every message; names would be string compares).
        let type = fields.descriptor.typeID
        let invokeID = fields.descriptor.hasInvokeID && fields.fixedCount > 0 ? fields.fixedValue(at: 0) : nil
        switch self[side].phase {
        case .opening(let expected) where invokeID == expected && type == SessionMessageType.openConf:
            return opened(side, OpenConfirmation(fields)!)
        case .opening(let expected) where invokeID == expected && type == SessionMessageType.failureConf:
            return openRefused(side, status: StatusCode(rawValue: fields.number(.status) ?? fields.number(.failureCode) ?? 0))
        case .closing(let expected) where invokeID == expected && type == SessionMessageType.closeConf:
            return closedCleanly(side)
        case .open, .closing:
            break
        case .idle, .connecting, .opening:
            return deliver(side, message, frame)
        }

        if type == SessionMessageType.heartbeatConf {
            guard invokeID == self[side].outstandingHeartbeat else { return [] }
            self[side].outstandingHeartbeat = nil
            self[side].misses = 0
            return [.heartbeatConfirmed(side)]
        }
        if type == SessionMessageType.failureConf, let invokeID, invokeID == self[side].outstandingHeartbeat {
            return fail(side, reason: "FAILURE_CONF to a heartbeat: the server is offline")
        }
        if let invokeID, fields.descriptor.isConfirmation, let waiting = pending[invokeID], waiting == side {
            pending[invokeID] = nil
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
                maintenanceSide = side
                // The guide wants STOPPING_REQUESTS_TO_THIS_SIDE_IND within 5 s of this event.
                actions.append(.schedule(.stopping(side, epoch: self[side].epoch), after: .seconds(4)))
            }
            return actions
        case SessionMessageType.standbyActiveEvent:
            return becameActive(side)
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
        switch self[side].phase {
        case .idle:
            return []
        case .connecting:
            return connectFailed(side, reason: reason)
        case .closing:
            return closedCleanly(side)
        case .opening, .open:
            if side == drainingSide {
                var actions = flushHeld()
                self[side] = Leg(epoch: self[side].epoch, failures: self[side].failures)
                actions.append(.report(.closed(side, reason: "side in maintenance")))
                actions += failPending(on: side, error: .connectionLost(reason))
                if overall == .running { actions += scheduleLegRetry(side, reason: reason) }
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
            guard self[side].epoch == epoch, self[side].isOpen else { return [] }
            return heartbeatDue(side)
        case .openTimeout(let side, let epoch):
            guard self[side].epoch == epoch, case .opening = self[side].phase else { return [] }
            return fail(side, reason: "no OPEN_CONF within \(configuration.openTimeout)")
        case .closeTimeout(let side, let epoch):
            guard self[side].epoch == epoch, case .closing = self[side].phase else { return [] }
            return closedCleanly(side)
        case .request(let invokeID):
            guard pending.removeValue(forKey: invokeID) != nil else { return [] }
            return [.resolve(invokeID: invokeID, .failure(.requestTimedOut))]
        case .drain:
            return flushHeld()
        case .stopping(let side, let epoch):
            guard self[side].epoch == epoch, self[side].isOpen, !self[side].stoppingSent else { return [] }
            self[side].stoppingSent = true
            return [.send(side, SessionMessages.stoppingRequestsToThisSide())]
        case .initialOpen:
            guard !hasOpened, overall == .running else { return [] }
            return terminate(with: .unreachable(openFailureSummary()))
        }
    }

    /// The consumer stopped (or resumed) reading: heartbeats unconfirmed meanwhile are our
    /// delay, not the server's, and are not counted.
    public mutating func readingPaused(_ paused: Bool) {
        readingPaused = paused
        if !paused {
            for side in CTISide.allCases { self[side].misses = 0 }
        }
    }

    /// Sends a request: gives it an InvokeID and routes it to the active side.
    public mutating func send(_ request: MessageFields) -> (invokeID: UInt32?, actions: [SessionAction]) {
        guard overall == .running, let side = activeSide, self[side].isOpen else {
            return (nil, [])
        }
        var request = request
        let invokeID = takeInvokeID()
        if request.descriptor.hasInvokeID { request.fixed[0] = invokeID }
        pending[invokeID] = side
        return (invokeID, [.send(side, .fields(request)), .schedule(.request(invokeID: invokeID), after: configuration.requestTimeout)])
    }

    /// Gives a pending request up: it fails with ``CTIClientError/cancelled``; a confirmation
    /// that arrives later goes to the event stream.
    public mutating func cancel(invokeID: UInt32) -> [SessionAction] {
        guard pending.removeValue(forKey: invokeID) != nil else { return [] }
        return [.cancel(.request(invokeID: invokeID)), .resolve(invokeID: invokeID, .failure(.cancelled))]
    }

    /// Closes the session(s): CLOSE_REQ with `status` on every open side.
    public mutating func close(status: StatusCode = .noError) -> [SessionAction] {
        switch overall {
        case .closed: return [.closeFinished]
        case .closing: return []
        case .idle:
            overall = .closed
            return [.closeFinished, .terminate(nil)]
        case .running: break
        }
        overall = .closing
        var actions: [SessionAction] = []
        for side in CTISide.allCases {
            switch self[side].phase {
            case .open:
                let invokeID = takeInvokeID()
                self[side].phase = .closing(invokeID: invokeID)
                actions.append(.send(side, SessionMessages.closeRequest(invokeID: invokeID, status: status)))
                actions.append(.schedule(.closeTimeout(side, epoch: self[side].epoch), after: configuration.closeTimeout))
            case .connecting, .opening:
                actions += resetLeg(side)
            case .idle, .closing:
                break
            }
            actions.append(.cancel(.reconnect(side)))
        }
        return actions + finishIfIdle()
    }

    // MARK: - Steps

    private mutating func takeInvokeID() -> UInt32 {
        defer { nextInvokeID = nextInvokeID == UInt32.max ? 1 : nextInvokeID + 1 }
        return nextInvokeID
    }

    private mutating func connect(_ side: CTISide) -> [SessionAction] {
        self[side].phase = .connecting
        self[side].epoch += 1
        if pendingReconnect == side { pendingReconnect = nil }
        if !hasOpened { openAttempts += 1 }
        return [.report(.connecting(side, configuration.endpoint(side))), .connect(side)]
    }

    private mutating func opened(_ side: CTISide, _ confirmation: OpenConfirmation) -> [SessionAction] {
        self[side].phase = .open(confirmation.sessionType)
        self[side].failures = 0
        self[side].outstandingHeartbeat = nil
        self[side].misses = 0
        self[side].stoppingSent = false
        failures = 0
        redirectedByStandby = false
        peripheralOnline = confirmation.peripheralOnline
        var actions: [SessionAction] = [.cancel(.openTimeout(side, epoch: self[side].epoch))]
        let becomesActive = !configuration.isActiveStandby || confirmation.sessionType != .standby
        if becomesActive {
            if let previous = lastOpenedSide, previous != side, hasOpened { actions.append(.report(.failedOver(from: previous, to: side))) }
            activeSide = side
            lastOpenedSide = side
        }
        actions.append(.report(.opened(side, confirmation)))
        if let interval = configuration.heartbeatInterval {
            actions.append(.schedule(.heartbeat(side, epoch: self[side].epoch), after: interval))
        }
        if !hasOpened, becomesActive {
            hasOpened = true
            actions.append(.cancel(.initialOpen))
            actions.append(.openFinished(.success(confirmation)))
        }
        return actions
    }

    private mutating func openRefused(_ side: CTISide, status: StatusCode) -> [SessionAction] {
        var actions: [SessionAction] = [.report(.openRefused(side, status: status))]
        actions += resetLeg(side)
        let reason = "OPEN refused: \(CTIClientError.statusName(status))"
        noteOpenFailure(side, reason)
        // A standby side says the other one is active: go there at once (single-session mode).
        if status == .invalidClientForStandby, configuration.sideB != nil, !configuration.isActiveStandby, !redirectedByStandby {
            redirectedByStandby = true
            return actions + retry(after: side, reason: reason, immediately: true)
        }
        if CTIClientError.isTransientOpenStatus(status) || configuration.retryRefusedOpen {
            return actions + retry(after: side, reason: reason)
        }
        return actions + terminate(with: .openRefused(status: status))
    }

    private mutating func heartbeatDue(_ side: CTISide) -> [SessionAction] {
        var actions: [SessionAction] = []
        if self[side].outstandingHeartbeat != nil, !readingPaused {
            self[side].misses += 1
            actions.append(.report(.heartbeatMissed(side, count: self[side].misses)))
            if self[side].misses >= 3 {
                return actions + fail(side, reason: "3 heartbeats unconfirmed")
            }
        }
        let invokeID = takeInvokeID()
        self[side].outstandingHeartbeat = invokeID
        actions.append(.send(side, SessionMessages.heartbeatRequest(invokeID: invokeID)))
        actions.append(.heartbeatSent(side))
        if let interval = configuration.heartbeatInterval {
            actions.append(.schedule(.heartbeat(side, epoch: self[side].epoch), after: interval))
        }
        return actions
    }

    private mutating func becameActive(_ side: CTISide) -> [SessionAction] {
        let previous = activeSide ?? lastOpenedSide
        self[side].phase = .open(.active)
        activeSide = side
        lastOpenedSide = side
        var actions: [SessionAction] = []
        if let previous, previous != side {
            actions.append(.report(.failedOver(from: previous, to: side)))
            if self[previous].isOpen {
                self[previous].phase = .open(.standby)
                if maintenanceSide == previous {
                    drainingSide = previous
                    actions.append(.schedule(.drain, after: .seconds(5)))
                    if !self[previous].stoppingSent {
                        self[previous].stoppingSent = true
                        actions.append(.send(previous, SessionMessages.stoppingRequestsToThisSide()))
                    }
                }
            }
        }
        if !hasOpened {
            hasOpened = true
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
        if side == drainingSide { actions += flushHeld() }
        if activeSide == side { activeSide = nil }
        noteOpenFailure(side, reason)
        guard overall == .running else { return actions + finishIfIdle() }
        if hasOpened && !configuration.reconnect {
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
            self[side].failures += 1
            let delay = configuration.backoff.delay(afterFailures: max(2, self[side].failures))
            return [.report(.connectFailed(side, reason: reason, nextSide: side, retryIn: delay)),
                    .schedule(.reconnect(side), after: delay)]
        }
        failures += 1
        let next = configuration.sideB == nil ? .a : side.other
        let delay = immediately ? .zero : configuration.backoff.delay(afterFailures: configuration.sideB == nil ? max(2, failures) : failures)
        pendingReconnect = next
        return [.report(.connectFailed(side, reason: reason, nextSide: next, retryIn: delay)), .schedule(.reconnect(next), after: delay)]
    }

    private mutating func scheduleLegRetry(_ side: CTISide, reason: String) -> [SessionAction] {
        if let givenUp = openAttemptsExhausted(after: side, reason: reason) { return givenUp }
        self[side].failures += 1
        return [.schedule(.reconnect(side), after: configuration.backoff.delay(afterFailures: max(2, self[side].failures)))]
    }

    /// Before the first open: why `side` failed, for the error that names every side.
    private mutating func noteOpenFailure(_ side: CTISide, _ reason: String) {
        if !hasOpened { openFailures[side] = reason }
    }

    /// The sides the client uses: A, and B when configured.
    private var configuredSides: [CTISide] { configuration.sideB == nil ? [.a] : [.a, .b] }

    /// With ``ClientConfiguration/initialOpenRounds``, before the first open: once every side
    /// had its attempts, a failure schedules no retry, and the client ends (naming every side
    /// and why it failed) when no attempt is left in progress; `nil` otherwise.
    private mutating func openAttemptsExhausted(after side: CTISide, reason: String) -> [SessionAction]? {
        guard !hasOpened, let rounds = configuration.initialOpenRounds, openAttempts >= rounds * configuredSides.count else { return nil }
        let report = SessionAction.report(.connectFailed(side, reason: reason, nextSide: nil, retryIn: nil))
        guard legs.allSatisfy({ $0.phase == .idle }) else { return [report] }
        return [report] + terminate(with: .unreachable(openFailureSummary()))
    }

    /// Every configured side, where it is and why its last attempt failed:
    /// `side A 10.0.0.1:42027: connection refused; side B 10.0.0.2:43027: no OPEN_CONF within 5.0 seconds`.
    private func openFailureSummary() -> String {
        configuredSides.map { side in
            let failure = openFailures[side]
            let state = switch self[side].phase {
            case .connecting: "still connecting" + (failure.map { " (before: \($0))" } ?? "")
            case .opening: "connected, no OPEN_CONF yet" + (failure.map { " (before: \($0))" } ?? "")
            default: failure ?? "not tried"
            }
            return "side \(side) \(configuration.endpoint(side)): \(state)"
        }.joined(separator: "; ")
    }

    /// Ends a side's connection at the client's wish (``reconnectNow(to:)``).
    private mutating func end(_ side: CTISide, reason: String) -> [SessionAction] {
        guard self[side].phase != .idle else { return [] }
        var actions = resetLeg(side)
        actions += failPending(on: side, error: .connectionLost(reason))
        actions.append(.report(.closed(side, reason: reason)))
        if side == drainingSide { actions += flushHeld() }
        if activeSide == side { activeSide = nil }
        return actions
    }

    private mutating func resetLeg(_ side: CTISide) -> [SessionAction] {
        let epoch = self[side].epoch
        let failures = self[side].failures
        self[side] = Leg(epoch: epoch, failures: failures)
        return [.reset(side)]
    }

    private mutating func failPending(on side: CTISide, error: CTIClientError) -> [SessionAction] {
        let ids = pending.filter { $0.value == side }.map(\.key).sorted()
        for id in ids { pending[id] = nil }
        return ids.flatMap { [SessionAction.cancel(.request(invokeID: $0)), .resolve(invokeID: $0, .failure(error))] }
    }

    private mutating func finishIfIdle() -> [SessionAction] {
        guard overall == .closing, legs.allSatisfy({ $0.phase == .idle }) else { return [] }
        overall = .closed
        activeSide = nil
        var actions: [SessionAction] = []
        for id in pending.keys.sorted() { actions.append(.resolve(invokeID: id, .failure(.closed))) }
        pending = [:]
        // Closed while still opening: the caller of open() learns it.
        if !hasOpened { actions.append(.openFinished(.failure(.closed))) }
        return actions + [.report(.closed(nil, reason: "closed")), .closeFinished, .terminate(nil)]
    }

    private mutating func terminate(with error: CTIClientError) -> [SessionAction] {
        var actions: [SessionAction] = []
        for side in CTISide.allCases where self[side].phase != .idle { actions += resetLeg(side) }
        for side in CTISide.allCases { actions.append(.cancel(.reconnect(side))) }
        for id in pending.keys.sorted() { actions.append(.resolve(invokeID: id, .failure(error))) }
        pending = [:]
        overall = .closed
        activeSide = nil
        if !hasOpened { actions.append(.openFinished(.failure(error))) }
        return actions + [.report(.closed(nil, reason: error.description)), .terminate(error)]
    }

    private mutating func deliver(_ side: CTISide, _ message: CTIMessage, _ frame: CTIFrame) -> [SessionAction] {
        if let drainingSide, side != drainingSide {
            held.append((side, message, frame))
            return []
        }
        return [.deliver(side, message, frame)]
    }

    private mutating func flushHeld() -> [SessionAction] {
        guard drainingSide != nil else { return [] }
        drainingSide = nil
        maintenanceSide = nil
        let actions = held.map { SessionAction.deliver($0.0, $0.1, $0.2) }
        held = []
        return [.cancel(.drain)] + actions
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

extension SessionStateMachine.Leg {
    init(epoch: Int, failures: Int) {
        self.init()
        self.epoch = epoch
        self.failures = failures
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
