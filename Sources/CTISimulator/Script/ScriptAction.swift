import NIOCore

/// What a ``ScriptRunner`` asks the engine to do next (the engine performs it on its loop).
enum ScriptAction: Hashable {
    /// Write this to the session, then ask again (unless the channel is not writable: then
    /// ask again once it is).
    case send(ScriptMessage)
    /// Run this simulator command, then ask again.
    case runCommand(String)
    /// Log this line, then ask again.
    case note(String)
    /// Nothing to do before this instant (a timer), or before a request arrives.
    case sleep(until: NIODeadline)
    /// Every step happened.
    case finished
    case failed(ScriptFailure)
}
