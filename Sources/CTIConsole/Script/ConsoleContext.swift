import CTIClient
import CTIOutput
import CTIProtocol
import NIOConcurrencyHelpers

/// The state a REPL or a script keeps across lines: one session (opened by `open`, closed by
/// `close`), and how events are shown. Commands run inside a context use its session instead of
/// opening their own, and leave it open (handed to them by ``SharedSessionProvider``).
final class ConsoleContext: Sendable {
    private struct State {
        var session: ConsoleSession?
        var printer: EventPrinter
        var showEvents = true
        var pump: Task<Void, Never>?
        var sink: (@Sendable (_ output: [[UInt8]], _ errors: [String]) -> Void)?
        /// A script's session opened with `-q` (see ``quiet``).
        var quietSession = false
        /// Call IDs and agent IDs seen in events, for tab completion.
        var knownWords: Set<String> = []
        /// `$CALLID` and `$INVOKEID`.
        var variables = ConsoleVariables()
        /// The latest events, numbered, so that `wait` also sees those that arrived while the
        /// line before it ran.
        var recent: [(serial: Int, event: ClientEvent)] = []
        var serial = 0
        /// The serial when the line running now and the line before it started, and the serial
        /// of the last event a `wait` took: a `wait` looks at what came after.
        var lineStart = 0
        var previousLineStart = 0
        var lastTaken = 0
        /// Commands waiting for an event (`wait`, `persistent make --wait connected`): each
        /// returns whether it took the event.
        var waiters: [(id: Int, take: @Sendable (ClientEvent) -> Bool)] = []
        var nextWaiterID = 0
    }

    /// How many events `wait` can look back on at least (up to twice as many are kept).
    private static let recentLimit = 1024

    private let state: NIOLockedValueBox<State>

    /// Whether lines come from a person at the REPL (not a script).
    let interactive: Bool

    init(printer: EventPrinter, interactive: Bool = false) {
        state = NIOLockedValueBox(State(printer: printer))
        self.interactive = interactive
    }

    /// In a script, `-q` on the line that opened the session: its lifecycle notes stay quiet
    /// for the following lines too, `watch` lines included. (At the REPL `-q` quiets only its
    /// own line: a person wants to see a failover.)
    var quiet: Bool { state.withLockedValue { $0.quietSession } }

    var session: ConsoleSession? { state.withLockedValue { $0.session } }

    /// Makes `session` the context's session and starts printing its events as they arrive.
    func adopt(_ session: ConsoleSession) {
        let pump = Task { [self] in
            var opens = 0
            for await event in session.client.events {
                session.statistics.count(event)
                if case .opened = event.lifecycle {
                    opens += 1
                    // After a reconnect, ask the server which persistent calls are still up.
                    if opens > 1 { rebuildPersistentCalls(session) }
                }
                let learned = ConsoleContext.words(in: event)
                let (printer, show, sink, waiters) = state.withLockedValue { state in
                    if state.knownWords.count < 5000 { state.knownWords.formUnion(learned) }
                    if event.message != nil {
                        state.serial += 1
                        state.recent.append((state.serial, event))
                        // Trimmed by half its size at a time: one shift per recentLimit events, not one per event.
                        if state.recent.count >= 2 * Self.recentLimit { state.recent.removeFirst(Self.recentLimit) }
                    }
                    return (state.printer, state.showEvents, state.sink, state.waiters)
                }
                let taken = waiters.filter { $0.take(event) }.map(\.id)
                if !taken.isEmpty {
                    state.withLockedValue { state in
                        state.waiters.removeAll { taken.contains($0.id) }
                        state.lastTaken = state.serial
                    }
                }
                guard show || event.lifecycle != nil else { continue }
                if let sink {
                    let (output, errors) = printer.render(event)
                    sink(output, errors)
                } else {
                    try? printer.print(event)
                    try? StandardStream.output.flush()
                }
            }
        }
        state.withLockedValue {
            $0.session = session
            $0.pump = pump
        }
    }

    /// Opens the session the following lines share (`open`, or the first request of a REPL or
    /// script that has none): it reopens after a failure, but the first opening gives up once
    /// every side has failed (a script must not wait for ever), naming each side and why.
    /// Usage mistakes are exit 64, a session that cannot be opened exit 2.
    @discardableResult
    func openSession(_ connection: ConnectionOptions, quiet: Bool) async throws -> ConsoleSession {
        let session = try await SessionCommandSupport.makeSession(connection, defaults: .session, reconnect: true, quiet: quiet)
        if !interactive {
            state.withLockedValue { state in
                state.quietSession = quiet
                state.printer.quiet = quiet
            }
        }
        let firstRound = FirstRound(settings: session.settings)
        await session.client.observeLifecycle { firstRound.observe($0) }
        adopt(session)
        let failure = await withTaskGroup(of: String?.self) { group in
            group.addTask {
                do {
                    try await session.client.open()
                    firstRound.signal.fire(nil)
                    return nil
                } catch {
                    firstRound.signal.fire(nil)
                    return "\(error)"
                }
            }
            group.addTask { await firstRound.signal.wait() }
            var failure: String?
            for await outcome in group where failure == nil {
                failure = outcome
                // Ends the opening (its task then returns too).
                if failure != nil { await self.closeSession() }
            }
            return failure
        }
        if let failure {
            StandardStream.diagnose("cti: \(failure)")
            throw ExitStatus.connectionFailure
        }
        return session
    }

