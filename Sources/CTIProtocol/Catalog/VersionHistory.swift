/// What arrived in each CTI Server protocol version `cti` speaks (`constants.md` §26, issue 20),
/// as data: `spec/protocol-versions.json`, embedded like the spec.
///
/// `messages.json` describes the ``baseline`` version (25). Every ``Arrival`` names one message,
/// fixed field, floating field, tag or enumeration value that does not exist before its version;
/// ``MessageCatalog/forVersion(_:)`` applies them to build an older version's catalogue.
public struct VersionHistory: Sendable {
    /// One protocol version and the Unified CCE release that speaks it.
    public struct Release: Sendable {
        /// `OPEN_REQ.VersionNumber`.
        public let number: UInt32
        /// The Unified CCE / ICM release, e.g. `12.5`.
        public let ucce: String
        /// What arrived in this version, in one line.
        public let summary: String
        /// Where the differences come from (guide editions, the version history, public codecs).
        public let sources: [String]
    }

    /// What one arrival is about.
    public enum Subject: Hashable, Sendable, CustomStringConvertible {
        /// A message type, by its `messages.json` name.
        case message(String)
        /// A fixed field of a message: absent from the fixed part before the version.
        case fixedField(message: String, field: String)
        /// A floating field of a message's layout.
        case floatingField(message: String, field: String)
        /// A tag of the global tag table (`field-tags.tsv`).
        case tag(UInt16)
        /// A value of an enumeration, or a bit of a mask (`messages.json` `enumTables`).
        case value(table: String, value: UInt32)

        public var description: String {
            switch self {
            case .message(let name): name
            case .fixedField(let message, let field): "\(message).\(field) (fixed)"
            case .floatingField(let message, let field): "\(message).\(field)"
            case .tag(let tag): "tag \(tag)"
            case .value(let table, let value): "\(table) \(value)"
            }
        }
    }

    /// Something that does not exist before ``since``.
    public struct Arrival: Sendable {
        public let subject: Subject
        /// The first version that has it.
        public let since: UInt32
        /// Where that comes from.
        public let source: String
    }

    /// An enumeration value the baseline no longer has: named in the versions up to ``until``.
    public struct Retirement: Sendable {
        public let table: String
        public let value: UInt32
        public let name: String
        /// The last version that has it.
        public let until: UInt32
        public let source: String
    }

    /// The version `messages.json` describes: it has everything but ``retirements``.
    public let baseline: UInt32
    /// The sources the entries cite as `[KEY]`, by key.
    public let sources: [String: String]
    /// Values dropped by the baseline.
    public let retirements: [Retirement]
    /// The versions, oldest first.
    public let releases: [Release]
    /// Every arrival after the oldest version, in file order.
    public let arrivals: [Arrival]

    /// The embedded history.
    public static let standard = VersionHistory(VersionDocument.load())

    init(_ document: VersionDocument) {
        baseline = document.baseline
        sources = document.sources
        retirements = document.retired.map {
            Retirement(table: $0.table, value: $0.value, name: $0.name, until: $0.until, source: $0.source)
        }
        releases = document.versions.sorted { $0.number < $1.number }.map {
            Release(number: $0.number, ucce: $0.ucce, summary: $0.summary, sources: $0.sources)
        }
        arrivals = document.since.map { entry in
            let subject: Subject
            switch (entry.kind, entry.message, entry.field, entry.tag, entry.table, entry.value) {
            case ("message", let message?, nil, nil, nil, nil): subject = .message(message)
            case ("fixed", let message?, let field?, nil, nil, nil): subject = .fixedField(message: message, field: field)
            case ("floating", let message?, let field?, nil, nil, nil): subject = .floatingField(message: message, field: field)
            case ("tag", nil, nil, let tag?, nil, nil): subject = .tag(tag)
            case ("value", nil, nil, nil, let table?, let value?): subject = .value(table: table, value: value)
            default: preconditionFailure("protocol-versions.json: malformed entry of kind \(entry.kind)")
            }
            return Arrival(subject: subject, since: entry.since, source: entry.source)
        }
    }

    /// The release with this version number.
    public func release(_ number: UInt32) -> Release? { releases.first { $0.number == number } }

    /// The arrivals of exactly this version.
    public func arrivals(in number: UInt32) -> [Arrival] { arrivals.filter { $0.since == number } }

    /// The retired values a version still has, by table: value → name.
    func retiredValues(in number: UInt32) -> [String: [UInt32: String]] {
        var values: [String: [UInt32: String]] = [:]
        for retirement in retirements where number <= retirement.until { values[retirement.table, default: [:]][retirement.value] = retirement.name }
        return values
    }

    /// The arrivals a version lacks (those of later versions), by subject: the version each arrived in.
    func missing(from number: UInt32) -> [Subject: UInt32] {
        var missing: [Subject: UInt32] = [:]
        for arrival in arrivals where arrival.since > number { missing[arrival.subject] = min(missing[arrival.subject] ?? .max, arrival.since) }
        return missing
    }
}
