/// The server side of a session, step by step (issue 19): a scenario's `[[step]]` tables or
/// a replayed recording, run by a ``ScriptRunner`` on a session of the simulator.
public struct ServerScript: Hashable, Sendable {
    /// How the runner treats the client.
    public enum Mode: Hashable, Sendable {
        /// A scenario: every client request (other than OPEN, HEARTBEAT and CLOSE, which the
        /// simulator answers) is the script's; an `expect` that sees another request, or
        /// none within its timeout, fails the run.
        case strict
        /// A replay: requests the script does not expect get the simulator's own answer; an
        /// `expect` whose request does not come within its timeout is skipped with the
        /// `reply` after it, and logged. The simulator sends no events of its own.
        case replay
    }

    /// Which sessions run the script.
    public enum Scope: Hashable, Sendable {
        /// The first session that opens (a scenario).
        case firstSession
        /// Every session, each from the start (a replay).
        case everySession
    }

    public var steps: [ScriptStep]
    public var mode: Mode
    public var scope: Scope

    public init(steps: [ScriptStep], mode: Mode, scope: Scope) {
        self.steps = steps
        self.mode = mode
        self.scope = scope
    }
}
