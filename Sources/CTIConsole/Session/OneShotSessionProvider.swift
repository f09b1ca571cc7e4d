import CTIClient
import CTIOutput
import CTIProtocol

/// A session made for one command (`cti call make ...`): made with the command's options,
/// opened, and closed once the command is done (or has failed).
struct OneShotSessionProvider: SessionProvider {
    var console: ConsoleContext? { nil }

    var persistentCalls: PersistentCallTracker? { nil }

    func withSession<Value: Sendable>(_ use: SessionUse, _ connection: ConnectionOptions, _ output: EventOutputOptions,
                                      _ body: @escaping @Sendable (ConsoleSession, ConsoleSettings, EventPrinter) async throws -> Value) async throws -> Value {
        let session: ConsoleSession
        var opening: Task<Void, Never>?
        switch use {
        case .request:
            session = try await SessionCommandSupport.makeSession(connection, defaults: .request, reconnect: false, quiet: output.quiet)
            try await SessionCommandSupport.open(session, output: output)
        case .events, .recordedEvents:
            session = try await SessionCommandSupport.makeSession(connection, defaults: .watch, reconnect: true, quiet: output.quiet,
                                                                  frameTap: use.frameTap)
            // Keeps alternating sides (and retrying refused OPENs) with back-off until a session
            // opens; a failure that ends the client ends the event stream.
            let client = session.client
            opening = Task { try? await client.open() }
        }
        defer { opening?.cancel() }
        let printer = EventPrinter(options: output, environment: SessionCommandSupport.environment)
        let value: Value
        do {
            value = try await SessionCommandSupport.mappingErrors { try await body(session, session.settings, printer) }
        } catch {
            await session.shutdown()
            throw error
        }
        await session.shutdown()
        return value
    }

    /// Reads the session's event stream (buffered since the session was made).
    func waitForEvent<Outcome: Sendable>(on session: ConsoleSession, timeout: Double, signal: Bool, echo: EventPrinter?,
                                         _ decide: @escaping @Sendable (ClientEvent) -> Outcome?) async -> EventWait.Result<Outcome> {
        let client = session.client
        let ending = await EventWait.until(timeout: timeout, signal: signal) { () -> Outcome? in
            for await event in client.events {
                if event.lifecycle != nil { try? echo?.print(event) }
                if let outcome = decide(event) {
                    try? echo?.print(event)
                    return outcome
                }
            }
            return nil
        }
        if echo != nil { try? StandardStream.output.flush() }
        switch ending {
        case .done(let outcome?): return .event(outcome)
        case .done(nil): return .streamEnded
        case .timedOut: return .timedOut
        case .interrupted: return .interrupted
        case .readerGone: return .streamEnded
        }
    }

    /// Prints the protocol messages of the next `seconds` (the lifecycle records were shown as
    /// they happened: ``SessionCommandSupport/open(_:output:)``).
    func follow(_ seconds: Double, on session: ConsoleSession, printer: EventPrinter) async {
        let flusher = Flusher()
        let client = session.client
        _ = await EventWait.until(timeout: seconds) {
            // The stream has buffered everything since the session opened.
            for await event in client.events where event.lifecycle == nil {
                do { try printer.print(event) } catch { return }
            }
        }
        flusher.stop()
        try? StandardStream.output.flush()
    }

    func remember(callID: UInt32?, invokeID: UInt32?) {}

    func remember(_ confirmation: CTIMessage) {}
}
