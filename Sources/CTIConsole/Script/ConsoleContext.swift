import CTIClient
import CTIProtocol
import NIOConcurrencyHelpers

/// The state a REPL or a script keeps across lines: one session (opened by `open`, closed by
/// `close`), and how events are shown. Commands run inside a context use its session instead of
/// opening their own, and leave it open.
final class ConsoleContext: Sendable {
    /// The context of the line being run, if any (one-shot commands have none).
    @TaskLocal static var current: ConsoleContext?

    private struct State {
        var session: ConsoleSession?
        var printer: EventPrinter
        var showEvents = true
        var pump: Task<Void, Never>?
        var sink: (@Sendable (_ output: [[UInt8]], _ errors: [String]) -> Void)?
        /// Call IDs and agent IDs seen in events, for tab completion.
        var knownWords: Set<String> = []
        /// Commands waiting for an event (`persistent make --wait connected`).
        var waiters: [(decide: @Sendable (ClientEvent) -> PersistentWait.Outcome?, signal: OneShotSignal<PersistentWait.Outcome?>)] = []
    }

    private let state: NIOLockedValueBox<State>

    init(printer: EventPrinter) {
        state = NIOLockedValueBox(State(printer: printer))
    }

    var session: ConsoleSession? { state.withLockedValue { $0.session } }

    /// Makes `session` the context's session and starts printing its events as they arrive.
    func adopt(_ session: ConsoleSession) {
        let pump = Task { [self] in
            var opens = 0
            for await event in session.client.events {
                if case .opened = event.lifecycle {
                    opens += 1
                    // After a reconnect, ask the server which persistent calls are still up.
                    if opens > 1 { rebuildPersistentCalls(session) }
                }
                let learned = ConsoleContext.words(in: event)
                let (printer, show, sink, waiters) = state.withLockedValue { state in
                    if state.knownWords.count < 5000 { state.knownWords.formUnion(learned) }
                    return (state.printer, state.showEvents, state.sink, state.waiters)
                }
                for waiter in waiters { if let outcome = waiter.decide(event) { waiter.signal.fire(outcome) } }
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

    /// The persistent calls the console has seen.
    func printerPersistentCalls() -> [PersistentCallTracker.Call] { printer.persistentCalls.known }

    /// Waits until `decide` gives an outcome for an event the session receives, or `timeout`.
    func waitForEvent(timeout: Double, _ decide: @escaping @Sendable (ClientEvent) -> PersistentWait.Outcome?) async -> PersistentWait.Outcome? {
        let signal = OneShotSignal<PersistentWait.Outcome?>(fallback: nil)
        state.withLockedValue { $0.waiters.append((decide, signal)) }
        let timer = Task {
            try? await Task.sleep(for: .milliseconds(Int64(timeout * 1000)))
            signal.fire(nil)
        }
        let outcome = await signal.wait()
        timer.cancel()
        state.withLockedValue { $0.waiters.removeAll { $0.signal === signal } }
        return outcome
    }

    /// Call IDs and agent IDs seen so far (tab completion).
    var knownWords: Set<String> { state.withLockedValue { $0.knownWords } }

    static func words(in event: ClientEvent) -> [String] {
        guard let fields = event.message?.fields else { return [] }
        var words: [String] = []
        if let call = fields.number("ConnectionCallID") { words.append(String(call)) }
        if let agent = fields.string("AgentID"), !agent.isEmpty { words.append(agent) }
        if let device = fields.string("ConnectionDeviceID"), !device.isEmpty { words.append(device) }
        return words
    }

    /// Re-reads the persistent calls of every device with known ones (SNAPSHOT_DEVICE), so their
    /// events stay marked after a reconnect.
    private func rebuildPersistentCalls(_ session: ConsoleSession) {
        let tracker = printer.persistentCalls
        let devices = Set(tracker.known.map(\.device))
        guard !devices.isEmpty else { return }
        let peripheral = session.settings.peripheral ?? 5000
        Task {
            for device in devices {
                guard let found = try? await PersistentLookup.calls(on: device, client: session.client, peripheralID: peripheral) else { continue }
                tracker.rebuild(device: device, callIDs: found.map(\.callID), at: ClientCoreClock.now())
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
