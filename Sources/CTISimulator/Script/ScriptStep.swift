import CTIProtocol
import NIOCore

/// One step of a ``ServerScript`` (issue 19): what the simulator waits for or does next on
/// the session the script runs on.
public enum ScriptStep: Hashable, Sendable {
    /// Wait up to `timeout` for a client request (``ExpectedRequest``).
    case expect(ExpectedRequest, timeout: TimeAmount)
    /// Send a confirmation whose InvokeID is the one of the request the last `expect` matched.
    case reply(ScriptMessage)
    /// Send a message; `at`: not before this long after the script started (a replay's
    /// recorded offset), `nil`: at once.
    case send(ScriptMessage, at: TimeAmount?)
    /// Do nothing for this long.
    case wait(TimeAmount)
    /// Run a fault command (``FailStep``).
    case fail(FailStep)

    /// The step as a failure names it: `expect MAKE_CALL_REQ DialedNumber=5551234`,
    /// `reply MAKE_CALL_CONF`, `send AGENT_STATE_EVENT`, `wait 1.5 s`, `fail A:kill`.
    public var description: String {
        switch self {
        case .expect(let request, _): (["expect", request.name] + request.assignments).joined(separator: " ")
        case .reply(let message): "reply \(message.name)"
        case .send(let message, _): "send \(message.name)"
        case .wait(let duration): "wait \(Self.seconds(duration)) s"
        case .fail(let step): "fail \(step.description)"
        }
    }

    /// A duration in seconds as a person writes it (`10`, `1.5`).
    static func seconds(_ amount: TimeAmount) -> String {
        let seconds = Double(amount.nanoseconds) / 1e9
        return seconds == seconds.rounded() ? "\(Int64(seconds))" : "\(seconds)"
    }
}
