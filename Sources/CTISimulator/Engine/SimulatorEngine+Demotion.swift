import CTIProtocol

/// What a side that is standby does with the sessions it opened while it was active
/// (`session.md` §9). A standby side serves only CTI_SERVICE_ACTIVE_STANDBY clients, so:
/// - a single-session client's session (no ACTIVE_STANDBY) gets FAILURE_EVENT
///   E_CTI_CTI_SERVER_OFFLINE (15) and its connection closes: the client reconnects, to the
///   active side (§5: status 15 means "close the session");
/// - an ACTIVE_STANDBY session stays, as a standby session (it was told by the other side's
///   STANDBY_ACTIVE_EVENT_MSG where requests go now).
/// A side is demoted when it fails (`hang`, `heartbeats stop`: it cannot talk then), so it does
/// this as soon as it can again (`unhang`, `heartbeats resume`). A killed side's connections
/// are closed anyway, and a maintenance hand-off closes the old side's sessions its own way
/// (``MaintenanceProcedure``).
extension SimulatorEngine {
    /// Whether a side reads and answers (not hung, heartbeats answered).
    func serves(_ side: CTISide) -> Bool {
        sides[side]!.isListening && !sides[side]!.isHung && !sides[side]!.heartbeatsStopped
    }

    /// Releases the single-session clients of a standby side that serves; the number released.
    @discardableResult
    func releaseSessionsOfStandbySide(_ side: CTISide) -> Int {
        guard role(of: side) == .standby, serves(side), maintenance == nil else { return 0 }
        let ids = connectionIDs(on: side, openOnly: true).filter { !connections[$0]!.session!.followsActiveStandby }
        guard !ids.isEmpty else { return 0 }
        for id in ids {
            send(SessionMessages.failureEvent(status: StatusCode.ctiServerOffline), to: id)
            close(id, reason: "side \(side) is standby (\(StatusCode.ctiServerOffline.logText))", mode: .graceful)
        }
        log("side \(side): standby: FAILURE_EVENT \(StatusCode.ctiServerOffline.logText) to \(ids.count) single-session "
            + "client(s), their connections closed (ACTIVE_STANDBY sessions stay)")
        return ids.count
    }
}
