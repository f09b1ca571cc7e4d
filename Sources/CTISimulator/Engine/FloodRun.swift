import CTIProtocol
import NIOCore

/// One `flood` in progress. Confined to the engine's event loop.
final class FloodRun {
    /// The least time between the end of a flood step and the next, so the loop polls its
    /// sockets in between (see ``SimulatorEngine/stepFlood(_:)``). Any delay does that (a task
    /// that is not ready yet lets the loop poll); a short one keeps the flood from idling: with
    /// ``stepSize`` events a step it allows 256 events per 50 µs plus the step's own time.
    static let yieldDelay = TimeAmount.microseconds(50)
    /// The most events one step publishes.
    static let stepSize = 256

    let count: Int
    /// Time between two events, `nil` for as fast as the clients read.
    let interval: TimeAmount?
    let start: NIODeadline
    let promise: EventLoopPromise<Int>
    var published = 0
    /// Waiting for a target connection to become writable (or to go away).
    var paused = false

    init(count: Int, ratePerSecond: Double?, start: NIODeadline, promise: EventLoopPromise<Int>) {
        self.count = count
        self.interval = ratePerSecond.map { .nanoseconds(Int64(1_000_000_000 / $0)) }
        self.start = start
        self.promise = promise
    }

    /// The END_CALL_EVENT frame per protocol version, encoded once, and the body offset of its
    /// ConnectionCallID: each event patches the number in.
    private var templates: [UInt32: CTIFrame] = [:]
    private static let callIDOffset = MessageCatalog.standard.descriptor(named: "END_CALL_EVENT")!.fixed
        .first { $0.field == .connectionCallID }!.offset

    /// The frame of the END_CALL_EVENT with this ConnectionCallID.
    func frame(callID: UInt32, version: ProtocolVersion, peripheral: UInt32) throws -> CTIFrame {
        if templates[version.number] == nil {
            let message = SimulatedMessages.endCall(callID: 0, peripheral: peripheral)
            templates[version.number] = CTIFrame(encoded: try CTIMessageEncoder(version: version).encode(message))
        }
        var frame = templates[version.number]!
        frame.body.setInteger(callID, at: frame.body.readerIndex + FloodRun.callIDOffset)
        return frame
    }

    /// How many events are due by `now`: all of them without a rate.
    func dueCount(at now: NIODeadline) -> Int {
        guard let interval else { return count }
        let elapsed = (now - start).nanoseconds
        return min(count, max(published, Int(elapsed / max(interval.nanoseconds, 1)) + 1))
    }

    /// When event number `published + 1` is due (rate-limited floods).
    var nextDue: NIODeadline? {
        interval.map { start + .nanoseconds($0.nanoseconds * Int64(published)) }
    }
}
