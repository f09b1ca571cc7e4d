import CTIProtocol

extension SimulatorEngine {
    /// The `status` snapshot.
    func status() -> SimulatorStatus {
        let sideStatus = CTISide.allCases.map { side in
            let state = sides[side]!
            return SimulatorStatus.Side(side: side, port: state.port, isListening: state.isListening, role: role(of: side),
                                        heartbeatsStopped: state.heartbeatsStopped, isHung: state.isHung, inMaintenance: state.inMaintenance)
        }
        let sessions = connections.values.sorted { $0.id < $1.id }.map { connection in
            SimulatorStatus.Session(connection: connection.id.value, side: connection.side, clientID: connection.session?.clientID,
                                    services: connection.session?.services ?? 0, sessionType: connection.session?.sessionType,
                                    versionNumber: connection.session?.versionNumber, notSent: connection.notSentCount)
        }
        let floodStatus = floods.sorted { $0.key < $1.key }.map { SimulatorStatus.Flood(published: $0.value.published, count: $0.value.count, paused: $0.value.paused) }
        return SimulatorStatus(host: configuration.host, maxProtocol: configuration.maxProtocol, activeSide: activeSide, sides: sideStatus, sessions: sessions, floods: floodStatus,
                               nextCallID: nextCallID)
    }
}
