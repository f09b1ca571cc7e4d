/// A field of the protocol, by the name `messages.json` gives it (CTI Server Message Reference
/// Guide, the message layouts and the floating-field tag table). Every name of the spec is a
/// generated key (`Field+Names.swift`: `fields.number(.connectionCallID)`), so a misspelt field
/// does not compile; ``init(named:)`` is for names that come from input (`cti send`, scenarios).
public struct Field: Hashable, Sendable, CustomStringConvertible {
    /// The spec's name, e.g. `ConnectionCallID`.
    public let name: String

    /// A field named at run time (a command line, a scenario file); looked up case-insensitively.
    public init(named name: String) { self.name = name }

    public var description: String { name }
}

extension Field {
    /// `CallVariable1` … `CallVariable10`, in order: `callVariables[0]` is `CallVariable1`.
    public static let callVariables: [Field] = [.callVariable1, .callVariable2, .callVariable3, .callVariable4, .callVariable5,
                                                .callVariable6, .callVariable7, .callVariable8, .callVariable9, .callVariable10]
}
