import CTIClient
import Testing
@testable import CTIConsole

/// A one-shot command's session: made and opened for the command, closed after it, whether the
/// command succeeds or fails (against the embedded simulator, in this process).
@Suite(.timeLimit(.minutes(5)))
struct OneShotSessionProviderTests {
    static func options() throws -> (ConnectionOptions, EventOutputOptions) {
        (try ConnectionOptions.parse(["--no-config", "--embedded"]), try EventOutputOptions.parse(["-q"]))
    }

    /// Reads the event stream to its end: it ends only when the client has closed.
    static func drain(_ client: CTIClient) async {
        for await _ in client.events {}
    }

    @Test func aRequestSessionIsOpenForTheCommandAndClosedAfterIt() async throws {
        let (connection, output) = try Self.options()
        let provider = OneShotSessionProvider()
        let (session, wasOpen) = try await provider.withSession(.request, connection, output) { session, _, _ in
            (session, await session.client.isOpen)
        }
        #expect(wasOpen)
        #expect(await !session.client.isOpen)
        await Self.drain(session.client)
    }

    @Test func eachCommandGetsASessionOfItsOwn() async throws {
        let (connection, output) = try Self.options()
        let provider = OneShotSessionProvider()
        let first = try await provider.withSession(.request, connection, output) { session, _, _ in session }
        let second = try await provider.withSession(.request, connection, output) { session, _, _ in session }
        #expect(first !== second)
    }

    @Test func theSessionIsClosedWhenTheCommandFails() async throws {
        struct Failed: Error {}
        let (connection, output) = try Self.options()
        let seen = SessionBox()
        await #expect(throws: Failed.self) {
            try await OneShotSessionProvider().withSession(.request, connection, output) { session, _, _ in
                seen.session = session
                throw Failed()
            }
        }
        let session = try #require(seen.session)
        #expect(await !session.client.isOpen)
        await Self.drain(session.client)
    }

    @Test func anEventsSessionOpensInTheBackgroundAndAWaitSeesItsEvents() async throws {
        let (connection, output) = try Self.options()
        let provider = OneShotSessionProvider()
        let (session, result) = try await provider.withSession(.events, connection, output) { session, _, _ in
            let result = await provider.waitForEvent(on: session, timeout: 10, signal: false, echo: nil) { event -> String? in
                if case .opened = event.lifecycle { "opened" } else { nil }
            }
            return (session, result)
        }
        guard case .event("opened") = result else {
            Issue.record("expected the opened record, got \(result)")
            return
        }
        #expect(await !session.client.isOpen)
    }

    @Test func aWaitThatNothingAnswersTimesOut() async throws {
        let (connection, output) = try Self.options()
        let provider = OneShotSessionProvider()
        let result = try await provider.withSession(.request, connection, output) { session, _, _ in
            await provider.waitForEvent(on: session, timeout: 0.2, signal: false, echo: nil) { _ -> Bool? in nil }
        }
        guard case .timedOut = result else {
            Issue.record("expected a timeout, got \(result)")
            return
        }
    }

    @Test func nothingIsKeptForLaterCommands() {
        let provider = OneShotSessionProvider()
        #expect(provider.console == nil)
        #expect(provider.persistentCalls == nil)
    }
}

/// The session a failing command body saw.
final class SessionBox: @unchecked Sendable {
    var session: ConsoleSession?
}
