import ArgumentParser
import CTIClient
import CTIOutput
import CTIProtocol

/// Runs one request on the session `provider` gives (see ``SessionProvider``): send, print the
/// confirmation (and, with `--follow S`, the events of the next S seconds). One-shot the session
/// is opened for the request (CLIENT_EVENTS|CLIENT_CONTROL by default) and closed after; in a REPL
/// or script it is the shared one, which stays open. A refusal is exit 1 naming the code and what
/// it means; a lost connection exit 2.
enum RequestRunner {
    static func run(on provider: any SessionProvider, _ connection: ConnectionOptions, _ output: EventOutputOptions, follow: Double?,
                    _ request: @escaping @Sendable (CTIClient, ConsoleSettings) async throws -> CTIMessage) async throws {
        try await provider.withSession(.request, connection, output) { session, settings, _ in
            let confirmation = try await request(session.client, settings)
            provider.remember(confirmation)
            let printer = EventPrinter(options: output, environment: SessionCommandSupport.environment)
            try? printer.print(confirmation: confirmation)
            try? StandardStream.output.flush()
            if let follow { await provider.follow(follow, on: session, printer: printer) }
        }
    }

    /// A refusal in words: the code's name and what it means.
    static func explain(_ error: CTIClientError) -> String {
        switch error {
        case .controlFailed(_, let peripheral) where peripheral.isPersistentCallCode:
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
            case .sessionNotOpen: "no session is open"
            case .requiredDataMissing: "a field the request needs is missing"
            case .invalidPeripheralID: "the server knows no such peripheral"
            case .agentNotLoggedOn: "the agent is not logged in"
            case .functionNotAvailable: "the session was not granted the service this request needs (CLIENT_CONTROL): open it with "
                + "`--services ALL_EVENTS,CLIENT_CONTROL` (in the REPL: `close`, then `open --services ALL_EVENTS,CLIENT_CONTROL`)"
            case .invalidCallID: "the server knows no call with that ConnectionCallID"
            case .serverNotMaster: "this side is standby: requests go to the active side"
            default: "the CTI Server refused the request"
            }
        case .controlFailed(let code, _):
            switch code {
            case .privilegeViolationOnSpecifiedDevice: "the device is not this session's own"
            case .invalidCSTACallIdentifier: "no call with that ConnectionCallID on the device"
            case .invalidCSTADeviceIdentifier: "the peripheral knows no such device"
            case .genericStateIncompatibility, .invalidObjectState: "the call or agent is not in a state that allows this"
            case .invalidAgentIDSpecified: "the AgentID is not the agent of that instrument"
            case .specifiedAgentAlreadySignedOn: "the agent is already logged in"
            case .invalidAgentWorkmode: "the agent work mode is not valid here"
            case .genericUnspecifiedRejection: "the peripheral refused the request without saying why"
            default: "the peripheral (ACD) refused the request"
            }
        default: nil
        }
    }
}
