import CTIProtocol

/// A snapshot of the simulator: both sides and every connection (the `status` command).
public struct SimulatorStatus: Hashable, Sendable, CustomStringConvertible {
    public struct Side: Hashable, Sendable {
        public var side: CTISide
        public var port: Int
        public var isListening: Bool
        public var role: SideRole
        public var heartbeatsStopped: Bool
        public var isHung: Bool
        public var inMaintenance: Bool
    }

    public struct Session: Hashable, Sendable {
        public var connection: Int
        public var side: CTISide
        /// `nil` while the connection has no open session.
        public var clientID: String?
        public var services: UInt32
        public var sessionType: OpenConfirmation.SessionType?
        public var versionNumber: UInt32?
        /// Messages not sent to the connection because its protocol version lacks them (issue 20)
        /// or they could not be encoded; the log names each kind once.
        public var notSent: Int = 0
    }

    public struct Flood: Hashable, Sendable {
        public var published: Int
        public var count: Int
        /// Waiting for a client's connection to become writable again.
        public var paused: Bool
    }

    public var host: String
    /// The newest protocol version the simulator speaks (``SimulatorConfiguration/maxProtocol``).
    public var maxProtocol: ProtocolVersion = .v25
    public var activeSide: CTISide
    public var sides: [Side]
    public var sessions: [Session]
    /// Floods in progress: events published so far and requested; `paused` while a client's
    /// connection is not writable.
    public var floods: [Flood]
    /// The next END_CALL_EVENT ConnectionCallID.
    public var nextCallID: UInt32

    /// One side per line, then one connection per line, floods, then the protocol versions spoken.
    public var description: String {
        var lines = sides.map { side -> String in
            var states = [side.isListening ? "listening on \(host):\(side.port)" : "down (port \(side.port))"]
            if side.isListening { states.append(side.role.rawValue) }
            if side.inMaintenance { states.append("in maintenance") }
            if side.heartbeatsStopped { states.append("heartbeats stopped") }
            if side.isHung { states.append("hung") }
            return "side \(side.side): " + states.joined(separator: ", ")
        }
        for session in sessions {
            guard let clientID = session.clientID else {
                lines.append("connection \(session.connection) on \(session.side): no session open")
                continue
            }
            let type = session.sessionType.map { "\($0)" } ?? "unknown"
            lines.append("session \(session.connection) on \(session.side): client \"\(clientID)\" version \(session.versionNumber ?? 0) "
                         + "services \(ServiceBits.describe(session.services)) (\(type))"
                         + (session.notSent == 0 ? "" : ", \(session.notSent) message(s) not sent (see the log)"))
        }
        if sessions.isEmpty { lines.append("no connections") }
        for flood in floods {
            lines.append("flood: \(flood.published)/\(flood.count) published\(flood.paused ? ", paused (a client is not reading)" : "")")
        }
        lines.append("protocol versions \(ProtocolVersion.supported[0]) to \(maxProtocol)")
        return lines.joined(separator: "\n")
    }
}
