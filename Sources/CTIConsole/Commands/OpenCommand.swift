import ArgumentParser
import CTIClient
import CTIOutput
import CTIProtocol
import NIOConcurrencyHelpers

/// `cti open`: open a session, print what was granted, close it.
struct OpenCommand: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open a session, print what the server granted, and close it (in the REPL it stays open).")

    @OptionGroup(title: ConnectionOptions.title) var connection: ConnectionOptions
    @OptionGroup(title: EventOutputOptions.title) var outputOptions: EventOutputOptions

    func run(on provider: any SessionProvider) async throws {
        if let context = provider.console {
            guard context.session == nil else {
                StandardStream.diagnose("cti: a session is already open (`close` it first)")
                throw ExitStatus.usage
            }
            // The session stays open for the following lines, and reopens after a failure.
            try await context.openSession(connection, quiet: outputOptions.quiet)
            return
        }
        let session = try await SessionCommandSupport.makeSession(connection, defaults: .session, reconnect: false, quiet: outputOptions.quiet)
        var events = session.client.events.makeAsyncIterator()
        try await SessionCommandSupport.open(session, output: outputOptions)
        // The lifecycle record of the opening carries the granted services and the side (with
        // --lifecycle it is on stdout already, with every other record).
        reading: while !outputOptions.lifecycle, let event = await events.next() {
            if case .opened = event.lifecycle {
                try? outputOptions.sink(environment: SessionCommandSupport.environment).write(.opened(event))
                break reading
            }
        }
        try? StandardStream.output.flush()
        await session.shutdown()
    }
}
