import CTIProtocol

/// What each virtual agent of `cti load` does and for how long (issue 22): it answers an
/// offered call after ``answerAfter``, talks for ``talk`` and hangs up, wraps up for ``wrapUp``,
/// then becomes available again, or, with probability ``notReadyChance``, goes not ready with one
/// of ``reasonCodes`` for ``notReadyTime`` first. Every draw comes from the agent's own seeded
/// generator, so a run is repeatable.
struct WorkModel: Equatable, Sendable {
    var answerAfter: SecondsDistribution
    var talk: SecondsDistribution
    var wrapUp: SecondsDistribution
    /// After each wrap-up: the chance (0-1) of a not-ready period before the next call.
    var notReadyChance: Double
    var notReadyTime: SecondsDistribution
    /// The EventReasonCode of each not-ready period, drawn evenly from these.
    var reasonCodes: [UInt32]
    /// The number an agent dials for an outbound call (`--make-rate`).
    var dialedNumber: String

    static let standard = WorkModel(
        answerAfter: .uniform(.seconds(1), .seconds(3)), talk: .uniform(.seconds(30), .seconds(90)),
        wrapUp: .uniform(.seconds(5), .seconds(15)), notReadyChance: 0.1, notReadyTime: .uniform(.seconds(10), .seconds(30)),
        reasonCodes: [1, 2, 3], dialedNumber: "9195550123")

    /// Whether the next period after a wrap-up is not ready, and with which reason code.
    func drawNotReady(_ random: inout SplitMix64) -> UInt32? {
        guard notReadyChance > 0, !reasonCodes.isEmpty, random.uniform(0...1) < notReadyChance else { return nil }
        return reasonCodes[Int(random.next() % UInt64(reasonCodes.count))]
    }
}
