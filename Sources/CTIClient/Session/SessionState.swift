import CTIProtocol

extension SessionStateMachine {
    /// Where the client is, with the data that exists there (`session.md` §13).
    ///
    /// The client as a whole:
    ///
    /// | State       | Input                                          | Actions (in order)                                             | Next state |
    /// |-------------|------------------------------------------------|----------------------------------------------------------------|------------|
    /// | `idle`      | ``start()``                                    | schedule initial-open deadline, report connecting, connect (A; and B active/standby) | `running`  |
    /// | `idle`      | ``close(status:)``                             | closeFinished, terminate                                       | `closed`   |
    /// | `running`   | ``close(status:)``                             | CLOSE_REQ + close timeout per open side, reset the others, cancel reconnects | `closing` (`closed` when no side was open) |
    /// | `running`   | OPEN refused for good, a failure with reconnect off, the initial attempts or deadline used up | reset, cancel reconnects, fail requests, openFinished (first open), report closed, terminate(error) | `closed` |
    /// | `closing`   | the last side's CLOSE_CONF, close timeout or connection end | reset, fail requests, report closed, closeFinished, terminate | `closed` |
    /// | `closing`   | ``close(status:)``                             | none                                                           | `closing`  |
    /// | `closed`    | ``close(status:)``                             | closeFinished                                                  | `closed`   |
    ///
    /// One side's connection, while `running` (``Leg/Phase``):
    ///
    /// | Phase                    | Input                                   | Actions (in order)                                   | Next phase |
    /// |--------------------------|-----------------------------------------|------------------------------------------------------|------------|
    /// | `idle`, `waitingToReconnect` | reconnect timer, ``reconnectNow(to:)`` | report connecting, connect                          | `connecting` |
    /// | `connecting`             | ``connected(_:)``                       | report connected, OPEN_REQ, open timeout             | `opening`  |
    /// | `connecting`             | ``connectFailed(_:reason:)``            | report connectFailed, schedule reconnect             | `idle`; the next side `waitingToReconnect` (single session) |
    /// | `opening`                | OPEN_CONF                               | cancel open timeout, (failedOver), report opened, heartbeat timer, (openFinished) | `open` |
    /// | `opening`                | FAILURE_CONF E_CTI_INVALID_VERSION, `--protocol auto`, an older version left | report versionStepDown, reset, use the older version, connect the same side at once | `connecting` |
    /// | `opening`                | FAILURE_CONF                            | report openRefused, reset, reconnect (the other side at once after a standby refusal) or end | `idle` |
    /// | `opening`                | open timeout                            | reset, report sessionFailed, reconnect               | `idle`     |
    /// | `open`                   | heartbeat timer                         | (report heartbeatMissed), HEARTBEAT_REQ, heartbeatSent, heartbeat timer | `open` |
    /// | `open`                   | HEARTBEAT_CONF                          | heartbeatConfirmed                                   | `open`     |
    /// | `open`                   | 3rd missed heartbeat, FAILURE_EVENT offline, FAILURE_CONF to a heartbeat, connection end | reset, fail its requests, report sessionFailed, reconnect | `idle` |
    /// | `open`                   | STANDBY_ACTIVE_EVENT                    | (report failedOver; drain timer, STOPPING to the old side) | `open` (active) |
    /// | `open`                   | ``close(status:)``                      | CLOSE_REQ, close timeout                             | `closing`  |
    /// | `open`, `opening`, `connecting` | ``reconnectNow(to:)``            | reset, fail its requests, report closed, connect     | `connecting` (or `idle`: the other side connects) |
    /// | `closing`                | CLOSE_CONF, close timeout, connection end | reset, fail its requests                           | `idle`     |
    ///
    /// A maintenance hand-off (``HandOff``, active/standby, `session.md` §9):
    ///
    /// | Hand-off           | Input                                          | Actions                                           | Next |
    /// |--------------------|------------------------------------------------|---------------------------------------------------|------|
    /// | `none`             | ACTIVE_MAINTENANCE_EVENT (proceed) on side S   | report maintenance, stopping timer                | `announced(S)` |
    /// | `announced(S)`     | STANDBY_ACTIVE_EVENT on the other side         | report failedOver, drain timer, STOPPING to S     | `draining` (S leaving) |
    /// | `draining`         | a message from the new side                    | none (held)                                       | `draining` |
    /// | `draining`         | S's connection ends, S fails, or the drain timer | cancel drain, deliver what was held              | `none` |
    enum State: Sendable {
        /// Not started.
        case idle
        /// Started: sides connect, open, fail and reconnect; requests go to the active side.
        case running(Running)
        /// ``SessionStateMachine/close(status:)`` was called: waiting for each closing side's
        /// CLOSE_CONF (or its close timeout).
        case closing(Running)
        /// Ended (closed, or given up): ``SessionAction/terminate(_:)`` was sent.
        case closed
        /// Only while an input changes the running data in place (so that it is not copied).
        case modifying

