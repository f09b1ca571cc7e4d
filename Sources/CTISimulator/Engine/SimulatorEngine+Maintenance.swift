import CTIProtocol
import NIOCore

/// A hand-off in progress: the pure procedure plus its timer and the caller's promise.
struct MaintenanceRun {
    var procedure: MaintenanceProcedure
    let oldSide: CTISide
    var timer: Scheduled<Void>?
    /// Resolved when the hand-off is decided (or refused / aborted); `nil` after.
    var promise: EventLoopPromise<MaintenanceOutcome>?
}

/// The graceful hand-off of `session.md` §9, carried out from ``MaintenanceProcedure``'s actions.
extension SimulatorEngine {
    /// Starts a hand-off of the active side. Returns the line the command prints and the
    /// outcome (decided within the 5 s response timeout).
    func startMaintenance() -> (line: String, outcome: EventLoopFuture<MaintenanceOutcome>) {
        func refused(_ reason: String) -> (String, EventLoopFuture<MaintenanceOutcome>) {
            let outcome = MaintenanceOutcome.refused(reason)
            log("\(outcome)")
            return ("\(outcome)", loop.makeSucceededFuture(outcome))
        }
        guard maintenance == nil else { return refused("a hand-off is already in progress") }
        guard configuration.maxProtocol >= .activeStandby else {
            return refused("no active/standby before protocol \(ProtocolVersion.activeStandby) (this server speaks up to \(configuration.maxProtocol))")
        }
        let old = activeSide
        guard sides[old]!.isListening else { return refused("side \(old) is down") }
        guard sides[old.other]!.isListening else { return refused("side \(old.other) is down: no side to hand over to") }

        let asked = connectionIDs(on: old, openOnly: true).filter { connections[$0]!.session!.followsActiveStandby }
        sides[old]!.inMaintenance = true
        let firstInvokeID = nextInvokeID
        nextInvokeID &+= UInt32(asked.count)
        let (procedure, actions) = MaintenanceProcedure.start(asking: asked, firstInvokeID: firstInvokeID)
        let promise = loop.makePromise(of: MaintenanceOutcome.self)
        maintenance = MaintenanceRun(procedure: procedure, oldSide: old, promise: promise)
        let line = "side \(old): maintenance: ACTIVE_MAINTENANCE_REQ_MSG to \(asked.count) ACTIVE_STANDBY session(s)"
        log(line)
        perform(actions)
        return (line, promise.futureResult)
    }

    /// ACTIVE_MAINTENANCE_RESP_MSG from a session.
    func maintenanceResponse(from id: ConnectionID, accepted: Bool) {
        let connection = connections[id]!
        guard var run = maintenance, run.oldSide == connection.side, run.procedure.phase == .awaitingResponses else {
            log("side \(connection.side): session \(id) (\(connection.label)): ACTIVE_MAINTENANCE_RESP_MSG outside a hand-off: ignored")
            return
        }
        log("side \(connection.side): session \(id) (\(connection.label)): ACTIVE_MAINTENANCE_RESP_MSG \(accepted ? "accepted" : "rejected")")
        let actions = run.procedure.responseReceived(from: id, accepted: accepted)
        maintenance = run
        perform(actions)
    }

    /// STOPPING_REQUESTS_TO_THIS_SIDE_IND from a session.
    func stoppingRequests(from id: ConnectionID) {
        let connection = connections[id]!
        guard var run = maintenance, run.oldSide == connection.side, run.procedure.phase == .draining else {
            log("side \(connection.side): session \(id) (\(connection.label)): STOPPING_REQUESTS_TO_THIS_SIDE_IND outside a hand-off: ignored")
            return
        }
        let actions = run.procedure.stoppingReceived(from: id)
        maintenance = run
        perform(actions)
    }

    private func timerFired() {
        guard var run = maintenance else { return }
        run.timer = nil
        let actions = run.procedure.phase == .awaitingResponses
            ? run.procedure.responseDeadlinePassed() : run.procedure.drainDeadlinePassed()
        maintenance = run
        perform(actions)
    }

    private func resolve(_ outcome: MaintenanceOutcome) {
        maintenance?.promise?.succeed(outcome)
        maintenance?.promise = nil
    }

    func perform(_ actions: [MaintenanceProcedure.Action]) {
        for action in actions {
            guard let run = maintenance else { return }
            let old = run.oldSide
            switch action {
            case .sendRequest(let id, let invokeID):
                send(SessionMessages.activeMaintenanceRequest(invokeID: invokeID), to: id)
            case .startResponseTimer:
                maintenance!.timer = loop.scheduleTask(in: configuration.maintenanceResponseTimeout) { self.timerFired() }
            case .cancel(let notify, let rejectedBy):
                run.timer?.cancel()
                for id in notify { send(SessionMessages.activeMaintenanceEvent(proceed: false), to: id) }
                sides[old]!.inMaintenance = false
                let clients = rejectedBy.map { connections[$0]?.session?.clientID ?? "connection \($0)" }
                log("side \(old): maintenance cancelled (rejected or unanswered by \(clients.map { "\"\($0)\"" }.joined(separator: ", "))): "
                    + "ACTIVE_MAINTENANCE_EVENT_MSG(0) to \(notify.count) session(s)")
                resolve(.cancelled(rejectedBy: clients))
                maintenance = nil
            case .handOff(let notify):
                run.timer?.cancel()
                for id in notify { send(SessionMessages.activeMaintenanceEvent(proceed: true), to: id) }
                log("side \(old): maintenance accepted: ACTIVE_MAINTENANCE_EVENT_MSG(1) to \(notify.count) session(s)")
                activate(old.other, because: "maintenance of side \(old)")
                maintenance!.timer = loop.scheduleTask(in: configuration.stoppingRequestsTimeout) { self.timerFired() }
                resolve(.completed(newActive: old.other))
            case .closeSession(let id):
                close(id, reason: "STOPPING_REQUESTS_TO_THIS_SIDE_IND (maintenance)", mode: .graceful)
            case .finishDrain:
                maintenance!.timer?.cancel()
                let left = connectionIDs(on: old, openOnly: true)
                for id in left {
                    // A session older than active/standby has no status 110: it is told the server went off-line.
                    let status = connections[id]!.version < .activeStandby ? StatusCode.ctiServerOffline : StatusCode.serverInMaintenanceMode
                    send(SessionMessages.failureEvent(status: status), to: id)
                    close(id, reason: "maintenance (\(status.logText))", mode: .graceful)
                }
                sides[old]!.inMaintenance = false
                maintenance = nil
                log("side \(old): maintenance finished (\(left.count) session(s) left closed); side \(old) is \(role(of: old))")
                emit(.maintenanceDrained(side: old))
            }
        }
    }

    /// Stops a hand-off half-way (a side killed, the simulator stopped).
    func abortMaintenance(because reason: String) {
        guard let run = maintenance else { return }
        run.timer?.cancel()
        sides[run.oldSide]!.inMaintenance = false
        resolve(.aborted(reason))
        maintenance = nil
        log("side \(run.oldSide): maintenance aborted: \(reason)")
    }
}
