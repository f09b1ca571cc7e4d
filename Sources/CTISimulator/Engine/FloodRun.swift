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

    /// The message a flood publishes.
    static let messageName = "END_CALL_EVENT"

    /// The END_CALL_EVENT frame per protocol version, encoded once, and the body offset of its
    /// ConnectionCallID in that version's layout: each event patches the number in.
    private var templates: [UInt32: (frame: CTIFrame, callIDOffset: Int)] = [:]

    /// The frame of the END_CALL_EVENT with this ConnectionCallID, in the encoder's version.
    func frame(callID: UInt32, encoder: CTIMessageEncoder, peripheral: UInt32) throws(CTIEncodeError) -> CTIFrame {
        let version = encoder.version.number
        if templates[version] == nil {
            let message = SimulatedMessages.endCall(callID: 0, peripheral: peripheral)
            let offset = encoder.catalog.descriptor(named: FloodRun.messageName)!.fixed.first { $0.field == .connectionCallID }!.offset
            templates[version] = (CTIFrame(encoded: try encoder.encode(message)), offset)
        }
        let template = templates[version]!
        var frame = template.frame
        frame.body.setInteger(callID, at: frame.body.readerIndex + template.callIDOffset)
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
