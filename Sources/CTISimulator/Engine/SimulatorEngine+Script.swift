import CTIProtocol
import NIOCore

/// Server scripts (issue 19): a scenario's steps or a replay, run by a ``ScriptRunner`` per
/// session; the engine performs its actions on its loop.
extension SimulatorEngine {
    /// After OPEN_CONF: starts the script on this session if it applies (the first session
    /// to open, or each one for a replay).
    func startScript(on id: ConnectionID) {
        guard let script = configuration.script else { return }
        if script.scope == .firstSession && scriptStarted { return }
        let first = !scriptStarted
        scriptStarted = true
        if first { scriptConnection = id }
        scriptRunners[id] = ScriptRunner(script: script, origin: .now())
        log("side \(connections[id]!.side): session \(id): script started (\(script.steps.count) step(s))")
        driveScript(id)
    }

    /// Offers a client request to the session's script; `true` when the script took it.
    func offerToScript(_ message: CTIMessage, on id: ConnectionID) -> Bool {
        guard var runner = scriptRunners[id], runner.received(message) else { return false }
        scriptRunners[id] = runner
        driveScript(id)
        return true
    }

    /// Performs the runner's actions until it waits (for time, a request or writability) or ends.
    func driveScript(_ id: ConnectionID) {
        scriptTimers.removeValue(forKey: id)?.cancel()
        // A fault command in progress: the next step waits for it (it drives again when done).
        guard !scriptCommandsRunning.contains(id) else { return }
        while var runner = scriptRunners[id], let connection = connections[id], !connection.isClosing {
            let action = runner.next(now: .now())
            scriptRunners[id] = runner
            switch action {
            case .send(let message):
                switch message {
                case .message(let built): send(built, to: id)
                case .frame(let frame, let version) where version == connection.version: write(frame, to: id)
                case .frame(let frame, let version): sendRecorded(frame, recordedIn: version, to: id)
                }
                if !connection.channel.isWritable { return }  // writabilityChanged drives it again
            case .runCommand(let line):
                log("side \(connection.side): session \(id): script: \(line)")
                guard let runCommand else { continue }
                scriptCommandsRunning.insert(id)
                runCommand(line) {
                    self.scriptCommandsRunning.remove(id)
                    self.driveScript(id)
                }
                return
            case .note(let line):
                log("side \(connection.side): session \(id): script: \(line)")
            case .sleep(let deadline):
                scriptTimers[id] = loop.scheduleTask(deadline: deadline) { self.driveScript(id) }
                return
            case .finished:
                log("side \(connection.side): session \(id): script finished")
                if id == scriptConnection, configuration.script?.mode == .strict { settleScript(.completed) }
                return
            case .failed(let failure):
                log("side \(connection.side): session \(id): script failed: \(failure)")
                if id == scriptConnection { settleScript(.failed(failure)) }
                return
            }
        }
    }

    /// A recorded frame to a session that speaks another protocol version: read in the
    /// recording's version and written in the session's (fields the session's version lacks
    /// left out; a message it lacks not sent). A frame that does not decode goes as recorded.
    func sendRecorded(_ frame: CTIFrame, recordedIn version: ProtocolVersion, to id: ConnectionID) {
        if recordingDecoder?.version != version { recordingDecoder = CTIMessageDecoder(version: version) }
        guard let message = try? recordingDecoder!.decode(frame) else {
            write(frame, to: id)
            return
        }
        send(message, to: id)
    }

    /// The session's connection closed: its run ends there.
    func scriptSessionClosed(_ id: ConnectionID) {
        scriptTimers.removeValue(forKey: id)?.cancel()
        guard var runner = scriptRunners.removeValue(forKey: id) else { return }
        let failure = runner.sessionClosed()
        if let failure { log("session \(id): script failed: \(failure)") }
        if id == scriptConnection { settleScript(failure.map(ScriptOutcome.failed) ?? .completed) }
    }

    /// Reports the outcome of the first session's run (once).
    func settleScript(_ outcome: ScriptOutcome) {
        scriptOutcome?.succeed(outcome)
        scriptOutcome = nil
    }
}
