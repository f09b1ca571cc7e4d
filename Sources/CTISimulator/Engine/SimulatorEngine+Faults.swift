import CTIProtocol
import NIOCore

/// Fault injection (`heartbeats`, `hang`, `kill`, `revive`, `drop`, `offline`, `malformed`, `garbage`).
/// Each returns the line the command prints; the log gets one line too.
extension SimulatorEngine {
    /// `heartbeats stop|resume`. A side that stops answering is a failed CTI Server: when it
    /// was active, the other side takes over, as a duplexed PG does (so a client that detects
    /// the failure by its heartbeats and alternates finds the other side active).
    func setHeartbeats(on side: CTISide, answered: Bool) -> String {
        sides[side]!.heartbeatsStopped = !answered
        sides[side]!.firstIgnoredHeartbeat = nil
        var line = answered ? "side \(side): heartbeats answered again" : "side \(side): heartbeats stopped (HEARTBEAT_REQ not answered)"
        log(line)
        if !answered { line += failOver(from: side, because: "side \(side) stopped answering heartbeats") }
        if answered { line += releasedNote(releaseSessionsOfStandbySide(side)) }
        return line
    }

    private func releasedNote(_ count: Int) -> String {
        count == 0 ? "" : "; standby: \(count) single-session client(s) told E_CTI_CTI_SERVER_OFFLINE and closed"
    }

    /// Makes the other side active when `side` is active and the other one can serve.
    private func failOver(from side: CTISide, because reason: String) -> String {
        let other = side.other
        guard activeSide == side, sides[other]!.isListening, !sides[other]!.isHung, !sides[other]!.heartbeatsStopped else { return "" }
        activate(other, because: reason)
        return "; side \(other) is active"
    }

    func firstIgnoredHeartbeat(on side: CTISide) -> EventLoopFuture<ContinuousClock.Instant> {
        if let instant = sides[side]!.firstIgnoredHeartbeat { return loop.makeSucceededFuture(instant) }
        guard !isStopped else { return loop.makeFailedFuture(SimulatorError.stopped) }
        let promise = loop.makePromise(of: ContinuousClock.Instant.self)
        sides[side]!.heartbeatWaiters.append(promise)
        return promise.futureResult
    }

    /// `hang`: stop reading (autoRead off) and answering; the idle watchdogs stop too.
    func setHung(_ side: CTISide, _ hung: Bool) -> String {
        guard sides[side]!.isHung != hung else { return "side \(side) is already \(hung ? "hung" : "running")" }
        sides[side]!.isHung = hung
        for id in connectionIDs(on: side) {
            let channel = connections[id]!.channel
            try? channel.syncOptions?.setOption(.autoRead, value: !hung)
            if !hung { channel.read() }
            restartIdleTimer(id)
        }
        if !hung { resumePausedFloods() }
        var line = hung ? "side \(side): hung (not reading, not answering; connections stay open)" : "side \(side): reading and answering again"
        log(line)
        if hung { line += failOver(from: side, because: "side \(side) hung") }
        if !hung { line += releasedNote(releaseSessionsOfStandbySide(side)) }
        return line
    }

    /// `kill`: the side's listener and connections close; if it was active, the other side
    /// takes over and tells its ACTIVE_STANDBY sessions (STANDBY_ACTIVE_EVENT_MSG). Completes
    /// once the listening socket is closed, so `revive` can bind the port again.
    func kill(_ side: CTISide) -> EventLoopFuture<String> {
        guard let listener = sides[side]!.listener else { return loop.makeSucceededFuture("side \(side) is already down") }
        sides[side]!.listener = nil
        let closed = listener.close()
        if maintenance != nil { abortMaintenance(because: "side \(side) killed") }
        let ids = connectionIDs(on: side)
        for id in ids { close(id, reason: "side \(side) killed", mode: .reset) }
        var line = "side \(side): killed (listener and \(ids.count) connection(s) closed)"
        log(line)
        if activeSide == side && sides[side.other]!.isListening {
            activate(side.other, because: "side \(side) killed")
            line += "; side \(side.other) is active"
        }
        let result = line
        return closed.map { result }.recover { _ in result }
    }

    /// `revive`: listen again on the side's port, as standby (active if the other side is down).
    func revive(_ side: CTISide) -> EventLoopFuture<String> {
        guard !isStopped else { return loop.makeFailedFuture(SimulatorError.stopped) }
        guard !sides[side]!.isListening else { return loop.makeSucceededFuture("side \(side) is already up") }
        let port = sides[side]!.port
        sides[side] = SideState(port: port)
        if !sides[side.other]!.isListening { activeSide = side }
        return listen(side).map {
            if self.activeSide == side { self.emit(.sideActivated(side)) }
            return "side \(side): listening on \(self.configuration.host):\(self.sides[side]!.port) (\(self.role(of: side)))"
        }
    }

    /// Makes `side` the active side and sends STANDBY_ACTIVE_EVENT_MSG to its ACTIVE_STANDBY
    /// sessions (`session.md` §9). Atomic with publishing: both run on the engine's loop.
    func activate(_ side: CTISide, because reason: String) {
        activeSide = side
        let ids = connectionIDs(on: side, openOnly: true).filter { connections[$0]!.session!.followsActiveStandby }
        for id in ids { send(SessionMessages.standbyActiveEvent(), to: id) }
        log("side \(side): active (\(reason)); STANDBY_ACTIVE_EVENT_MSG to \(ids.count) session(s)")
        emit(.sideActivated(side))
        resumePausedFloods()
    }

    /// `drop`: every connection on both sides closes at once.
    func dropConnections() -> String {
        let ids = connections.keys.sorted()
        for id in ids { close(id, reason: "dropped (fault injection)", mode: .reset) }
        let line = "dropped \(ids.count) connection(s)"
        log(line)
        return line
    }

    /// `offline`: FAILURE_EVENT E_CTI_CTI_SERVER_OFFLINE (15) to the side's open sessions.
    func sendOffline(_ side: CTISide) -> String {
        let ids = connectionIDs(on: side, openOnly: true)
        for id in ids { send(SessionMessages.failureEvent(status: StatusCode.ctiServerOffline), to: id) }
        let line = "side \(side): FAILURE_EVENT \(StatusCode.ctiServerOffline.logText) sent to \(ids.count) session(s)"
        log(line)
        return line
    }

    /// `malformed`: an OPEN_CONF with a truncated fixed part to the side's open sessions.
    func sendMalformed(_ side: CTISide) -> String {
        let ids = connectionIDs(on: side, openOnly: true)
        for id in ids { write(SimulatedMessages.malformedFrame(version: connections[id]!.version), to: id) }
        let line = "side \(side): malformed frame (OPEN_CONF, 10-byte body) sent to \(ids.count) session(s)"
        log(line)
        return line
    }

    /// `garbage`: a header whose MessageLength (0xFFFFFFFF) no frame can have, written past the
    /// frame encoder, to the side's open sessions.
    func sendGarbage(_ side: CTISide) -> String {
        let ids = connectionIDs(on: side, openOnly: true)
        for id in ids {
            guard let connection = connections[id], !connection.isClosing,
                  let encoder = try? connection.channel.pipeline.syncOperations.context(handlerType: MessageToByteHandler<CTIFrameEncoder>.self)
            else { continue }
            encoder.writeAndFlush(NIOAny(ByteBuffer(bytes: [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 5])), promise: nil)
        }
        let line = "side \(side): bytes that are no frame (MessageLength 0xFFFFFFFF) sent to \(ids.count) session(s)"
        log(line)
        return line
    }
}
