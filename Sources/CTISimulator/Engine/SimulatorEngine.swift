#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CTIProtocol
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// The simulator's state and rules: both sides, every connection and session, the event
/// sequence, the hand-off procedure.
///
/// Everything runs on one event loop (``loop``), which serves the listeners and every client
/// connection too. That loop is the serial executor of `cti`'s simulator: a frame is handled,
/// an event published and the active side switched one after the other, never at the same
/// time, so a hand-off can neither lose nor duplicate an event. Channel handlers only move
/// frames in and out; the rules themselves are the pure values ``OpenPolicy``,
/// ``RequestRoute`` and ``MaintenanceProcedure``.
///
/// `@unchecked Sendable`: every member is touched on ``loop`` only (the public API hops onto it).
final class SimulatorEngine: @unchecked Sendable {
    let loop: any EventLoop
    let configuration: SimulatorConfiguration
    let observers: EventObservers
    /// The bound ports, readable from any thread.
    let boundPorts: NIOLockedValueBox<[CTISide: Int]>

    var sides: [CTISide: SideState]
    var activeSide: CTISide = .a
    var connections: [ConnectionID: Connection] = [:]
    var nextConnection = 1
    /// ConnectionCallID of the next flood END_CALL_EVENT: one sequence for both sides.
    var nextCallID: UInt32 = 1
    /// InvokeIDs of server requests (ACTIVE_MAINTENANCE_REQ_MSG).
    var nextInvokeID: UInt32 = 1
    var maintenance: MaintenanceRun?
    var floods: [Int: FloodRun] = [:]
    var nextFlood = 1
    var isStopped = false
    /// The simulated contact center (agents, calls, traffic); see ``CallCenterModel``.
    var callCenter: CallCenterModel
    /// Time zero of ``callCenter``'s clock.
    let startedAt = NIODeadline.now()
    /// Fires when the model's next timer is due.
    var callCenterTimer: Scheduled<Void>?
    /// Set while one batch of outputs is written (``deliver(_:requester:)``): writes then
    /// record their connection in ``heldFlushes`` and are flushed together at its end, one
    /// `write(2)` per connection instead of one per message.
    var holdingFlushes = false
    var heldFlushes: [ConnectionID] = []
    /// Made from ``SimulatorConfiguration/tls`` when the simulator starts.
    var tlsContext: NIOSSLContext?
    /// ``SimulatorConfiguration/script``'s run on each session it applies to.
    var scriptRunners: [ConnectionID: ScriptRunner] = [:]
    /// The timer of each run that sleeps.
    var scriptTimers: [ConnectionID: Scheduled<Void>] = [:]
    /// Whether a session has started the script (a scenario runs on the first one only).
    var scriptStarted = false
    /// The first session the script ran on: its outcome is ``scriptOutcomeResult``.
    var scriptConnection: ConnectionID?
    /// Completed once with the first session's outcome (``settleScript(_:)``), or at stop.
    var scriptOutcome: EventLoopPromise<ScriptOutcome>?
    let scriptOutcomeResult: EventLoopFuture<ScriptOutcome>?
    /// Runs a simulator command line (a script's `fail` step), then calls back on ``loop``
    /// (unless the simulator has stopped); set by ``CTISimulator``.
    var runCommand: (@Sendable (String, @escaping @Sendable () -> Void) -> Void)?
    /// Sessions whose script waits for its fault command to finish.
    var scriptCommandsRunning: Set<ConnectionID> = []
    /// Reads a replay's recorded frames for sessions of another protocol version (one for the
    /// recording's version, made on first use).
    var recordingDecoder: CTIMessageDecoder?

    init(loop: any EventLoop, configuration: SimulatorConfiguration, observers: EventObservers) {
        self.loop = loop
        self.configuration = configuration
        self.observers = observers
        var sides: [CTISide: SideState] = [:]
        for side in CTISide.allCases { sides[side] = SideState(port: configuration.ports[side] ?? side.defaultPort) }
        self.sides = sides
        self.boundPorts = NIOLockedValueBox([:])
        self.callCenter = CallCenterModel(configuration: configuration.callCenter, peripheralID: configuration.peripherals.first ?? DefaultPeripheral.id)
        self.scriptOutcome = configuration.script == nil ? nil : loop.makePromise(of: ScriptOutcome.self)
        self.scriptOutcomeResult = scriptOutcome?.futureResult
    }

