import Synchronization

/// Every message type, floating tag and named constant of the protocol, built once from the
/// embedded spec (`messages.json`, `field-tags.tsv`) plus the decisions of `ERRATA.md`.
///
/// This is the single declarative description that drives decode, encode, JSON, text rendering
/// and completion: no message has a hand-written parser.
///
/// A catalogue describes one protocol version. ``standard`` is the spec's (25);
/// ``forVersion(_:)`` gives an older version's, built from the same spec and the
/// ``VersionHistory``: fixed fields that had not arrived are left out of the fixed parts, and
/// messages, floating fields, tags and values that had not arrived are marked with the version
/// they arrived in (`arrivesIn`), so the encoder refuses them and the decoder notes them.
public final class MessageCatalog: Sendable {
    /// The catalogue of the embedded spec: protocol version 25.
    public static let standard = MessageCatalog(spec: SpecDocument.load(), fieldTagsTSV: EmbeddedSpec.fieldTagsTSV)

    /// The protocol version the catalogue describes.
    public let version: UInt32
    /// Whether the catalogue lacks anything of the spec's version (an older version's).
    public let isRestricted: Bool

    /// Every named message (reserved numbers excluded), by type number.
    public let messages: [MessageDescriptor]
    /// Enumeration and mask tables by name (`EventCause`, `ServiceMask`, ...).
    public let enumTables: [String: EnumTable]
    /// The global floating tag table.
    public let tags: [UInt16: FieldTagInfo]

    private let tagInfoByTag: [FieldTagInfo?]
    private let byType: [MessageDescriptor?]
    private let byLargeType: [UInt32: MessageDescriptor]
    private let byName: [String: MessageDescriptor]

    private let spec: SpecDocument
    private let fieldTagsTSV: String
    /// What arrived in which version (the catalogue applies it for ``version``).
    let history: VersionHistory
    /// Older versions' catalogues, built on first use.
    private let olderVersions = Mutex<[UInt32: MessageCatalog]>([:])

