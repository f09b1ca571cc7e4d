import CTIClient
import CTIProtocol

/// Where a command gets its session from, handed to every command that needs one
/// (``SessionCommand/run(on:)``): the session a REPL or script shares across its lines
/// (``SharedSessionProvider``), or one made for a one-shot command and closed after it
/// (``OneShotSessionProvider``). This is the only place the two ways of running differ in how a
/// session is had, kept and waited on.
protocol SessionProvider: Sendable {
    /// The state a REPL or script keeps across lines (its session, variables, printer); nil for
    /// a one-shot command. For the commands that only mean something there (`open` keeping its
    /// session, `close`, `status`, `reconnect`, `sim`, `watch` changing what is shown).
    var console: ConsoleContext? { get }

    /// The persistent calls this console has seen (one-shot: none are known).
    var persistentCalls: PersistentCallTracker? { get }

    /// Runs `body` on a session: the REPL's or script's (opened now with the command's server
    /// options if it has none, and left open; the settings act for the command's agent and
    /// instrument), or one made for the command and closed after it. `body` gets the printer
    /// events are shown with. Refusals are exit 1, usage mistakes 64, connection failures 2.
    func withSession<Value: Sendable>(_ use: SessionUse, _ connection: ConnectionOptions, _ output: EventOutputOptions,
                                      _ body: @escaping @Sendable (ConsoleSession, ConsoleSettings, EventPrinter) async throws -> Value) async throws -> Value

    /// Waits until `decide` gives an outcome for an event of `session`, `timeout` seconds pass,
    /// or (one-shot, with `signal`) SIGINT or SIGTERM comes. In a REPL or script an event that
    /// arrived while the line before ran counts too, and events print as they arrive anyway;
    /// one-shot, `echo` shows the lifecycle records and the event decided on.
    func waitForEvent<Outcome: Sendable>(on session: ConsoleSession, timeout: Double, signal: Bool, echo: EventPrinter?,
                                         _ decide: @escaping @Sendable (ClientEvent) -> Outcome?) async -> EventWait.Result<Outcome>

    /// After a request's confirmation, `--follow S`: its events for S seconds (in a REPL or
    /// script they print as they arrive; one-shot they are read and printed here).
    func follow(_ seconds: Double, on session: ConsoleSession, printer: EventPrinter) async

    /// Keeps what a request or wait gave for the next lines (`$CALLID`, `$INVOKEID`); one-shot
    /// there are none.
    func remember(callID: UInt32?, invokeID: UInt32?)

    /// Keeps a request's confirmation for the next lines: its InvokeID, and the call it made or names.
    func remember(_ confirmation: CTIMessage)
}

/// What a command wants a one-shot session for (a REPL's or script's session serves both).
enum SessionUse: Sendable {
    /// A request: CLIENT_EVENTS|CLIENT_CONTROL by default, opened before the command goes on
    /// (one round over the sides; failing is exit 2), closed after.
    case request
    /// Reading events (`wait`): `watch`'s defaults, opened in the background and reopened after
    /// a failure (the lifecycle records show each attempt), closed after.
    case events
    /// Reading events as ``events`` does, every byte of each connection shown to the tap
    /// (`watch --record FILE.pcap`).
    case recordedEvents(FrameTap)

    /// The tap a one-shot session is made with.
    var frameTap: FrameTap? {
        if case .recordedEvents(let tap) = self { return tap }
        return nil
    }
}
