import Histogram

/// What `stats` (REPL, script) and `cti watch --stats` report about a session (issue 21): the
/// events by message type, each request type's round trip (from the request going out to its
/// confirmation, FAILURE_CONF or CONTROL_FAILURE_CONF) as an HdrHistogram, the heartbeats'
/// round trip, and the refusals by code.
///
/// A value driven step by step: ``event(_:)`` for each event read, ``requestSent(_:invokeID:connection:at:)``
/// and ``confirmation(invokeID:connection:at:outcome:)`` for each request and its answer (a
/// count each, and one histogram record per confirmation). Times are the caller's monotonic
/// clock, as durations since any fixed origin.
struct SessionStatistics {
    /// How a request was answered.
    enum Outcome: Equatable {
        /// Its own confirmation.
        case confirmed
        /// Refused: the refusal's message type and code name (`FAILURE_CONF`, `E_CTI_INVALID_CALLID`).
        case refused(message: String, code: String)
    }

    /// One request type's (or the heartbeats') round trips.
    struct RoundTrips {
        /// Microseconds; up to an hour, three significant digits.
        private(set) var histogram = Histogram<UInt64>(highestTrackableValue: RoundTrips.highestMicroseconds, numberOfSignificantValueDigits: .three)
        /// Confirmations received (refusals included).
        var count: UInt64 { histogram.totalCount }
        /// Refused with FAILURE_CONF or CONTROL_FAILURE_CONF.
        private(set) var refused: UInt64 = 0

        static let highestMicroseconds: UInt64 = 3_600_000_000

        mutating func record(_ latency: Duration, refused isRefusal: Bool) {
            let microseconds = max(0, latency / .microseconds(1))
            _ = histogram.record(min(UInt64(microseconds), RoundTrips.highestMicroseconds))
            if isRefusal { refused += 1 }
        }

        /// The round trip at `percentile` (0-100), in microseconds.
        func microseconds(atPercentile percentile: Double) -> UInt64 { histogram.valueAtPercentile(percentile) }
        /// The longest round trip, in microseconds.
        var maximumMicroseconds: UInt64 { histogram.max }
    }

    /// A request waiting for its answer: one connection's InvokeID.
    private struct Pending: Hashable {
        var connection: Int
        var invokeID: UInt32
    }

    /// When the counting started.
    let start: Duration
    /// Events read, by message type name.
    private(set) var events: [String: UInt64] = [:]
    /// Round trips by request type name (heartbeats apart, in ``heartbeats``).
    private(set) var requests: [String: RoundTrips] = [:]
    private(set) var heartbeats = RoundTrips()
    /// Refusals by message type and code name.
    private(set) var failures: [Failure: UInt64] = [:]
    /// Requests sent and not answered yet (a lost connection forgets its own).
    private var pending: [Pending: (name: String, sentAt: Duration)] = [:]

    /// A refusal's message type (FAILURE_CONF, CONTROL_FAILURE_CONF) and code name.
    struct Failure: Hashable, Comparable {
        var message: String
        var code: String

        static func < (lhs: Failure, rhs: Failure) -> Bool { (lhs.message, lhs.code) < (rhs.message, rhs.code) }
    }

    /// The request type the heartbeats are, kept in ``heartbeats`` rather than ``requests``.
    static let heartbeatRequest = "HEARTBEAT_REQ"

    init(start: Duration) {
        self.start = start
    }

    /// One event read (a message of the event stream), by its type name.
    mutating func event(_ name: String) {
        events[name, default: 0] += 1
    }

    /// A request of type `name` went out on `connection` at `time`.
    mutating func requestSent(_ name: String, invokeID: UInt32, connection: Int, at time: Duration) {
        pending[Pending(connection: connection, invokeID: invokeID)] = (name, time)
    }

    /// An answer to InvokeID `invokeID` came in on `connection` at `time`. Returns false when
    /// no request of that connection waits for it.
    @discardableResult
    mutating func confirmation(invokeID: UInt32, connection: Int, at time: Duration, outcome: Outcome) -> Bool {
        guard let sent = pending.removeValue(forKey: Pending(connection: connection, invokeID: invokeID)) else { return false }
        let latency = time - sent.sentAt
        var isRefusal = false
        if case .refused(let message, let code) = outcome {
            failures[Failure(message: message, code: code), default: 0] += 1
            isRefusal = true
        }
        if sent.name == SessionStatistics.heartbeatRequest {
            heartbeats.record(latency, refused: isRefusal)
        } else {
            requests[sent.name, default: RoundTrips()].record(latency, refused: isRefusal)
        }
        return true
    }

    /// Whether a request of `connection` waits for InvokeID `invokeID`.
    func isPending(invokeID: UInt32, connection: Int) -> Bool {
        pending[Pending(connection: connection, invokeID: invokeID)] != nil
    }

    /// `connection` ended: its unanswered requests will get no answer.
    mutating func connectionEnded(_ connection: Int) {
        pending = pending.filter { $0.key.connection != connection }
    }
}
