import ArgumentParser
import CTIClient
import CTIOutput
import CTIProtocol

/// `wait EVENT [Field=value ...] [--timeout S]`: wait for an event. In a REPL or script, on the
/// open session: an event that arrived while the line before ran counts too, so
/// `call make ...` then `wait CALL_ESTABLISHED_EVENT` cannot miss it; `$CALLID` becomes the
/// event's call. One-shot, it opens a session as `watch` does and prints the event.
struct WaitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait",
        abstract: "Wait for an event, e.g. `cti wait AGENT_STATE_EVENT AgentID=1001 --timeout 30`.",
        discussion: """
        Conditions are Field=value, written as `cti encode` takes them (enum names or numbers, \
        strings, NamedVariable=name=value); all must hold. In a REPL or script the event may have \
        arrived while the previous line ran, and $CALLID becomes its ConnectionCallID. One-shot, \
        a session is opened as `watch` opens one and the event is printed. Exit status: 0 the \
        event came; 124 --timeout ran out first; 2 no session.
        """)

    @Argument(help: ArgumentHelp("The message to wait for, e.g. CALL_ESTABLISHED_EVENT.", valueName: "event"))
    var event: String

    @Argument(help: ArgumentHelp("Conditions on its fields.", valueName: "field=value"))
    var conditions: [String] = []

    @Option(help: ArgumentHelp("Give up after this many seconds (exit 124).", valueName: "seconds"))
    var timeout: Double?

    @OptionGroup(title: ConnectionOptions.title) var connection: ConnectionOptions
    @OptionGroup(title: EventOutputOptions.title) var outputOptions: EventOutputOptions

    func validate() throws {
        if let timeout { try SecondsOption.check(timeout, option: "--timeout") }
        _ = try EventMatch(message: event, conditions: conditions)
    }

    func run() async throws {
        let match = try EventMatch(message: event, conditions: conditions)
        let limit = timeout ?? SecondsOption.maximum
        if let context = ConsoleContext.current {
            _ = try await context.sessionForRequest(connection, quiet: outputOptions.quiet)
            guard let event = await context.waitForEvent(timeout: limit, { match.matches($0) ? $0 : nil }) else {
                StandardStream.diagnose("cti: wait: no \(match.descriptor.name) within \(Self.seconds(limit))")
                throw ExitStatus.timeout
            }
            if let callID = event.message?.fields?.number("ConnectionCallID") { context.remember(callID: callID) }
            return
        }
        let session = try await SessionCommandSupport.makeSession(connection, defaults: .watch, reconnect: true, quiet: outputOptions.quiet)
        let printer = EventPrinter(options: outputOptions, environment: SessionCommandSupport.environment)
        let client = session.client
        let opening = Task { try? await client.open() }
        defer { opening.cancel() }
        enum Ending { case matched, timeout, signal, streamEnded }
        let ending = await withTaskGroup(of: Ending.self) { group in
            group.addTask {
                for await event in client.events {
                    if event.lifecycle != nil { try? printer.print(event) }
                    if match.matches(event) {
                        try? printer.print(event)
                        return .matched
                    }
                }
                return .streamEnded
            }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(Int64(limit * 1000)))
                return .timeout
            }
            group.addTask { _ = await SignalWatcher.next(); return .signal }
            let first = await group.next()!
            group.cancelAll()
            return first
        }
        try? StandardStream.output.flush()
        await session.shutdown()
        switch ending {
        case .matched: return
        case .timeout:
            StandardStream.diagnose("cti: wait: no \(match.descriptor.name) within \(Self.seconds(limit))")
            throw ExitStatus.timeout
        case .signal: throw ExitStatus.interrupted
        case .streamEnded: throw ExitStatus.connectionFailure
        }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
