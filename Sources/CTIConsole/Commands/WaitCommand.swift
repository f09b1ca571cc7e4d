import ArgumentParser
import CTIClient
import CTIOutput
import CTIProtocol

/// `wait EVENT [Field=value ...] [--timeout S]`: wait for an event. In a REPL or script, on the
/// open session: an event that arrived while the line before ran counts too, so
/// `call make ...` then `wait CALL_ESTABLISHED_EVENT` cannot miss it; `$CALLID` becomes the
/// event's call. One-shot, it opens a session as `watch` does and prints the event.
struct WaitCommand: SessionCommand {
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

    func run(on provider: any SessionProvider) async throws {
        let match = try EventMatch(message: event, conditions: conditions)
        let limit = timeout ?? SecondsOption.maximum
        let result = try await provider.withSession(.events, connection, outputOptions) { session, _, _ in
            // One-shot, the event is printed (with the lifecycle records before it).
            let echo = EventPrinter(options: outputOptions, environment: SessionCommandSupport.environment)
            return await provider.waitForEvent(on: session, timeout: limit, signal: true, echo: echo) { match.matches($0) ? $0 : nil }
        }
        switch result {
        case .event(let event):
            if let callID = event.message?.fields?.number(.connectionCallID) { provider.remember(callID: callID, invokeID: nil) }
        case .timedOut:
            StandardStream.diagnose("cti: wait: no \(match.descriptor.name) within \(Self.seconds(limit))")
            throw ExitStatus.timeout
        case .interrupted: throw ExitStatus.interrupted
        case .streamEnded: throw ExitStatus.connectionFailure
        }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
