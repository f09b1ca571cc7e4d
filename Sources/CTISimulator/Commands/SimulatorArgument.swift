import CTIProtocol

/// The kind of one argument of a simulator command (``SimulatorCommandDeclaration``): what it
/// looks like in the help (`A|B`, `DEVICE`, …) and how a word is read into a
/// ``SimulatorArgumentValue``.
public enum SimulatorArgument: Hashable, Sendable {
    /// `A|B`, case-insensitive.
    case side
    /// `N`: a number of events > 0.
    case count
    /// `[RATE]`: events per second > 0, optional (last).
    case rate
    /// `DEVICE`: a device (agent phone, CTI Remote Device line or name), as typed.
    case device
    /// `CALLID`: a ConnectionCallID.
    case callID
    /// `NUMBER`: a phone number (a remote destination), as typed.
    case number
    /// One of these words, case-insensitive (`busy|noanswer|unreachable`).
    case choice([String])

    /// How the argument is written in the help and usage lines.
    public var placeholder: String {
        switch self {
        case .side: "A|B"
        case .count: "N"
        case .rate: "[RATE]"
        case .device: "DEVICE"
        case .callID: "CALLID"
        case .number: "NUMBER"
        case .choice(let words): words.joined(separator: "|")
        }
    }

    /// Whether the line may leave it out (then it is the last argument).
    public var isOptional: Bool { self == .rate }

    /// What a usage line adds about the value's range, if anything.
    var constraint: String? {
        switch self {
        case .count: "N > 0 events"
        case .rate: "RATE > 0 per second"
        default: nil
        }
    }

    /// Reads `word` (as typed; case is kept for devices and numbers). Throws what the word is not.
    func read(_ word: String) throws(SimulatorArgumentProblem) -> SimulatorArgumentValue {
        switch self {
        case .side:
            guard let side = CTISide(rawValue: word.uppercased()) else { throw SimulatorArgumentProblem("a side (A or B)") }
            return .side(side)
        case .count:
            guard let count = Int(word), count > 0 else { throw SimulatorArgumentProblem("a number of events > 0") }
            return .count(count)
        case .rate:
            guard let rate = Double(word), rate > 0, rate.isFinite else { throw SimulatorArgumentProblem("a rate per second > 0") }
            return .rate(rate)
        case .device: return .device(word)
        case .callID:
            guard let id = UInt32(word) else { throw SimulatorArgumentProblem("a call ID") }
            return .callID(id)
        case .number: return .number(word)
        case .choice(let words):
            guard words.contains(word.lowercased()) else { throw SimulatorArgumentProblem("one of \(placeholder)") }
            return .choice(word.lowercased())
        }
    }
}

/// What a word is not (``SimulatorArgument/read(_:)``): "a side (A or B)", "a call ID", ….
struct SimulatorArgumentProblem: Error {
    var expected: String

    init(_ expected: String) { self.expected = expected }
}

/// One argument of a parsed ``SimulatorCommand``.
public enum SimulatorArgumentValue: Hashable, Sendable {
    case side(CTISide)
    case count(Int)
    case rate(Double)
    case device(String)
    case callID(UInt32)
    case number(String)
    case choice(String)
}

/// The arguments of a parsed ``SimulatorCommand``, by kind: a declaration has at most one
/// argument of each kind (checked by the table's tests), so an action asks for `side`, not for
/// "the first argument".
public struct SimulatorArguments: Hashable, Sendable {
    public var values: [SimulatorArgumentValue]

    public init(_ values: [SimulatorArgumentValue]) { self.values = values }

    /// The value of the argument `extract` matches, if the line gave one.
    private func first<T>(_ extract: (SimulatorArgumentValue) -> T?) -> T? {
        for value in values { if let value = extract(value) { return value } }
        return nil
    }

    /// The value of the one argument `extract` matches; a declaration whose action asks for a
    /// kind it does not declare is a programming error.
    private func the<T>(_ kind: String, _ extract: (SimulatorArgumentValue) -> T?) -> T {
        guard let value = first(extract) else { preconditionFailure("the command declares no \(kind) argument") }
        return value
    }

    public var side: CTISide { the("side") { if case .side(let side) = $0 { side } else { nil } } }
    public var count: Int { the("count") { if case .count(let count) = $0 { count } else { nil } } }
    /// `nil` when the line left it out.
    public var rate: Double? { first { if case .rate(let rate) = $0 { rate } else { nil } } }
    public var device: String { the("device") { if case .device(let device) = $0 { device } else { nil } } }
    public var callID: UInt32 { the("call ID") { if case .callID(let id) = $0 { id } else { nil } } }
    public var number: String { the("number") { if case .number(let number) = $0 { number } else { nil } } }
    public var choice: String { the("choice") { if case .choice(let word) = $0 { word } else { nil } } }

    /// The choice as the enum whose raw values the declaration listed.
    public func choice<T: RawRepresentable>(as type: T.Type) -> T where T.RawValue == String {
        guard let value = T(rawValue: choice) else { preconditionFailure("'\(choice)' is no \(T.self)") }
        return value
    }
}
