import CTIProtocol

extension SessionStateMachine {
    /// One side's connection (`session.md` §1, §13): where it is, with the data that exists there.
    struct Leg: Hashable, Sendable {
        /// Where a side's connection is; each case carries what is only true there.
        enum Phase: Hashable, Sendable {
            /// No connection.
            case idle
            /// No connection; the back-off timer will connect this side (single-session mode).
            case waitingToReconnect
            /// TCP connect in progress.
            case connecting
            /// OPEN_REQ sent with `invokeID`; waiting for OPEN_CONF.
            case opening(invokeID: UInt32)
            /// A session is open.
            case open(OpenSession)
            /// CLOSE_REQ sent with `invokeID`; the session it closes still answers heartbeats.
            case closing(invokeID: UInt32, OpenSession)

            /// No connection (and none in progress).
            var isIdle: Bool {
                switch self {
                case .idle, .waitingToReconnect: true
                case .connecting, .opening, .open, .closing: false
                }
            }

            /// The session of an open or closing connection.
            var session: OpenSession? {
                get {
                    switch self {
                    case .open(let session), .closing(_, let session): session
                    case .idle, .waitingToReconnect, .connecting, .opening: nil
                    }
                }
                set {
                    guard let newValue else { return }
                    switch self {
                    case .open: self = .open(newValue)
                    case .closing(let invokeID, _): self = .closing(invokeID: invokeID, newValue)
                    case .idle, .waitingToReconnect, .connecting, .opening: break
                    }
                }
            }
        }

        var phase: Phase = .idle
        /// Counts connections, so timers of an earlier one are told apart.
        var epoch = 0
        /// Consecutive failures on this side (active/standby mode).
        var failures = 0

        var isOpen: Bool {
            if case .open = phase { return true }
            return false
        }
    }

    /// What an open session keeps: its type and its heartbeats (`session.md` §3, §7, §9).
    struct OpenSession: Hashable, Sendable {
        var type: OpenConfirmation.SessionType
        /// The InvokeID of the HEARTBEAT_REQ not yet confirmed.
        var outstandingHeartbeat: UInt32?
        /// Heartbeat intervals in a row that ended with one unconfirmed.
        var misses = 0
        /// STOPPING_REQUESTS_TO_THIS_SIDE_IND went out (maintenance, `session.md` §9).
        var stoppingSent = false

        init(type: OpenConfirmation.SessionType) {
            self.type = type
        }
    }
}
