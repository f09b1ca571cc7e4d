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
    /// The protocol version the message arrived in, when that is newer than the catalogue's
    /// version: a server of that version answers it with E_CTI_INVALID_MSG_TYPE_FOR_VERSION.
    /// `nil` when the version has it.
    public let arrivesIn: UInt32?
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
    /// Whether the fixed part starts with an InvokeID (requests and their confirmations).
    public let hasInvokeID: Bool
    /// Whether the message answers a request: a `_CONF` or `_RESP` (FAILURE_CONF and
    /// CONTROL_FAILURE_CONF included).
    public let isConfirmation: Bool

    /// Widths of the fixed fields, in order (the decoder's view of ``fixed``).
    let fixedWidths: [UInt8]
    /// Type and maximum of each floating field, parallel to ``floating``: plain values the
    /// decoder reads per field without copying the specs' names.
    let floatingDecodeInfo: [FloatingDecodeInfo]

    /// How the decoder chooses between the canonical and ``alternateFixed`` layouts
    /// (`ERRATA.md`); looked up once here, not by name per message.
    public let alternateLayoutRule: AlternateLayoutRule?

    /// ``tagAliases`` as a short list: searched per floating field, cheaper than hashing.
    private let aliasPairs: [(received: UInt16, canonical: UInt16)]

    /// Tags of the layout's required floating fields.
    public let requiredTags: [UInt16]

    /// Position in ``floating`` by tag (-1: not in the layout): an array, not a dictionary,
    /// because the decoder looks up every floating field.
    private let floatingIndexByTag: [Int16]
    /// Positions by exact name (the usual spelling); other spellings are compared ignoring case.
    private let fixedIndexByName: [String: Int]
    /// (Read by ``SummaryFields`` too, to plan its exact-name picks.)
    let floatingIndexByName: [String: Int]

    /// An alternative fixed layout and the body lengths it applies to.
    public struct AlternateLayout: Sendable {
        public let fixed: [FixedFieldSpec]
        public let fixedSize: Int
        public let condition: String
    }

    init(
        typeID: UInt32, name: String, direction: MessageDirection, service: String, hasLayout: Bool,
        isExtension: Bool, arrivesIn: UInt32? = nil, fixed: [FixedFieldSpec], floating: [FloatingFieldSpec],
        alternateFixed: [AlternateLayout], untaggedFields: [String], tagAliases: [UInt16: UInt16], notes: String
    ) {
        self.typeID = typeID
        self.name = name
        self.direction = direction
        self.service = service
        self.hasLayout = hasLayout
        self.isExtension = isExtension
        self.arrivesIn = arrivesIn
        self.fixed = fixed
        self.fixedSize = fixed.reduce(0) { $0 + $1.size }
        self.floating = floating
        self.alternateFixed = alternateFixed
        self.untaggedFields = untaggedFields
        self.tagAliases = tagAliases
        self.aliasPairs = tagAliases.sorted { $0.key < $1.key }.map { (received: $0.key, canonical: $0.value) }
        self.notes = notes
        self.hasInvokeID = fixed.first?.name == Field.invokeID.name
        self.isConfirmation = name.hasSuffix("_CONF") || name.hasSuffix("_RESP")
        self.alternateLayoutRule = Errata.alternateLayoutRule[name]
        var indexByTag = [Int16](repeating: -1, count: Int(floating.map(\.tag).max() ?? 0) + 1)
        for (index, field) in floating.enumerated() where indexByTag[Int(field.tag)] < 0 { indexByTag[Int(field.tag)] = Int16(index) }
        self.floatingIndexByTag = indexByTag
        self.requiredTags = floating.filter(\.isRequired).map(\.tag)
        self.fixedWidths = fixed.map { UInt8($0.size) }
        self.floatingDecodeInfo = floating.map { FloatingDecodeInfo(type: $0.type, maxSize: $0.maxSize) }
        self.fixedIndexByName = Dictionary(fixed.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        self.floatingIndexByName = Dictionary(floating.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The layout tag a received tag stands for (itself unless ``tagAliases`` says otherwise).
    @inline(__always)
    public func canonicalTag(_ tag: UInt16) -> UInt16 {
        for pair in aliasPairs where pair.received == tag { return pair.canonical }
        return tag
    }

    /// The layout's floating field with this tag.
    public func floatingSpec(tag: UInt16) -> FloatingFieldSpec? {
        floatingSpecIndex(tag: tag).map { floating[$0] }
    }

    /// The position in ``floating`` of the layout's field with this tag.
    @inline(__always)
    public func floatingSpecIndex(tag: UInt16) -> Int? {
        let slot = Int(tag)
        guard slot < floatingIndexByTag.count else { return nil }
        let index = floatingIndexByTag[slot]
        return index < 0 ? nil : Int(index)
    }

    /// The layout's floating field with this name (case-insensitive).
    public func floatingSpec(named name: some StringProtocol) -> FloatingFieldSpec? {
        if let index = floatingIndexByName[String(name)] { return floating[index] }
        return floating.first { $0.name.equalsIgnoringASCIICase(name) }
    }

    /// Every field name of the layout: fixed, then floating.
    public var fieldNames: [String] { fixed.map(\.name) + floating.map(\.name) }

    /// Where a field of the layout is: a fixed field's position, or a floating field's spec.
    enum FieldPosition {
        case fixed(Int)
        case floating(FloatingFieldSpec)
    }

    /// A field of the layout by name: the exact spelling first (hashed, the usual case), then
    /// ignoring case.
    func field(named name: String) -> FieldPosition? {
        if let index = fixedIndexByName[name] { return .fixed(index) }
        if let index = floatingIndexByName[name] { return .floating(floating[index]) }
        if let index = fixed.firstIndex(where: { $0.name.equalsIgnoringASCIICase(name) }) { return .fixed(index) }
        return floating.first { $0.name.equalsIgnoringASCIICase(name) }.map(FieldPosition.floating)
    }

    /// The position of a fixed field in ``fixed`` (case-insensitive).
    public func fixedIndex(named name: some StringProtocol) -> Int? {
        fixedIndexByName[String(name)] ?? fixed.firstIndex { $0.name.equalsIgnoringASCIICase(name) }
    }
}

extension MessageDescriptor: Hashable {
    public static func == (lhs: MessageDescriptor, rhs: MessageDescriptor) -> Bool {
        lhs === rhs || (lhs.typeID == rhs.typeID && lhs.name == rhs.name)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(typeID) }
}

/// What the decoder needs of a floating field spec, without references to copy.
struct FloatingDecodeInfo {
    let type: WireType
    let maxSize: Int?
}
