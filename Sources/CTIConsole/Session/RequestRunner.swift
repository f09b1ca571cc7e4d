import ArgumentParser
import CTIClient
import CTIOutput
import CTIProtocol
#if canImport(Glibc)
import Glibc
#endif

/// Runs one request the one-shot way: open a session (CLIENT_EVENTS|CLIENT_CONTROL by default),
/// send, print the confirmation (and, with `--follow S`, the events of the next S seconds),
/// close. A refusal is exit 1 naming the code and what it means; a lost connection exit 2.
enum RequestRunner {
    static func run(_ connection: ConnectionOptions, _ output: EventOutputOptions, follow: Double?,
                    _ request: @escaping @Sendable (CTIClient, ConsoleSettings) async throws -> CTIMessage) async throws {
        if let context = ConsoleContext.current {
            try await runInContext(context, connection, output, follow: follow, request)
            return
        }
        let session = try await SessionCommandSupport.makeSession(connection, defaults: .request, reconnect: false, quiet: output.quiet)
        let printer = EventPrinter(options: output, environment: SessionCommandSupport.environment)
        try await SessionCommandSupport.open(session, output: output)
        let confirmation: CTIMessage
        do {
            confirmation = try await SessionCommandSupport.mappingErrors { try await request(session.client, session.settings) }
        } catch {
            await session.shutdown()
            throw error
        }
        try? printer.print(confirmation: confirmation)
        try? StandardStream.output.flush()
        if let follow {
            let deadline = ContinuousClock.now + .milliseconds(Int64(follow * 1000))
            let flusher = Flusher()
            let client = session.client
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    // The stream has buffered everything since the session opened.
                    // Lifecycle records were shown as they happened (SessionCommandSupport.open).
                    for await event in client.events where event.lifecycle == nil {
                        do { try printer.print(event) } catch { return }
                    }
                }
                group.addTask { try? await Task.sleep(until: deadline) }
                await group.next()
                group.cancelAll()
            }
            flusher.stop()
            try? StandardStream.output.flush()
        }
        await session.shutdown()
    }

    /// In a REPL or script: on the context's open session, which stays open; its events keep
    /// printing as they arrive (`--follow S` waits S seconds for them).
    static func runInContext(_ context: ConsoleContext, _ connection: ConnectionOptions, _ output: EventOutputOptions, follow: Double?,
                             _ request: @escaping @Sendable (CTIClient, ConsoleSettings) async throws -> CTIMessage) async throws {
        let session = try await context.sessionForRequest(connection, quiet: output.quiet)
        let settings = session.settings.actingFor(connection)
        let confirmation = try await SessionCommandSupport.mappingErrors { try await request(session.client, settings) }
        context.remember(confirmation)
        let printer = EventPrinter(options: output, environment: SessionCommandSupport.environment)
        try? printer.print(confirmation: confirmation)
        try? StandardStream.output.flush()
        if let follow { try? await Task.sleep(for: .milliseconds(Int64(follow * 1000))) }
    }

    /// A refusal in words: the code's name and what it means.
    static func explain(_ error: CTIClientError) -> String {
        switch error {
        case .controlFailed(_, let peripheral) where PersistentRefusal.isPersistentCallCode(peripheral):
            return "\(error): " + PersistentRefusal.explain(error, device: "the device")
        case .controlFailed, .requestFailed:
            return "\(error)" + (RefusalMeaning.text(for: error).map { ": \($0)" } ?? "")
        default:
            return "\(error)"
        }
    }
}

/// Short explanations of the refusals people meet most.
enum RefusalMeaning {
    static func text(for error: CTIClientError) -> String? {
        switch error {
        case .requestFailed(let status):
            switch status {
            case 4: "no session is open"
            case 6: "a field the request needs is missing"
            case 7: "the server knows no such peripheral"
            case 9: "the agent is not logged in"
            case 12: "the session was not granted the service this request needs (CLIENT_CONTROL): open it with "
                + "`--services ALL_EVENTS,CLIENT_CONTROL` (in the REPL: `close`, then `open --services ALL_EVENTS,CLIENT_CONTROL`)"
            case 13: "the server knows no call with that ConnectionCallID"
            case 92: "this side is standby: requests go to the active side"
            default: "the CTI Server refused the request"
            }
        case .controlFailed(let code, _):
            switch code {
            case 8: "the device is not this session's own"
            case 11: "no call with that ConnectionCallID on the device"
            case 12: "the peripheral knows no such device"
            case 21, 22: "the call or agent is not in a state that allows this"
            case 256: "the AgentID is not the agent of that instrument"
            case 259: "the agent is already logged in"
            case 265: "the agent work mode is not valid here"
            case 70: "the peripheral refused the request without saying why"
            default: "the peripheral (ACD) refused the request"
            }
        default: nil
        }
    }
}

/// Wall-clock milliseconds for records the console makes itself.
enum ClientCoreClock {
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000
    }
}