    /// The catalogue of `spec` for protocol `version` (the spec's own when `nil`).
    init(spec: SpecDocument, fieldTagsTSV: String, version: UInt32? = nil, history: VersionHistory = .standard) {
        self.spec = spec
        self.fieldTagsTSV = fieldTagsTSV
        self.history = history
        let version = version ?? UInt32(spec.protocolVersion)
        self.version = version
        let missing = history.missing(from: version)
        isRestricted = !missing.isEmpty || !history.retiredValues(in: version).isEmpty
        var valueArrivals: [String: [UInt32: UInt32]] = [:]
        for (subject, since) in missing {
            if case .value(let table, let value) = subject { valueArrivals[table, default: [:]][value] = since }
        }
        let retired = history.retiredValues(in: version)
        let tables = Dictionary(uniqueKeysWithValues: spec.enumTables.map { name, entries in
            let older = (retired[name] ?? [:]).map { (String($0.key), $0.value) }
            return (name, EnumTable(name: name, entries: entries.merging(older) { current, _ in current }, arrivals: valueArrivals[name] ?? [:]))
        })
        enumTables = tables
        func table(message: String, field: String) -> EnumTable? {
            guard let key = spec.enums["\(message).\(field)"] ?? spec.enums[field] else { return nil }
            return tables[key]
        }
        func fixedSpecs(_ message: String, _ fields: [SpecDocument.Fixed]) -> [FixedFieldSpec] {
            var offset = 0
            return fields.map { field in
                defer { offset += field.size }
                guard let type = WireType(specSpelling: field.type), type.width == field.size else {
                    preconditionFailure("messages.json: \(message).\(field.name) has type \(field.type) size \(field.size)")
                }
                return FixedFieldSpec(name: field.name, type: type, size: field.size, offset: offset,
                                      enumTable: table(message: message, field: field.name), jsonKey: JSONWriter.encodedKey(field.name))
            }
        }

        func present(_ message: String, _ fields: [SpecDocument.Fixed]) -> [SpecDocument.Fixed] {
            fields.filter { missing[.fixedField(message: message, field: $0.name)] == nil }
        }

        var descriptors: [MessageDescriptor] = []
        for message in spec.messages.sorted(by: { $0.type < $1.type }) where !Errata.placeholderNames.contains(message.name) {
            let floating: [FloatingFieldSpec] = message.floating.compactMap { field in
                guard let tag = field.tag else { return nil }
                guard let type = WireType(specSpelling: field.type) else {
                    preconditionFailure("messages.json: \(message.name).\(field.name) has type \(field.type)")
                }
                let arrivals = [missing[.floatingField(message: message.name, field: field.name)], missing[.tag(UInt16(tag))]]
                return FloatingFieldSpec(
                    name: field.name, tag: UInt16(tag), type: type, maxSize: field.max, isRequired: field.required,
                    repeats: field.repeat, countField: field.count ?? field.elements,
                    enumTable: table(message: message.name, field: field.name),
                    isSecret: Errata.secretTags.contains(UInt16(tag)), arrivesIn: arrivals.compactMap { $0 }.max(),
                    jsonKey: JSONWriter.encodedKey(field.name))
            }
            let alternates = (message.altFixed ?? []).map {
                let fields = present(message.name, $0.fixed)
                return MessageDescriptor.AlternateLayout(fixed: fixedSpecs(message.name, fields), fixedSize: fields.reduce(0) { $0 + $1.size },
                                                         condition: $0.when)
            }
            descriptors.append(MessageDescriptor(
                typeID: message.type, name: message.name,
                direction: MessageDirection(rawValue: message.direction) ?? .unknown,
                service: message.service, hasLayout: message.layout == "known",
                isExtension: message.service.contains("project extension"), arrivesIn: missing[.message(message.name)],
                fixed: fixedSpecs(message.name, present(message.name, message.fixed)), floating: floating, alternateFixed: alternates,
                untaggedFields: message.floating.filter { $0.tag == nil }.map(\.name),
                tagAliases: Errata.tagAliases[message.name] ?? [:], notes: message.notes))
        }
        messages = descriptors

        var small = [MessageDescriptor?](repeating: nil, count: 512)
        var large: [UInt32: MessageDescriptor] = [:]
        for descriptor in descriptors {
            if descriptor.typeID < small.count { small[Int(descriptor.typeID)] = descriptor } else { large[descriptor.typeID] = descriptor }
        }
        byType = small
        byLargeType = large
        byName = Dictionary(descriptors.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

        // A tag's display name: the name the first layout gives it, else the constant.
        var layoutNames: [UInt16: String] = [:]
        for descriptor in descriptors {
            for field in descriptor.floating where layoutNames[field.tag] == nil { layoutNames[field.tag] = field.name }
        }
        var tagArrivals: [UInt16: UInt32] = [:]
        for (subject, since) in missing {
            if case .tag(let tag) = subject { tagArrivals[tag] = since }
        }
        let tags = MessageCatalog.parseTagTable(fieldTagsTSV, layoutNames: layoutNames, arrivals: tagArrivals)
        self.tags = tags
        var tagInfo = [FieldTagInfo?](repeating: nil, count: Int(tags.keys.max() ?? 0) + 1)
        for (tag, info) in tags { tagInfo[Int(tag)] = info }
        tagInfoByTag = tagInfo
    }

    /// The catalogue of another protocol version, built from the same spec and history (this
    /// one for its own version and for versions at or above the spec's).
    public func forVersion(_ number: UInt32) -> MessageCatalog {
        let target = min(number, UInt32(spec.protocolVersion))
        guard target != version else { return self }
        return olderVersions.withLock { built in
            if let catalog = built[target] { return catalog }
            let catalog = MessageCatalog(spec: spec, fieldTagsTSV: fieldTagsTSV, version: target, history: history)
            built[target] = catalog
            return catalog
        }
    }

    /// The catalogue of a protocol version (see ``forVersion(_:)``).
    public func forVersion(_ version: ProtocolVersion) -> MessageCatalog { forVersion(version.number) }

    /// The global table's entry for a tag (an array lookup: the decoder calls it per field).
    @inline(__always)
    public func tagInfo(_ tag: UInt16) -> FieldTagInfo? {
        Int(tag) < tagInfoByTag.count ? tagInfoByTag[Int(tag)] : nil
    }

    /// The message with this catalogue (PV25) type number.
    public func descriptor(type: UInt32) -> MessageDescriptor? {
        type < byType.count ? byType[Int(type)] : byLargeType[type]
    }

    /// The message a wire type number means under a version's numbering.
    public func descriptor(wireType: UInt32, version: ProtocolVersion) -> MessageDescriptor? {
        version.numbering.catalogType(forWire: wireType).flatMap(descriptor(type:))
    }

    /// The wire type number of a message under a version's numbering.
    public func wireType(of descriptor: MessageDescriptor, version: ProtocolVersion) -> UInt32 {
        version.numbering.wireType(forCatalog: descriptor.typeID)
    }

    /// The message with this name: the Cisco name in any case, `-` for `_`, and without the
    /// `_MSG` suffix some active/standby names carry (`open-req`, `STANDBY_ACTIVE_EVENT`).
    public func descriptor(named name: some StringProtocol) -> MessageDescriptor? {
        if let descriptor = byName[String(name)] { return descriptor }
        let key = EnumTable.normalize(name)
        return byName[key] ?? byName[key + "_MSG"]
    }

    /// An enumeration or mask table by name.
    public func enumTable(named name: String) -> EnumTable? { enumTables[name] }

    /// The value of a Cisco symbol in one of the spec's tables (`constants.md`), for code that
    /// names a constant: the number stays in `messages.json`. A symbol the table lacks is a
    /// build defect (the tests read every such constant).
    public func value(of symbol: String, in table: String) -> UInt32 {
        guard let value = enumTables[table]?.value(named: symbol) else { preconditionFailure("messages.json: no \(symbol) in \(table)") }
        return value
    }

    /// CTI service mask (`constants.md` §1).
    public var serviceMask: EnumTable { enumTables["ServiceMask"]! }
    /// Call event message mask (`constants.md` §2).
    public var callEventMask: EnumTable { enumTables["CallEventMask"]! }
    /// Agent state mask (`constants.md` §3).
    public var agentStateMask: EnumTable { enumTables["AgentStateMask"]! }
    /// Configuration information mask (`constants.md` §4).
    public var configMask: EnumTable { enumTables["ConfigMask"]! }

    static func parseTagTable(_ tsv: String, layoutNames: [UInt16: String], arrivals: [UInt16: UInt32]) -> [UInt16: FieldTagInfo] {
        var table: [UInt16: FieldTagInfo] = [:]
        for line in tsv.split(separator: "\n") where !line.hasPrefix("#") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count >= 4, let tag = UInt16(columns[0]) else { continue }
            let symbol = String(columns[1].trimmedSpaces)
            guard !symbol.hasPrefix("("), !symbol.isEmpty else { continue }
            let maxText = columns[3].trimmedSpaces
            let maxSize = Int(maxText.prefix { $0.isNumber })
            let fallback = symbol.hasSuffix("_TAG") ? String(symbol.dropLast(4)) : symbol
            table[tag] = FieldTagInfo(
                tag: tag, symbol: symbol, fieldName: layoutNames[tag] ?? fallback,
                type: WireType(specSpelling: String(columns[2])), maxSize: maxSize, arrivesIn: arrivals[tag])
        }
        return table
    }
}
