/// Which way a message travels (`message-types.tsv` `direction`).
public enum MessageDirection: String, Sendable {
    case clientToServer = "C->S"
    case serverToClient = "S->C"
    case both = "both"
    case unknown = "unknown"
}

/// The declarative description of one message type: everything decode, encode, JSON, text
/// rendering and completion need to know about it, built from one `messages.json` entry.
public final class MessageDescriptor: Sendable {
    /// The message type number in the MHDR.
    public let typeID: UInt32
    /// The Cisco name, e.g. `BEGIN_CALL_EVENT`.
    public let name: String
    public let direction: MessageDirection
    /// The CTI service or chapter the message belongs to.
    public let service: String
    /// Whether the spec gives a layout; without one the body is kept as raw bytes.
    public let hasLayout: Bool
    /// Whether this is the project's own extension (`persistent-calls-design.md` §6.1), not Cisco's.
    public let isExtension: Bool
    public let fixed: [FixedFieldSpec]
    /// Bytes of the fixed part (excluding the MHDR).
    public let fixedSize: Int
    /// Floating fields of the layout, in the guide's order. Fields whose tag the guide leaves
    /// unknown are not listed: they cannot be told apart on the wire.
    public let floating: [FloatingFieldSpec]
    /// Other fixed layouts a decoder accepts, chosen by body length (`ERRATA.md`).
    public let alternateFixed: [AlternateLayout]
    /// Layout fields whose tag number the spec does not know (UNVERIFIED).
    public let untaggedFields: [String]
    /// Tags decoded as another layout tag (`ERRATA.md`: AGENT_STATE_EVENT signature 23 → 3).
    public let tagAliases: [UInt16: UInt16]
    /// The spec's notes on the message.
    public let notes: String

    private let floatingIndexByTag: [UInt16: Int]
    private let fixedIndexByName: [String: Int]

    /// An alternative fixed layout and the body lengths it applies to.
    public struct AlternateLayout: Sendable {
        public let fixed: [FixedFieldSpec]
        public let fixedSize: Int
        public let condition: String
    }

    init(
        typeID: UInt32, name: String, direction: MessageDirection, service: String, hasLayout: Bool,
        isExtension: Bool, fixed: [FixedFieldSpec], floating: [FloatingFieldSpec],
        alternateFixed: [AlternateLayout], untaggedFields: [String], tagAliases: [UInt16: UInt16], notes: String
    ) {
        self.typeID = typeID
        self.name = name
        self.direction = direction
        self.service = service
        self.hasLayout = hasLayout
        self.isExtension = isExtension
        self.fixed = fixed
        self.fixedSize = fixed.reduce(0) { $0 + $1.size }
        self.floating = floating
        self.alternateFixed = alternateFixed
        self.untaggedFields = untaggedFields
        self.tagAliases = tagAliases
        self.notes = notes
        self.floatingIndexByTag = Dictionary(floating.enumerated().map { ($1.tag, $0) }, uniquingKeysWith: { a, _ in a })
        self.fixedIndexByName = Dictionary(fixed.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The layout's floating field with this tag.
    public func floatingSpec(tag: UInt16) -> FloatingFieldSpec? {
        floatingIndexByTag[tag].map { floating[$0] }
    }

    /// The layout's floating field with this name (case-insensitive).
    public func floatingSpec(named name: some StringProtocol) -> FloatingFieldSpec? {
        floating.first { $0.name == name } ?? floating.first { $0.name.lowercased() == name.lowercased() }
    }

    /// Every field name of the layout: fixed, then floating.
    public var fieldNames: [String] { fixed.map(\.name) + floating.map(\.name) }

    /// The position of a fixed field in ``fixed`` (case-insensitive).
    public func fixedIndex(named name: some StringProtocol) -> Int? {
        fixedIndexByName[String(name)] ?? fixed.firstIndex { $0.name.lowercased() == name.lowercased() }
    }
}

extension MessageDescriptor: Hashable {
    public static func == (lhs: MessageDescriptor, rhs: MessageDescriptor) -> Bool {
        lhs === rhs || (lhs.typeID == rhs.typeID && lhs.name == rhs.name)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(typeID) }
}
