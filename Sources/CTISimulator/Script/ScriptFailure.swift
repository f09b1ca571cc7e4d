/// The first step of a ``ServerScript`` that did not happen, and why.
public struct ScriptFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based, as the scenario file lists the steps.
    public var step: Int
    /// The step (``ScriptStep/description``).
    public var stepDescription: String
    public var reason: String

    public init(step: Int, stepDescription: String, reason: String) {
        self.step = step
        self.stepDescription = stepDescription
        self.reason = reason
    }

    /// `step 3 (expect MAKE_CALL_REQ DialedNumber=5551234): got CLEAR_CALL_REQ`.
    public var description: String { "step \(step) (\(stepDescription)): \(reason)" }
}

/// How a script run ended (``CTISimulator/scriptOutcome()``).
public enum ScriptOutcome: Hashable, Sendable {
    /// Every step happened.
    case completed
    case failed(ScriptFailure)
}
