import CTIClient
import Testing
@testable import CTIConsole

/// The session a REPL or script shares across its lines: the first command opens it, the next
/// ones run on the same session, and it stays open until the console closes it.
@Suite(.timeLimit(.minutes(5)))
struct SharedSessionProviderTests {
    /// A context that shows no events (as after `watch --off`): the test's output stays clean.
    static func context() throws -> ConsoleContext {
        let printer = EventPrinter(options: try EventOutputOptions.parse(["-q"]), environment: [:])
        let context = ConsoleContext(printer: printer)
        context.setShowing(false, printer: printer)
        return context
    }

    @Test func commandsReuseOneSessionThatStaysOpen() async throws {
        let context = try Self.context()
        let (connection, output) = (try ConnectionOptions.parse(["--no-config", "--embedded"]), try EventOutputOptions.parse(["-q"]))
        #expect(context.session == nil)
        let first = try await SharedSessionProvider(context).withSession(.request, connection, output) { session, _, _ in session }
        #expect(await first.client.isOpen)
        // A later line hands a new provider over the same context: the same session.
        let second = try await SharedSessionProvider(context).withSession(.events, connection, output) { session, _, _ in session }
        #expect(first === second)
        #expect(context.session === first)
        #expect(await first.client.isOpen)
        await context.closeSession()
        #expect(await !first.client.isOpen)
    }

    @Test func aCommandActsForItsOwnAgentOnTheSharedSession() async throws {
        let context = try Self.context()
        let output = try EventOutputOptions.parse(["-q"])
        let opening = try ConnectionOptions.parse(["--no-config", "--embedded"])
        _ = try await SharedSessionProvider(context).withSession(.request, opening, output) { session, _, _ in session }
        let acting = try ConnectionOptions.parse(["--no-config", "--embedded", "--instrument", "2001"])
        let (session, settings) = try await SharedSessionProvider(context).withSession(.request, acting, output) { session, settings, _ in (session, settings) }
        #expect(session.settings.instrument == nil, "the shared session serves every agent")
        #expect(settings.instrument == "2001")
        await context.closeSession()
    }

    @Test func whatACommandGaveIsKeptForTheNextLines() throws {
        let context = try Self.context()
        let provider = SharedSessionProvider(context)
        provider.remember(callID: 42, invokeID: 7)
        #expect(context.variables.callID == 42)
        #expect(context.variables.invokeID == 7)
        #expect(provider.console === context)
        #expect(provider.persistentCalls === context.printer.persistentCalls)
    }
}
