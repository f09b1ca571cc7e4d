import CTIProtocol

/// Every field the generated dissector registers, built from the catalog: one per Cisco name and
/// way of reading it (type, table, secrecy), for the fixed and floating fields of every layout and
/// for every tag of the global tag table (tags outside a layout are shown by the table's name and
/// type, or as bytes when the data does not fit the type, as the codec does: `ERRATA.md`).
public struct WiresharkFieldTable: Sendable {
    /// The fields in the order the catalog first uses them (deterministic).
    public let fields: [WiresharkField]
    private let indexByKey: [Key: Int]
    private let indexByAbbreviation: [String: Int]

    /// What makes two uses of a name the same field.
    struct Key: Hashable {
        var name: String
        var type: WireType
        var tableName: String?
        var isSecret: Bool
    }

    /// The protocol's filter name: every field is `cti.<something>`.
    public static let protocolName = "cti"

    public init(catalog: MessageCatalog) {
        var order: [Key] = []
        var uses: [Key: Int] = [:]
        var tables: [String: EnumTable] = [:]
        func note(_ key: Key, table: EnumTable?, counts: Bool) {
            if uses[key] == nil { order.append(key) }
            uses[key, default: 0] += counts ? 1 : 0
            if let table { tables[table.name] = table }
        }
        for descriptor in catalog.messages where descriptor.hasLayout {
            for spec in descriptor.fixed + descriptor.alternateFixed.flatMap(\.fixed) {
                note(Self.key(spec.name, spec.type, spec.enumTable, secret: false), table: spec.enumTable, counts: true)
            }
            for spec in descriptor.floating {
                note(Self.key(spec.name, spec.type, spec.enumTable, secret: spec.isSecret), table: spec.enumTable, counts: true)
            }
        }
        let secretTags = Self.secretTags(catalog)
        for tag in catalog.tags.keys.sorted() {
            let info = catalog.tags[tag]!
            if let type = info.type { note(Self.key(info.fieldName, type, nil, secret: secretTags.contains(tag)), table: nil, counts: false) }
            note(Self.key(info.fieldName, .unspec, nil, secret: secretTags.contains(tag)), table: nil, counts: false)
        }

        // Per name: the most used reading is `cti.<Name>`, the others get their type as a suffix.
        var abbreviations: [Key: String] = [:]
        var taken: Set<String> = []
        let byName = Dictionary(grouping: order.enumerated(), by: { $0.element.name })
        for name in byName.keys.sorted() {
            let keys = byName[name]!.sorted { lhs, rhs in
                let (left, right) = (uses[lhs.element]!, uses[rhs.element]!)
                return left != right ? left > right : lhs.offset < rhs.offset
            }.map(\.element)
            let base = Self.protocolName + "." + Self.component(name)
            for (position, key) in keys.enumerated() {
                var candidate = position == 0 ? base : base + "." + Self.component(key.type.rawValue.lowercased())
                if taken.contains(candidate) { candidate += "_" + Self.component(key.tableName ?? (key.isSecret ? "secret" : "plain")) }
                var suffix = 2
                let stem = candidate
                while taken.contains(candidate) {
                    candidate = stem + "_\(suffix)"
                    suffix += 1
                }
                taken.insert(candidate)
                abbreviations[key] = candidate
            }
        }
        let fields = order.map { key in Self.field(key, abbreviation: abbreviations[key]!, table: key.tableName.flatMap { tables[$0] }) }
        self.fields = fields
        self.indexByKey = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        self.indexByAbbreviation = Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($1.abbreviation, $0) })
    }

    /// The position in ``fields`` of a fixed field.
    func index(of spec: FixedFieldSpec) -> Int {
        indexByKey[Self.key(spec.name, spec.type, spec.enumTable, secret: false)]!
    }

    /// The position in ``fields`` of a floating field of a layout.
    func index(of spec: FloatingFieldSpec) -> Int {
        indexByKey[Self.key(spec.name, spec.type, spec.enumTable, secret: spec.isSecret)]!
    }

    /// The position in ``fields`` of a tag outside a layout read as `type` (the tag table's, or
    /// UNSPEC for data kept as bytes).
    func index(ofTag info: FieldTagInfo, type: WireType, secret: Bool) -> Int {
        indexByKey[Self.key(info.fieldName, type, nil, secret: secret)]!
    }

    /// The field registered under a display filter name.
    public func field(abbreviation: String) -> WiresharkField? {
        indexByAbbreviation[abbreviation].map { fields[$0] }
    }

    /// Tags whose data is a secret wherever they occur: those a layout marks secret.
    static func secretTags(_ catalog: MessageCatalog) -> Set<UInt16> {
        Set(catalog.messages.flatMap { $0.floating.filter(\.isSecret).map(\.tag) })
    }

    /// The key of a use; a table only counts for the types that render through one (numbers and
    /// arrays of numbers), as in the codec's rendering.
    private static func key(_ name: String, _ type: WireType, _ table: EnumTable?, secret: Bool) -> Key {
        let readsTable = type.width != nil || type == .ushortArray || type == .uintArray
        return Key(name: name, type: type, tableName: readsTable && !secret ? table?.name : nil, isSecret: secret)
    }

    private static func field(_ key: Key, abbreviation: String, table: EnumTable?) -> WiresharkField {
        let kind: WiresharkFieldKind
        var width = key.type.width
        switch key.type {
        case _ where key.isSecret: kind = .secret
        case .ushortArray, .uintArray:
            kind = .array
            width = key.type == .uintArray ? 4 : 2
        case _ where table?.isMask == true: kind = .mask
        case _ where table != nil: kind = .enumeration
        case .uchar, .ushort, .uint: kind = .unsigned
        case .char, .short, .int: kind = .signed
        case .bool: kind = .boolean
        case .time: kind = .time
        case .string: kind = .string
        case .unspec: kind = .bytes
        case .namedVariable: kind = .namedVariable
        case .namedArray: kind = .namedArray
        }
        var bits: [WiresharkField.Bit] = []
        if kind == .mask, let table, let width {
            let fits: UInt32 = width >= 4 ? .max : (1 << UInt32(width * 8)) - 1
            bits = table.entries.filter { $0.value != 0 && $0.value & fits == $0.value }.map {
                WiresharkField.Bit(abbreviation: abbreviation + "." + component($0.name), name: $0.name, value: $0.value)
            }
        }
        return WiresharkField(abbreviation: abbreviation, name: key.name, kind: kind, type: key.type, width: width, table: table,
                              bits: bits, elementAbbreviation: kind == .array ? abbreviation + ".element" : nil)
    }

    /// A name as one component of a display filter name: letters, digits and `_` kept, anything
    /// else (Wireshark allows only those, `-` and `.`) as `_`.
    static func component(_ name: String) -> String {
        let scalars = name.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_") ? Character(scalar) : "_"
        }
        return scalars.isEmpty ? "_" : String(scalars)
    }
}