    // MARK: - Helpers

    func log(_ line: String) { configuration.log(line) }

    func emit(_ event: SimulatorEvent) { observers.emit(event) }

    func role(of side: CTISide) -> SideRole { side == activeSide ? .active : .standby }

    /// Connections of a side, oldest first; `openOnly` keeps those with an open session that is
    /// not closing.
    func connectionIDs(on side: CTISide, openOnly: Bool = false) -> [ConnectionID] {
        connections.values.filter { $0.side == side && (!openOnly || ($0.session != nil && !$0.isClosing)) }.map(\.id).sorted()
    }

    // MARK: - Listening

    /// Binds both sides; A is active.
    func start() -> EventLoopFuture<Void> {
        loop.assertInEventLoop()
        do {
            tlsContext = try configuration.tls?.makeContext()
        } catch {
            return loop.makeFailedFuture(error)
        }
        let maximum = configuration.maxProtocol
        let noActiveStandby = maximum < .activeStandby ? "; no active/standby before protocol \(ProtocolVersion.activeStandby)" : ""
        log("protocol versions \(ProtocolVersion.supported[0]) to \(maximum) (a newer OPEN_REQ VersionNumber gets "
            + "\(StatusCode.invalidVersion.logText))\(noActiveStandby)")
        return listen(.a).flatMap { self.listen(.b) }.map { self.scheduleCallCenterTimer() }.flatMapError { error in
            for side in CTISide.allCases {
                self.sides[side]?.listener?.close(promise: nil)
                self.sides[side]?.listener = nil
            }
            return self.loop.makeFailedFuture(error)
        }
    }