    /// The session a request line runs on: the open one, or one opened now with the line's
    /// server options (not its agent: the session serves every agent the later lines name, as
    /// ALL_EVENTS + CLIENT_CONTROL unless the line gives `--services`).
    func sessionForRequest(_ connection: ConnectionOptions, quiet: Bool) async throws -> ConsoleSession {
        if let session { return session }
        var shared = connection
        shared.instrument = nil
        shared.agentID = nil
        shared.agentExtension = nil
        return try await openSession(shared, quiet: quiet)
    }

    /// Closes and forgets the session.
    func closeSession() async {
        let (session, pump) = state.withLockedValue { state -> (ConsoleSession?, Task<Void, Never>?) in
            defer {
                state.session = nil
                state.pump = nil
            }
            return (state.session, state.pump)
        }
        await session?.shutdown()
        await pump?.value
    }

    /// The printer events are shown with (and its persistent-call marks).
    var printer: EventPrinter { state.withLockedValue { $0.printer } }

    /// Waits until `decide` gives an outcome for an event: one received since the line before
    /// this one started (and after the last event a wait took), or the next to arrive; `nil`
    /// when `timeout` seconds pass first or the task is cancelled (Ctrl-C).
    func waitForEvent<Outcome: Sendable>(timeout: Double, _ decide: @escaping @Sendable (ClientEvent) -> Outcome?) async -> Outcome? {
        let signal = OneShotSignal<Outcome?>(fallback: nil)
        let id = state.withLockedValue { state -> Int? in
            let after = max(state.previousLineStart, state.lastTaken)
            for entry in state.recent where entry.serial > after {
                if let outcome = decide(entry.event) {
                    state.lastTaken = entry.serial
                    signal.fire(outcome)
                    return nil
                }
            }
            state.nextWaiterID += 1
            state.waiters.append((state.nextWaiterID, { event in
                guard let outcome = decide(event) else { return false }
                signal.fire(outcome)
                return true
            }))
            return state.nextWaiterID
        }
        let timer = Task {
            try? await Task.sleep(for: .milliseconds(Int64(timeout * 1000)))
            signal.fire(nil)
        }
        let outcome = await signal.wait()
        timer.cancel()
        if let id { state.withLockedValue { $0.waiters.removeAll { $0.id == id } } }
        return outcome
    }

    /// A line starts: `wait` on the next line looks back to here.
    func beginLine() {
        state.withLockedValue { state in
            state.previousLineStart = state.lineStart
            state.lineStart = state.serial
        }
    }

    /// `$CALLID` and `$INVOKEID` for the next lines.
    var variables: ConsoleVariables { state.withLockedValue { $0.variables } }

    /// Remembers a request's confirmation: its InvokeID, and the call it made or names.
    func remember(_ confirmation: CTIMessage) {
        let fields = confirmation.fields
        remember(callID: fields?.number(.newConnectionCallID) ?? fields?.number(.connectionCallID), invokeID: fields?.number(.invokeID))
    }

    /// Remembers what a request or wait gave (`$CALLID`, `$INVOKEID`).
    func remember(callID: UInt32? = nil, invokeID: UInt32? = nil) {
        state.withLockedValue { state in
            if let callID { state.variables.callID = callID }
            if let invokeID { state.variables.invokeID = invokeID }
        }
    }

    /// Call IDs and agent IDs seen so far (tab completion).
    var knownWords: Set<String> { state.withLockedValue { $0.knownWords } }

    static func words(in event: ClientEvent) -> [String] {
        guard let fields = event.message?.fields else { return [] }
        var words: [String] = []
        if let call = fields.number(.connectionCallID) { words.append(String(call)) }
        if let agent = fields.string(.agentID), !agent.isEmpty { words.append(agent) }
        if let device = fields.string(.connectionDeviceID), !device.isEmpty { words.append(device) }
        return words
    }

    /// Re-reads the persistent calls of every device with known ones (SNAPSHOT_DEVICE), so their
    /// events stay marked after a reconnect.
    private func rebuildPersistentCalls(_ session: ConsoleSession) {
        let tracker = printer.persistentCalls
        let devices = Set(tracker.known.map(\.device))
        guard !devices.isEmpty else { return }
        let peripheral = session.settings.requestPeripheral
        Task {
            for device in devices {
                guard let found = try? await PersistentLookup.calls(on: device, client: session.client, peripheralID: peripheral) else { continue }
                tracker.rebuild(device: device, callIDs: found.map(\.callID), at: WallClock.milliseconds())
            }
        }
    }

    /// Where event lines go instead of stdout/stderr (the REPL prints them above its prompt).
    func setSink(_ sink: (@Sendable (_ output: [[UInt8]], _ errors: [String]) -> Void)?) {
        state.withLockedValue { $0.sink = sink }
    }

    /// `watch` in a REPL or script: which events are shown, and how.
    func setShowing(_ show: Bool, printer: EventPrinter) {
        state.withLockedValue {
            $0.showEvents = show
            $0.printer = printer
        }
    }
}