        /// The data of a started client (`running` or `closing`).
        var running: Running? {
            switch self {
            case .running(let running), .closing(let running): running
            case .idle, .closed, .modifying: nil
            }
        }
    }

    /// What a started client keeps, running or closing.
    struct Running: Sendable {
        var legs: [Leg] = [Leg(), Leg()]
        /// The side requests go to.
        var activeSide: CTISide?
        var history: OpenHistory = .neverOpened(FirstOpen())
        /// Requests waiting for their confirmation, and the side each went to.
        var pending: [UInt32: CTISide] = [:]
        var handOff: HandOff = .none
        var backoff = BackoffProgress()
        /// The version OPEN_REQ asks for: the configured one, or an older one after
        /// E_CTI_INVALID_VERSION (``ClientConfiguration/negotiatesProtocolVersion``).
        var protocolVersion: ProtocolVersion
        var nextInvokeID: UInt32 = 1

        init(protocolVersion: ProtocolVersion) {
            self.protocolVersion = protocolVersion
        }

        subscript(side: CTISide) -> Leg {
            get { legs[side == .a ? 0 : 1] }
            set { legs[side == .a ? 0 : 1] = newValue }
        }

        /// The next InvokeID (1 again after the largest).
        mutating func takeInvokeID() -> UInt32 {
            defer { nextInvokeID = nextInvokeID == UInt32.max ? 1 : nextInvokeID + 1 }
            return nextInvokeID
        }
    }

    /// Whether a session has opened since the client started.
    enum OpenHistory: Hashable, Sendable {
        /// None yet: ``CTIClient/open()`` still waits.
        case neverOpened(FirstOpen)
        /// One has; `lastActive` is the side that last took requests (a failover is reported
        /// when another side opens).
        case opened(lastActive: CTISide)

        var lastActive: CTISide? {
            if case .opened(let side) = self { return side }
            return nil
        }

        var firstOpen: FirstOpen? {
            if case .neverOpened(let first) = self { return first }
            return nil
        }
    }

    /// Before the first open: how many attempts were made (``ClientConfiguration/initialOpenRounds``)
    /// and why each side's last one failed (named when ``CTIClient/open()`` gives up).
    struct FirstOpen: Hashable, Sendable {
        var attempts = 0
        var failures: [CTISide: String] = [:]
    }

    /// Single-session mode: the back-off between attempts (`session.md` §1).
    struct BackoffProgress: Hashable, Sendable {
        /// Consecutive connection or open failures.
        var failures = 0
        /// A standby refusal already sent the client straight to the other side since the last
        /// open: the next one waits its back-off (both sides may call themselves standby while
        /// they switch).
        var redirectedByStandby = false
    }

    /// A maintenance hand-off between the sides (active/standby, `session.md` §9): across it the
    /// consumer sees the old side's last events before the new side's.
    enum HandOff: Sendable {
        case none
        /// ACTIVE_MAINTENANCE_EVENT said this side goes into maintenance; it drains once the
        /// other side becomes active.
        case announced(CTISide)
        /// `leaving` delivers its last messages; what the other side sends waits in `held`.
        case draining(Draining)

        struct Draining: Sendable {
            var leaving: CTISide
            /// The side in maintenance (the leaving one, unless another was announced since).
            var announced: CTISide
            var held: [(CTISide, CTIMessage, CTIFrame)] = []
        }

        /// The side that drains, if one does.
        var leaving: CTISide? {
            if case .draining(let draining) = self { return draining.leaving }
            return nil
        }

        /// A message from the side that is not leaving waits.
        mutating func hold(_ side: CTISide, _ message: CTIMessage, _ frame: CTIFrame) {
            guard case .draining(var draining) = self else { return }
            self = .none  // `held` is appended to in place, not copied
            draining.held.append((side, message, frame))
            self = .draining(draining)
        }

        /// ACTIVE_MAINTENANCE_EVENT (proceed) on `side`.
        mutating func announce(_ side: CTISide) {
            switch self {
            case .none, .announced: self = .announced(side)
            case .draining(var draining):
                draining.announced = side
                self = .draining(draining)
            }
        }

        /// The other side became active: `previous` drains if it was announced; whether it does.
        mutating func startDraining(_ previous: CTISide) -> Bool {
            switch self {
            case .announced(let side) where side == previous:
                self = .draining(Draining(leaving: previous, announced: side))
            case .draining(var draining) where draining.announced == previous:
                draining.leaving = previous
                self = .draining(draining)
            case .none, .announced, .draining:
                return false
            }
            return true
        }
    }
}
