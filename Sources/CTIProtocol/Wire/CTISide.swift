/// One side of a duplexed CTI Server (`session.md` §1): clients know two host/port pairs and
/// alternate between them.
public enum CTISide: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case a = "A"
    case b = "B"

    /// The other side.
    public var other: CTISide { self == .a ? .b : .a }

    /// The port the side listens on by default (42027 / 43027; open-source convention, not in
    /// the guide, `wire-format.md` §1).
    public var defaultPort: Int { self == .a ? 42027 : 43027 }

    public var description: String { rawValue }
}
