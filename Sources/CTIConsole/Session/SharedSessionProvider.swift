import CTIClient
import CTIProtocol

/// The session a REPL or script shares across its lines (``ConsoleContext``): a command runs on
/// the open one, or opens it with its server options, and leaves it open.
struct SharedSessionProvider: SessionProvider {
    let context: ConsoleContext

    init(_ context: ConsoleContext) {
        self.context = context
    }

    var console: ConsoleContext? { context }

    var persistentCalls: PersistentCallTracker? { context.printer.persistentCalls }

    func withSession<Value: Sendable>(_ use: SessionUse, _ connection: ConnectionOptions, _ output: EventOutputOptions,
                                      _ body: @escaping @Sendable (ConsoleSession, ConsoleSettings, EventPrinter) async throws -> Value) async throws -> Value {
        let session = try await context.sessionForRequest(connection, quiet: output.quiet)
        let settings = session.settings.actingFor(connection)
        let printer = context.printer
        return try await SessionCommandSupport.mappingErrors { try await body(session, settings, printer) }
    }

    /// The context's events, looked back on from the line before (Ctrl-C at the REPL cancels
    /// the line, which ends the wait as a timeout does).
    func waitForEvent<Outcome: Sendable>(on session: ConsoleSession, timeout: Double, signal: Bool, echo: EventPrinter?,
                                         _ decide: @escaping @Sendable (ClientEvent) -> Outcome?) async -> EventWait.Result<Outcome> {
        guard let outcome = await context.waitForEvent(timeout: timeout, decide) else { return .timedOut }
        return .event(outcome)
    }

    /// The events keep printing as they arrive: the line only waits.
    func follow(_ seconds: Double, on session: ConsoleSession, printer: EventPrinter) async {
        try? await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
    }

    func remember(callID: UInt32?, invokeID: UInt32?) {
        context.remember(callID: callID, invokeID: invokeID)
    }

    func remember(_ confirmation: CTIMessage) {
        context.remember(confirmation)
    }
}
