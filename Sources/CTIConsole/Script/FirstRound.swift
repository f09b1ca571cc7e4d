import CTIClient
import CTIProtocol
import NIOConcurrencyHelpers

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
