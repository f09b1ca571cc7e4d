import ArgumentParser
import CTIClient
import CTIProtocol
import NIOConcurrencyHelpers

/// `cti open`: open a session, print what was granted, close it.
struct OpenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open a session, print what the server granted, and close it (in the REPL it stays open).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var outputOptions: EventOutputOptions

    func run() async throws {
        if let context = ConsoleContext.current {
            guard context.session == nil else {
                StandardStream.diagnose("cti: a session is already open (`close` it first)")
                throw ExitStatus.usage
            }
            // The session stays open for the following lines, and reopens after a failure; but
            // the first opening gives up once every side has failed (a script must not wait for
            // ever), naming each side and why.
            let session = try await SessionCommandSupport.makeSession(connection, defaults: .session, reconnect: true, quiet: outputOptions.quiet)
            let firstRound = FirstRound(settings: session.settings)
            await session.client.observeLifecycle { firstRound.observe($0) }
            context.adopt(session)
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
                    if failure != nil { await context.closeSession() }
                }
                return failure
            }
            if let failure {
                StandardStream.diagnose("cti: \(failure)")
                throw ExitStatus.connectionFailure
            }
            return
        }
        let session = try await SessionCommandSupport.makeSession(connection, defaults: .session, reconnect: false, quiet: outputOptions.quiet)
        var events = session.client.events.makeAsyncIterator()
        try await SessionCommandSupport.open(session, output: outputOptions)
        // The lifecycle record of the opening carries the granted services and the side (with
        // --lifecycle it is on stdout already, with every other record).
        reading: while !outputOptions.lifecycle, let event = await events.next() {
            if case .opened = event.lifecycle {
                switch outputOptions.output {
                case .json: try? StandardStream.output.writeLine(bytes: event.jsonLine())
                case .text: try? StandardStream.output.writeLine(event.lifecycle!.summary + " on side \(event.side!.rawValue)")
                }
                break reading
            }
        }
        try? StandardStream.output.flush()
        await session.shutdown()
    }
}

extension OpenCommand {
    /// Watches the first opening of a REPL or script session: once every configured side has
    /// failed before any session opened, ``signal`` gives the reasons
    /// (`no session opened: side A 127.0.0.1:1: connection refused; side B ...`).
    final class FirstRound: Sendable {
        let signal = OneShotSignal<String?>(fallback: nil)
        private let endpoints: [(CTISide, String)]
        private let reasons = NIOLockedValueBox<[CTISide: String]>([:])

        init(settings: ConsoleSettings) {
            endpoints = [(CTISide.a, settings.hostA), (.b, settings.hostB)].compactMap { side, host in host.map { (side, $0.description) } }
        }

        /// Called with every lifecycle record (on the client's loop).
        func observe(_ event: ClientEvent) {
            switch event.lifecycle {
            case .opened?:
                signal.fire(nil)
            case .connectFailed(let side, let reason, _, _)?:
                let reasons = reasons.withLockedValue { reasons in
                    reasons[side] = reason
                    return reasons
                }
                guard endpoints.allSatisfy({ reasons[$0.0] != nil }) else { return }
                signal.fire("no session opened: " + endpoints.map { "side \($0.0) \($0.1): \(reasons[$0.0]!)" }.joined(separator: "; "))
            default:
                break
            }
        }
    }
}
