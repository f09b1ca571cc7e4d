import CTIProtocol
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A duplexed CTI Server (GED-188, protocol versions 20 to 25, up to
/// ``SimulatorConfiguration/maxProtocol``: each session speaks its own) for tests and demos: side A
/// and side B listen on their own ports, exactly one is active (A at start), and each follows
/// the session rules of `session.md` (OPEN validation, heartbeats, idle timeout, close,
/// standby rules, the maintenance hand-off), with fault injection on top, in front of a
/// simulated contact center (``CallCenterConfiguration``: agents, phones, CTI Remote Devices,
/// seeded inbound traffic) that answers Client Control requests (failures:
/// ``SimulatorFailureTable``) and sends the call and agent events to the sessions whose
/// service and masks ask for them.
///
/// ```swift
/// let simulator = CTISimulator(configuration: .ephemeral())
/// try await simulator.start()
/// let portA = simulator.port(.a), portB = simulator.port(.b)
/// simulator.publish(message)                        // to the active side's ALL_EVENTS sessions
/// await simulator.flood(count: 1000)                // END_CALL_EVENTs, ConnectionCallID 1…1000
/// let call = try await simulator.callIn(device: "2001") // a customer calls agent 1001's phone
/// try await simulator.endCall(call)                  // … and hangs up
/// await simulator.stopHeartbeats(on: .a)
/// let when = try await simulator.firstIgnoredHeartbeat(on: .a)
/// print(await simulator.execute("status"))
/// await simulator.stop()
/// ```
///
/// Every call may come from any thread or task: the simulator runs on one event loop of its
/// own, and the calls hop onto it (see ``SimulatorEngine``). Call ``stop()`` when done: it
/// closes the sockets and the loop's thread.
public final class CTISimulator: Sendable {
    public let configuration: SimulatorConfiguration
    private let group: MultiThreadedEventLoopGroup
    private let engine: SimulatorEngine
    private let observers: EventObservers
    /// Set by ``stop()``: the loop is gone, nothing may be scheduled on it any more.
    private let isShutDown = NIOLockedValueBox(false)
    /// The script's outcome once settled (readable after ``stop()``, when the loop is gone).
    private let settledOutcome = NIOLockedValueBox<ScriptOutcome?>(nil)

    public init(configuration: SimulatorConfiguration = SimulatorConfiguration()) {
        self.configuration = configuration
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        self.observers = EventObservers()
        self.engine = SimulatorEngine(loop: group.next(), configuration: configuration, observers: observers)
        let settled = settledOutcome
        engine.scriptOutcomeResult?.whenSuccess { outcome in settled.withLockedValue { $0 = outcome } }
        engine.runCommand = { [weak self] line, done in
            Task {
                guard let self else { return }
                let reply = await self.execute(line)
                configuration.log("script: \(line): \(reply)")
                await self.run(or: ()) { _ in done() }
            }
        }
    }

    // MARK: - Life cycle

    /// Binds side A then side B. Throws ``SimulatorError`` (code `.cannotListen`) when a port is taken.
    public func start() async throws {
        try await onLoop { $0.start() }
    }

    /// Closes both listeners and every connection, then the event loop. Idempotent.
    public func stop() async {
        try? await onLoop { $0.stop() }
        guard isShutDown.withLockedValue({ state in defer { state = true }; return !state }) else { return }
        try? await group.shutdownGracefully()
    }

    /// The port a side listens on (the bound port when configured with 0); `nil` before
    /// ``start()``. Still answers while the side is killed (`revive` reuses it).
    public func port(_ side: CTISide) -> Int? {
        engine.boundPorts.withLockedValue { $0[side] }
    }

    /// Sides, active side, sessions, floods in progress.
    public func status() async -> SimulatorStatus {
        let stopped = SimulatorStatus(host: configuration.host, maxProtocol: configuration.maxProtocol, activeSide: .a, sides: [], sessions: [], floods: [], nextCallID: 0)
        return await run(or: stopped) { $0.status() }
    }

    /// Every ``SimulatorEvent`` from now on, until ``stop()``.
    public func events() -> AsyncStream<SimulatorEvent> {
        observers.subscribe()
    }

    // MARK: - Script

    /// How ``SimulatorConfiguration/script`` went on the first session it ran on: completed
    /// (every step happened; for a replay: the session closed after its last step) or the
    /// first step that did not happen. Waits for it; `nil` without a script. A stop before
    /// the end is a failure.
    public func scriptOutcome() async -> ScriptOutcome? {
        guard let result = engine.scriptOutcomeResult else { return nil }
        if let outcome = settledOutcome.withLockedValue({ $0 }) { return outcome }
        return try? await result.get()
    }

    // MARK: - Events

    /// Sends a message to every open ALL_EVENTS session of the active side, in call order
    /// (calls from one thread or task keep their order). The side switch of a hand-off runs on
    /// the same serial loop, so each message goes to the sides' sessions either before or
    /// after the switch, never both and never neither.
    ///
    /// Back-pressure: a client that does not read gets its messages queued in memory, without
    /// limit (NIO's outbound buffer). Use ``flood(count:ratePerSecond:)`` for volume: it pauses
    /// while a connection is above its write-buffer high-water mark.
    public func publish(_ message: CTIMessage) {
        guard !isShutDown.withLockedValue({ $0 }) else { return }
        let engine = engine
        engine.loop.execute { engine.publish(message) }
    }

    /// Publishes `count` END_CALL_EVENTs (PeripheralID = the first configured peripheral,
    /// ConnectionDeviceIDType 0, ConnectionDeviceID "2001") whose ConnectionCallID is a global
    /// sequence number (1, 2, … over the simulator's life, shared by both sides), at
    /// `ratePerSecond` or as fast as the clients read. Pauses while any target connection is
    /// not writable (``SimulatorConfiguration/writeBufferWaterMark``), so memory stays bounded
    /// by a slow client. Returns when all are published (or the simulator stops) with the
    /// number published.
    @discardableResult
    public func flood(count: Int, ratePerSecond: Double? = nil) async -> Int {
        (try? await onLoop { $0.startFlood(count: count, ratePerSecond: ratePerSecond) }) ?? 0
    }

    // MARK: - Contact center

    /// `call in DEVICE`: a customer calls an agent phone (routed, with AGENT_PRE_CALL_EVENT, when
    /// its agent is AVAILABLE) or a CTI Remote Device line. Returns the ConnectionCallID. The
    /// call alerts until ANSWER_CALL_REQ and lasts until ``endCall(_:)`` or a clear request.
    public func callIn(device: String) async throws -> UInt32 {
        let result: Result<UInt32, CallCenterError> = try await onLoop { $0.loop.makeSucceededFuture($0.callIn(to: device)) }
        return try result.get()
    }

    /// `call end CALLID`: the customer (far end) hangs up; the call clears.
    public func endCall(_ callID: UInt32) async throws {
        let result: Result<Void, CallCenterError> = try await onLoop { $0.loop.makeSucceededFuture($0.endCall(callID)) }
        try result.get()
    }

    /// The agents and their states.
    public func agents() async -> [AgentSnapshot] {
        await run(or: []) { $0.agentSnapshots() }
    }

    /// The calls in progress, oldest first.
    public func calls() async -> [CallSnapshot] {
        await run(or: []) { $0.callSnapshots() }
    }

    // MARK: - Persistent calls

    /// `rd add|remove|activate|deactivate DEVICE NUMBER`, `rd answer|reject|hangup DEVICE`: the
    /// remote destinations of a CTI Remote Device (line DN or device name) and the persistent
    /// call's far end. Losing the active destination tears the persistent call down
    /// (CEC_CALL_CANCELLED), deferred while a customer call is on the line.
    public func remoteDevice(_ device: String, _ action: RemoteDeviceAction) async throws {
        try await operate { $0.remoteDevice(device, action) }
    }

    /// `timer expire CALLID`: the persistent call's maximum duration is over; it is torn down
    /// with CEC_TIME_OUT.
    public func expireTimer(callID: UInt32) async throws {
        try await operate { $0.expirePersistentTimer(callID) }
    }

    /// `setup-fail DEVICE busy|noanswer|unreachable`: the next persistent call set up on the
    /// device fails that way (CALL_FAILED_EVENT).
    public func failNextSetup(device: String, _ failure: PersistentSetupFailure) async throws {
        try await operate { $0.failNextSetup(device, failure) }
    }

    /// `persistent`: the persistent calls, oldest first.
    public func persistentCalls() async -> [PersistentCallSnapshot] {
        await run(or: []) { $0.persistentSnapshots() }
    }

    private func operate(_ body: @escaping @Sendable (inout CallCenterModel) -> Result<[CallCenterOutput], CallCenterError>) async throws {
        let result: Result<Void, CallCenterError> = try await onLoop { $0.loop.makeSucceededFuture($0.operate(body)) }
        try result.get()
    }

    // MARK: - Faults

    /// `heartbeats stop`: HEARTBEAT_REQ on that side is no longer answered. The first one
    /// ignored is logged (`side A: ignoring heartbeats`) and reported by
    /// ``firstIgnoredHeartbeat(on:)`` and ``SimulatorEvent/heartbeatIgnored(side:)``. Returns
    /// what the command prints.
    @discardableResult
    public func stopHeartbeats(on side: CTISide) async -> String {
        await run { $0.setHeartbeats(on: side, answered: false) }
    }

    /// `heartbeats resume`.
    @discardableResult
    public func resumeHeartbeats(on side: CTISide) async -> String {
        await run { $0.setHeartbeats(on: side, answered: true) }
    }

    /// When the first HEARTBEAT_REQ was ignored on `side` since the last ``stopHeartbeats(on:)``;
    /// waits for it if none has been yet. Throws ``SimulatorError`` when the simulator stops first.
    public func firstIgnoredHeartbeat(on side: CTISide) async throws -> ContinuousClock.Instant {
        try await onLoop { $0.firstIgnoredHeartbeat(on: side) }
    }

    /// `hang`: the side stops reading and answering; its connections stay open.
    @discardableResult
    public func hang(_ side: CTISide) async -> String {
        await run { $0.setHung(side, true) }
    }

    /// `unhang`: the side reads and answers again.
    @discardableResult
    public func unhang(_ side: CTISide) async -> String {
        await run { $0.setHung(side, false) }
    }

    /// `kill`: closes the side's listener and connections; if it was active, the other side
    /// becomes active and sends STANDBY_ACTIVE_EVENT_MSG to its ACTIVE_STANDBY sessions.
    @discardableResult
    public func kill(_ side: CTISide) async -> String {
        await runFuture(or: Self.stoppedReply) { $0.kill(side) }
    }

    /// `revive`: the side listens again on its port, as standby (active if the other is down).
    @discardableResult
    public func revive(_ side: CTISide) async throws -> String {
        try await onLoop { $0.revive(side) }
    }

    /// `drop`: closes every connection on both sides (listeners stay).
    @discardableResult
    public func dropConnections() async -> String {
        await run { $0.dropConnections() }
    }

    /// `offline`: FAILURE_EVENT E_CTI_CTI_SERVER_OFFLINE (15) to the side's open sessions.
    @discardableResult
    public func sendOffline(_ side: CTISide) async -> String {
        await run { $0.sendOffline(side) }
    }

    /// `malformed`: an OPEN_CONF whose fixed part is cut short to the side's open sessions.
    @discardableResult
    public func sendMalformed(_ side: CTISide) async -> String {
        await run { $0.sendMalformed(side) }
    }

    /// `garbage`: eight bytes that are no frame (MessageLength 0xFFFFFFFF) to the side's open
    /// sessions; a client must drop the connection, since nothing after them is a frame boundary.
    @discardableResult
    public func sendGarbage(_ side: CTISide) async -> String {
        await run { $0.sendGarbage(side) }
    }

    /// `maintenance`: the graceful hand-off of `session.md` §9 — ACTIVE_MAINTENANCE_REQ_MSG to
    /// the active side's ACTIVE_STANDBY sessions; after every ACTIVE_MAINTENANCE_RESP_MSG
    /// accepted, ACTIVE_MAINTENANCE_EVENT_MSG(1), the other side active with
    /// STANDBY_ACTIVE_EVENT_MSG, and the old side closing each session on its
    /// STOPPING_REQUESTS_TO_THIS_SIDE_IND (the rest after 5 s); a rejection or 5 s of silence
    /// cancels with ACTIVE_MAINTENANCE_EVENT_MSG(0). Returns once decided.
    public func maintenance() async -> MaintenanceOutcome {
        (try? await onLoop { $0.startMaintenance().outcome }) ?? .aborted("simulator stopped")
    }

    /// The `maintenance` command: starts the hand-off and returns at once with what it sent;
    /// the outcome goes to the log.
    func startMaintenance() async -> String {
        await run { $0.startMaintenance().line }
    }

    /// The `flood` command: starts the flood and returns at once; the end goes to the log.
    func startFlood(count: Int, ratePerSecond: Double?) async -> String {
        await run { engine in
            _ = engine.startFlood(count: count, ratePerSecond: ratePerSecond)
            return "flooding \(count) END_CALL_EVENT(s)" + (ratePerSecond.map { " at \($0)/s" } ?? "")
        }
    }

    // MARK: - Commands

    /// Runs one text command (a row of ``SimulatorCommandTable``) and returns what it prints.
    /// Never throws: a bad line, or a command that fails, gets a message. `maintenance` and
    /// `flood` start and return at once; their outcome goes to the log.
    public func execute(_ line: String) async -> String {
        do {
            guard let (declaration, command) = try SimulatorCommand.read(line) else { return "" }
            return try await declaration.action(self, command)
        } catch {
            return "\(error)"
        }
    }

    /// What a command prints once the simulator is stopped.
    private static let stoppedReply = "the simulator is stopped"

    /// Runs `body` on the engine's loop and waits for the future it returns. Throws
    /// ``SimulatorError`` (`.stopped`) once the loop has shut down (after ``stop()``).
    private func onLoop<T: Sendable>(_ body: @escaping @Sendable (SimulatorEngine) -> EventLoopFuture<T>) async throws -> T {
        guard !isShutDown.withLockedValue({ $0 }) else { throw SimulatorError.stopped }
        let engine = engine
        return try await engine.loop.flatSubmit { body(engine) }.get()
    }

    /// Runs `body` on the engine's loop and returns its result; `stopped` after ``stop()``.
    private func run<T: Sendable>(or stopped: T, _ body: @escaping @Sendable (SimulatorEngine) -> T) async -> T {
        (try? await onLoop { engine in engine.loop.makeSucceededFuture(body(engine)) }) ?? stopped
    }

    /// Runs `body` on the engine's loop and waits for the future it returns; `stopped` after ``stop()``.
    private func runFuture<T: Sendable>(or stopped: T, _ body: @escaping @Sendable (SimulatorEngine) -> EventLoopFuture<T>) async -> T {
        (try? await onLoop(body)) ?? stopped
    }

    private func run(_ body: @escaping @Sendable (SimulatorEngine) -> String) async -> String {
        await run(or: Self.stoppedReply, body)
    }
}
