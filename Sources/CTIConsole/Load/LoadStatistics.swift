import CTIProtocol

/// What a `cti load` run counts (issue 22), as a value the virtual agents feed through
/// ``LoadRecorder``: each agent's place on the board and the events it received, each request
/// type's round trips (HdrHistogram, ``SessionStatistics/RoundTrips``) and refusals by code, the
/// sessions opened, lost and closed, the calls, and how long each lost session took to be back
/// with its state learned again.
struct LoadStatistics {
    /// Where an agent is, for the progress line and the end's check that every session closed.
    enum Board: Hashable, Sendable, CaseIterable {
        /// Not started yet (the ramp).
        case waiting
        /// Opening its session (or learning its state).
        case connecting
        case loggedOut
        case notReady
        case available
        /// Reserved, talking or on hold.
        case onCall
        case wrapUp
        /// Session lost, the client reconnecting.
        case lost
        /// Its session never opened.
        case failed
        /// Session closed at the end.
        case closed

        /// The board of an agent in `state` (while its session is open).
        init(_ state: AgentState) {
            switch state {
            case .logout: self = .loggedOut
            case .notReady: self = .notReady
            case .available: self = .available
            case .workReady, .workNotReady: self = .wrapUp
            case .login: self = .connecting
            default: self = .onCall
            }
        }

        /// Its name in the progress line and the JSON summary.
        var label: String {
            switch self {
            case .waiting: "waiting"
            case .connecting: "connecting"
            case .loggedOut: "logged-out"
            case .notReady: "not-ready"
            case .available: "available"
            case .onCall: "on-call"
            case .wrapUp: "wrap-up"
            case .lost: "lost"
            case .closed: "closed"
            case .failed: "failed"
            }
        }
    }

    /// The calls the agents saw and made.
    struct Calls: Equatable {
        /// Delivered to an agent's instrument.
        var offered: UInt64 = 0
        /// ANSWER_CALL_CONF received.
        var answered: UInt64 = 0
        /// MAKE_CALL_CONF received.
        var made: UInt64 = 0
        /// Hung up by the agent after its talk time (CLEAR_CONNECTION_CONF).
        var hungUp: UInt64 = 0
        /// Nailed connections (`--persistent`) that came up.
        var persistentUp: UInt64 = 0
        /// Nailed connections that ended before the agent logged out.
        var persistentLost: UInt64 = 0
        /// `--make-rate` calls for which no agent was available and idle.
        var notPlaced: UInt64 = 0
    }

    /// Session counts.
    struct Sessions: Equatable {
        /// Sessions that opened the first time.
        var opened: UInt64 = 0
        /// Losses (a session that failed after it opened).
        var lost: UInt64 = 0
        /// Sessions open again after a loss.
        var reopened: UInt64 = 0
        /// Sessions closed at the end (CLOSE_REQ sent).
        var closed: UInt64 = 0
        /// Agents whose session never opened.
        var neverOpened: UInt64 = 0
    }

    private(set) var boards: [Board]
    /// Events received by each agent.
    private(set) var eventsPerAgent: [UInt64]
    private(set) var eventsByType: [String: UInt64] = [:]
    /// `--bridge`: events the session received about no agent of the run.
    private(set) var eventsForNoAgent: UInt64 = 0
    private(set) var requests: [String: SessionStatistics.RoundTrips] = [:]
    /// The requests of the stop (hang-ups, not ready, logouts all at once), apart: they would
    /// otherwise stand for the work's round trips.
    private(set) var stopRequests: [String: SessionStatistics.RoundTrips] = [:]
    /// Every request's round trip together (the progress line's p99).
    private(set) var allRequests = SessionStatistics.RoundTrips()
    /// Refusals by message and Cisco code; requests never answered by what happened to them.
    private(set) var failures: [SessionStatistics.Failure: UInt64] = [:]
    /// Requests whose connection was lost before their answer (failover: not the server's refusal).
    private(set) var requestsLostWithConnection: UInt64 = 0
    var calls = Calls()
    private(set) var sessions = Sessions()
    /// The protocol versions the sessions opened with.
    private(set) var protocolVersions: Set<UInt32> = []
    /// Why sessions did not open, by reason.
    private(set) var openFailures: [String: UInt64] = [:]
    /// Agents that lost their session while working (with `--bridge`, all of them at each loss
    /// of the one session).
    private(set) var agentsLost: UInt64 = 0
    /// From the failure (or the agent's seeing its session lost) until the state was learned again.
    private(set) var recovery = SessionStatistics.RoundTrips()

    init(agents: Int) {
        boards = Array(repeating: .waiting, count: agents)
        eventsPerAgent = Array(repeating: 0, count: agents)
    }

    var agentCount: Int { boards.count }

    /// How many agents are on each board.
    var boardCounts: [Board: Int] {
        boards.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    var failureCount: UInt64 { failures.values.reduce(0, +) }

    mutating func move(_ agent: Int, to board: Board) { boards[agent] = board }

    mutating func event(_ agent: Int, _ name: String) {
        eventsPerAgent[agent] += 1
        eventsByType[name, default: 0] += 1
    }

    /// `--bridge`: an event about no agent of the run (another device's call, a system event).
    mutating func eventForNoAgent(_ name: String) {
        eventsForNoAgent += 1
        eventsByType[name, default: 0] += 1
    }

    /// A request answered (refused or not) after `latency`; `stopping`: one of the stop's.
    mutating func request(_ name: String, latency: Duration, refusal: SessionStatistics.Failure?, stopping: Bool = false) {
        if stopping {
            stopRequests[name, default: SessionStatistics.RoundTrips()].record(latency, refused: refusal != nil)
        } else {
            requests[name, default: SessionStatistics.RoundTrips()].record(latency, refused: refusal != nil)
            allRequests.record(latency, refused: refusal != nil)
        }
        if let refusal { failures[refusal, default: 0] += 1 }
    }

    /// A request that got no answer: `reason` names why (a timeout is a failure; a lost
    /// connection is counted apart).
    mutating func unanswered(_ name: String, timedOut: Bool, reason: String) {
        if timedOut {
            failures[SessionStatistics.Failure(message: name, code: reason), default: 0] += 1
        } else {
            requestsLostWithConnection += 1
        }
    }

    mutating func sessionOpened(again: Bool) {
        if again { sessions.reopened += 1 } else { sessions.opened += 1 }
    }

    /// A session opened speaking `version` (`--protocol auto` may settle lower).
    mutating func spoke(_ version: UInt32) { protocolVersions.insert(version) }

    mutating func sessionLost() { sessions.lost += 1 }

    /// An agent lost its session (its own, or the bridge's) while working.
    mutating func agentLost() { agentsLost += 1 }

    mutating func sessionClosed() { sessions.closed += 1 }

    /// A session that never opened, and why (`OPEN_REQ E_CTI_INVALID_PASSWORD`, `unreachable`).
    mutating func openFailed(_ reason: String) {
        sessions.neverOpened += 1
        openFailures[reason, default: 0] += 1
    }

    mutating func recovered(after duration: Duration) {
        recovery.record(duration, refused: false)
    }
}
