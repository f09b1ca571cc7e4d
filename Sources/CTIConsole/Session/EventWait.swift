/// One-shot commands read a session's events until they have what they read them for, a time
/// limit runs out, SIGINT or SIGTERM comes, or stdout's reader goes: `wait`, `watch`,
/// `--follow` and `persistent make --wait` race these the same way.
enum EventWait {
    /// How the race ended.
    enum Ending<Outcome: Sendable>: Sendable {
        /// The reader returned (what it read the events for, or that the stream ended).
        case done(Outcome)
        /// `timeout` seconds passed first.
        case timedOut
        /// SIGINT or SIGTERM came first (only when asked for: ``SignalWatcher``).
        case interrupted
        /// stdout's reader went away first (only with a ``Flusher``).
        case readerGone
    }

    /// What a wait for one event gave (``SessionProvider/waitForEvent(on:timeout:signal:echo:_:)``).
    enum Result<Outcome: Sendable>: Sendable {
        case event(Outcome)
        case timedOut
        case interrupted
        /// The session ended (the client gave up) before the event came.
        case streamEnded
    }

    /// Runs `reading` until it returns, racing it against `timeout` seconds (none: no limit),
    /// SIGINT/SIGTERM when `signal`, and the reader of stdout going when a `flusher` is given;
    /// the first to finish ends the others.
    static func until<Outcome: Sendable>(timeout: Double?, signal: Bool = false, flusher: Flusher? = nil,
                                         reading: @escaping @Sendable () async -> Outcome) async -> Ending<Outcome> {
        await withTaskGroup(of: Ending<Outcome>.self) { group in
            group.addTask { .done(await reading()) }
            if let timeout {
                group.addTask {
                    try? await Task.sleep(for: .milliseconds(Int64(timeout * 1000)))
                    return .timedOut
                }
            }
            if signal {
                group.addTask { _ = await SignalWatcher.next(); return .interrupted }
            }
            if let flusher {
                group.addTask { await flusher.readerGone(); return .readerGone }
            }
            let first = await group.next()!
            group.cancelAll()
            return first
        }
    }
}