    /// Binds one side on its port (SO_REUSEADDR, so `revive` gets the same port back).
    func listen(_ side: CTISide) -> EventLoopFuture<Void> {
        let port = sides[side]!.port
        let host = configuration.host
        let engine = self
        let waterMark = configuration.writeBufferWaterMark
        let tlsContext = tlsContext
        var bootstrap = ServerBootstrap(group: loop)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelOption(.writeBufferWaterMark, value: waterMark)
        if let size = configuration.sendBufferSize {
            bootstrap = bootstrap.childChannelOption(.socketOption(.so_sndbuf), value: SocketOptionValue(size))
        }
        return bootstrap
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tlsContext {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tlsContext))
                    }
                    try channel.pipeline.syncOperations.addHandlers([
                        ByteToMessageHandler(CTIFrameDecoder()),
                        MessageToByteHandler(CTIFrameEncoder()),
                        SimulatorConnectionHandler(engine: engine, side: side),
                    ])
                }
            }
            .bind(host: host, port: port)
            .flatMapErrorThrowing { error in throw SimulatorError.cannotListen(side, host: host, port: port, error) }
            .map { channel in
                let bound = channel.localAddress?.port ?? port
                self.sides[side]!.listener = channel
                self.sides[side]!.port = bound
                self.boundPorts.withLockedValue { $0[side] = bound }
                self.log("side \(side): listening on \(host):\(bound) (\(self.role(of: side)))")
            }
    }

    // MARK: - Connections (called by SimulatorConnectionHandler)

    /// A client connected; `nil` if the side is down (the connection is closed).
    func connectionOpened(on side: CTISide, channel: any Channel) -> ConnectionID? {
        guard !isStopped, sides[side]!.isListening else {
            channel.close(promise: nil)
            return nil
        }
        let id = ConnectionID(value: nextConnection)
        nextConnection += 1
        connections[id] = Connection(id: id, side: side, channel: channel, version: configuration.maxProtocol)
        if sides[side]!.isHung { try? channel.syncOptions?.setOption(.autoRead, value: false) }
        log("side \(side): connection \(id) from \(channel.remoteAddress.map { "\($0)" } ?? "?")")
        return id
    }

    /// A frame arrived.
    func received(_ frame: CTIFrame, on id: ConnectionID) {
        guard let connection = connections[id], !connection.isClosing, !sides[connection.side]!.isHung else { return }
        let side = connection.side
        restartIdleTimer(id)
        let message: CTIMessage
        do {
            message = try connection.decoder.decode(frame)
        } catch {
            // The framing is intact: answer and go on with the next frame.
            let invokeID = frame.body.getInteger(at: frame.body.readerIndex, as: UInt32.self) ?? 0
            log("side \(side): connection \(id) (\(connection.label)): \(error): FAILURE_CONF \(StatusCode.badMessageFormat.logText)")
            send(SessionMessages.failureConfirmation(invokeID: invokeID, status: StatusCode.badMessageFormat), to: id)
            return
        }
        let phase: SessionPhase = connection.session == nil ? .notOpen : .open(role(of: side))
        let route = RequestRoute.of(message, phase: phase)
        switch route {
        case .clientControl, .refuse:
            if connection.session != nil, offerToScript(message, on: id) { return }
        default:
            break
        }
        switch route {
        case .open(let fields):
            open(fields, frame: frame, on: id)
        case .heartbeat(let invokeID):
            heartbeat(invokeID: invokeID, on: id)
        case .close(let invokeID, let status):
            send(SessionMessages.closeConfirmation(invokeID: invokeID), to: id)
            close(id, reason: "CLOSE_REQ (\(status.logText))", mode: .graceful)
        case .maintenanceResponse(_, let accepted):
            maintenanceResponse(from: id, accepted: accepted)
        case .stoppingRequests:
            stoppingRequests(from: id)
        case .clientControl(let fields):
            clientControl(fields, on: id)
        case .configuration(let fields):
            configurationRequest(fields, on: id)
        case .refuse(let invokeID, let status):
            log("side \(side): connection \(id) (\(connection.label)): \(message.name) refused: FAILURE_CONF \(status.logText)")
            send(SessionMessages.failureConfirmation(invokeID: invokeID, status: status), to: id)
        case .refuseForVersion(let invokeID, let status, let reason):
            log("side \(side): connection \(id) (\(connection.label), protocol \(connection.version)): \(message.name) refused: "
                + "FAILURE_CONF \(status.logText): \(reason)")
            send(SessionMessages.failureConfirmation(invokeID: invokeID, status: status), to: id)
        }
    }

    /// The connection closed (either end).
    func connectionClosed(_ id: ConnectionID) {
        guard let connection = connections.removeValue(forKey: id) else { return }
        connection.idleTimer?.cancel()
        let reason = connection.closingReason ?? "client disconnected (\(StatusCode.clientDisconnected.logText))"
        if let session = connection.session {
            log("side \(connection.side): session \(id) closed (client \"\(session.clientID)\"): \(reason)")
        } else {
            log("side \(connection.side): connection \(id) closed: \(reason)")
        }
        emit(.connectionClosed(side: connection.side, connection: id.value, clientID: connection.session?.clientID, reason: reason))
        scriptSessionClosed(id)
        refreshAttendedDevices()
        if var run = maintenance {
            let actions = run.procedure.sessionGone(id)
            maintenance = run
            perform(actions)
        }
        resumePausedFloods()
    }

    /// The pipeline reported an error (a broken frame stream, a socket error): reset.
    func connectionFailed(_ id: ConnectionID, error: any Error) {
        guard let connection = connections[id], !connection.isClosing else { return }
        if error is CTIFramingError {
            log("side \(connection.side): connection \(id) (\(connection.label)): broken frame stream: \(error)")
        }
        close(id, reason: "\(error)", mode: .reset)
    }

    func writabilityChanged(_ id: ConnectionID, isWritable: Bool) {
        if isWritable {
            resumePausedFloods()
            if scriptRunners[id] != nil { driveScript(id) }
        }
    }

    // MARK: - Session

    /// An OPEN_REQ (`frame`, read as `fields` in the connection's version). When it names a
    /// version the simulator speaks, the connection speaks that version from now on (the answer
    /// included), and the request is read again in it, so that what the version lacks is noted.
    private func open(_ fields: MessageFields, frame: CTIFrame, on id: ConnectionID) {
        let side = connections[id]!.side
        var fields = fields
        if let requested = fields.number(.versionNumber).flatMap({ OpenPolicy.version($0, upTo: configuration.maxProtocol) }),
           requested != connections[id]!.version {
            connections[id]!.speak(requested)
            // The same frame decoded before in the same fixed layout: it decodes again.
            if let reread = try? connections[id]!.decoder.decode(frame).fields { fields = reread }
        }
        let held = connections.values.compactMap { other -> OpenPolicy.HeldDevice? in
            guard other.side == side, other.id != id, !other.isClosing, let session = other.session, let device = session.device else { return nil }
            return OpenPolicy.HeldDevice(connection: other.id, clientID: session.clientID, device: device)
        }
        let environment = OpenPolicy.Environment(
            role: role(of: side), inMaintenance: sides[side]!.inMaintenance, maxProtocol: configuration.maxProtocol,
            password: configuration.password,
            peripherals: configuration.peripherals, agents: configuration.agents, heldDevices: held)
        let clientID = fields.string(.clientID)
        switch OpenPolicy.evaluate(fields, in: environment) {
        case .refuse(let status, let reason):
            log("side \(side): connection \(id): OPEN_REQ\(clientID.map { " from client \"\($0)\"" } ?? "") refused with "
                + "\(status.logText): \(reason)")
            send(SessionMessages.failureConfirmation(invokeID: fields.number(.invokeID) ?? 0, status: status), to: id)
            emit(.openRefused(side: side, connection: id.value, status: status))
        case .accept(let grant):
            for old in grant.replacing {
                send(SessionMessages.failureEvent(status: StatusCode.newSessionOpened), to: old)
                close(old, reason: "replaced by session \(id) (\(StatusCode.newSessionOpened.logText))", mode: .graceful)
            }
            let session = grant.session
            connections[id]!.session = session
            let agentState = agentDevice(of: session).flatMap { callCenter.agent(device: $0)?.state }
            send(SimulatedMessages.openConfirmation(grant, agentState: agentState), to: id)
            refreshAttendedDevices()
            // A replay sends the recorded session's events, its SYSTEM_EVENTs included.
            if session.receivesAllEvents && role(of: side) == .active && configuration.script?.mode != .replay {
                for peripheral in configuration.peripherals { send(SimulatedMessages.peripheralOnline(peripheral), to: id) }
            }
            restartIdleTimer(id)
            let idle = session.idleTimeout.map { "\($0) s" } ?? "none"
            log("side \(side): session \(id) opened: client \"\(session.clientID)\" version \(session.versionNumber) "
                + "services \(ServiceBits.describe(session.services)) SessionType \(session.sessionType) IdleTimeout \(idle)")
            emit(.sessionOpened(side: side, connection: id.value, clientID: session.clientID, services: session.services))
            startScript(on: id)
        }
    }

    private func heartbeat(invokeID: UInt32, on id: ConnectionID) {
        let side = connections[id]!.side
        guard sides[side]!.heartbeatsStopped else {
            send(SessionMessages.heartbeatConfirmation(invokeID: invokeID), to: id)
            return
        }
        guard sides[side]!.firstIgnoredHeartbeat == nil else { return }
        let now = ContinuousClock.now
        sides[side]!.firstIgnoredHeartbeat = now
        let waiters = sides[side]!.heartbeatWaiters
        sides[side]!.heartbeatWaiters = []
        log("side \(side): ignoring heartbeats")
        for waiter in waiters { waiter.succeed(now) }
        emit(.heartbeatIgnored(side: side))
    }

    /// Re-arms the IdleTimeout watchdog of an open session (`session.md` §7).
    func restartIdleTimer(_ id: ConnectionID) {
        guard let connection = connections[id] else { return }
        connection.idleTimer?.cancel()
        connection.idleTimer = nil
        if let seconds = connection.session?.idleTimeout, !connection.isClosing, !sides[connection.side]!.isHung {
            let delay = TimeAmount.nanoseconds(configuration.idleTimeoutUnit.nanoseconds * Int64(seconds))
            connection.idleTimer = loop.scheduleTask(in: delay) { self.idleTimeoutExpired(id) }
        }
    }

    private func idleTimeoutExpired(_ id: ConnectionID) {
        guard let connection = connections[id], let session = connection.session, !connection.isClosing else { return }
        log("side \(connection.side): session \(id) (client \"\(session.clientID)\"): nothing received for IdleTimeout "
            + "\(session.idleTimeout ?? 0) s: resetting the connection")
        emit(.idleTimeout(side: connection.side, connection: id.value))
        close(id, reason: "idle timeout (\(StatusCode.timeout.logText))", mode: .reset)
    }

    // MARK: - Output

    /// Encodes a message in the connection's version and writes it; `false` when it was not
    /// sent (the connection is closing, or the version lacks the message: ``notSent(_:because:to:)``).
    @discardableResult
    func send(_ message: CTIMessage, to id: ConnectionID) -> Bool {
        guard let connection = connections[id], !connection.isClosing else { return false }
        do {
            write(CTIFrame(encoded: try connection.encoder.encode(message)), to: id)
            return true
        } catch {
            notSent(message.name, because: error, to: id)
            return false
        }
    }

    /// A message the connection's encoder refused: a message or value newer than the session's
    /// protocol version (issue 20: a server of that version has no such thing to send), or one
    /// that cannot be encoded at all. Counted per connection (``SimulatorStatus``) and logged
    /// the first time for each message type; the other sessions' copies are not affected.
    func notSent(_ name: String, because error: CTIEncodeError, to id: ConnectionID) {
        guard let connection = connections[id] else { return }
        connection.notSentCount += 1
        let first = connection.notSentNames.insert(name).inserted
        guard first else { return }
        let why: String
        if case .notInVersion(let subject, let arrivedIn, let version) = error {
            why = "\(subject) is not in protocol \(version) (it arrived in \(arrivedIn))"
        } else {
            why = "cannot encode it: \(error)"
        }
        log("side \(connection.side): connection \(id) (\(connection.label), protocol \(connection.version)): \(name) not sent: \(why) "
            + "(logged once per message type; status counts them)")
    }

    /// Writes a frame (and flushes unless told not to: a flood flushes once per batch). NIO
    /// queues what the socket does not take (see ``CTISimulator/publish(_:)``).
    func write(_ frame: CTIFrame, to id: ConnectionID, flush: Bool = true) {
        guard let connection = connections[id], !connection.isClosing else { return }
        connection.channel.write(frame, promise: nil)
        guard flush else { return }
        if holdingFlushes {
            if !heldFlushes.contains(id) { heldFlushes.append(id) }
        } else {
            connection.channel.flush()
        }
    }

    /// Flushes what ``holdingFlushes`` held back, and stops holding.
    func flushHeldWrites() {
        holdingFlushes = false
        for id in heldFlushes { connections[id]?.channel.flush() }
        heldFlushes.removeAll(keepingCapacity: true)
    }

    /// Closes a connection; the log line comes when it is closed (``connectionClosed(_:)``).
    func close(_ id: ConnectionID, reason: String, mode: CloseMode) {
        guard let connection = connections[id], !connection.isClosing else { return }
        connection.idleTimer?.cancel()
        connection.idleTimer = nil
        connection.closingReason = reason
        let channel = connection.channel
        switch mode {
        case .graceful:
            // Half-close first: NIO shuts the output down once every queued write is on the
            // wire (a plain close would fail them), then the socket closes.
            channel.flush()
            let outputClosed = loop.makePromise(of: Void.self)
            channel.close(mode: .output, promise: outputClosed)
            outputClosed.futureResult.whenComplete { _ in channel.close(promise: nil) }
        case .reset:
            if let provider = channel as? any SocketOptionProvider {
                _ = provider.setSoLinger(linger(l_onoff: 1, l_linger: 0))
            }
            channel.close(promise: nil)
        }
    }

    // MARK: - Stop

    func stop() -> EventLoopFuture<Void> {
        guard !isStopped else { return loop.makeSucceededVoidFuture() }
        isStopped = true
        callCenterTimer?.cancel()
        callCenterTimer = nil
        abortMaintenance(because: "simulator stopped")
        var closed: [EventLoopFuture<Void>] = []
        for side in CTISide.allCases {
            if let listener = sides[side]!.listener { closed.append(listener.close()) }
            sides[side]!.listener = nil
            for waiter in sides[side]!.heartbeatWaiters { waiter.fail(SimulatorError.stopped) }
            sides[side]!.heartbeatWaiters = []
        }
        for id in connections.keys.sorted() { close(id, reason: "simulator stopped", mode: .reset) }
        for (_, run) in floods { run.promise.succeed(run.published) }
        for timer in scriptTimers.values { timer.cancel() }
        scriptTimers = [:]
        if let id = scriptConnection, var runner = scriptRunners[id], let failure = runner.sessionClosed() {
            settleScript(.failed(failure))
        }
        settleScript(.failed(ScriptFailure(step: 1, stepDescription: configuration.script?.steps.first?.description ?? "", reason: "the simulator stopped before a session opened")))
        floods = [:]
        log("simulator stopped")
        observers.finish()
        return EventLoopFuture.andAllComplete(closed, on: loop)
    }
}
