/// Picks the few fields a one-line summary shows (`cti watch -o text`): for each labelled group
/// of field names, the first one the message carries with a value (an empty string, list or map
/// counts as absent), rendered as ``MessageFields/displayFields(catalog:)`` shows it.
///
/// A field may be tied to a message (`SkillGroupNumber` in QUERY_AGENT_STATE_CONF): it counts
/// only in that message's layout.
///
/// Where each name sits in each layout is worked out once, for every message type of the
/// catalog, instead of looking names up per message (hashing a dozen names cost more than
/// the rest of a text line); groups a layout cannot fill are left out of its plan.
public struct SummaryFields: Sendable {
    /// A label and the fields that can fill it, in order of preference.
    public struct Group: Sendable {
        public var label: String
        /// The fields; one with a message counts only in that message's layout.
        public var fields: [(message: String?, field: Field)]

        public init(_ label: String, _ fields: [Field]) {
            self.label = label
            self.fields = fields.map { (nil, $0) }
        }

        /// A group whose fields may each be tied to a message's layout.
        public init(_ label: String, qualified fields: [(message: String?, field: Field)]) {
            self.label = label
            self.fields = fields
        }

        var parsedNames: [(message: Substring?, field: String)] {
            fields.map { ($0.message.map { Substring($0) }, $0.field.name) }
        }
    }

    /// One picked field.
    public struct Pick: Hashable, Sendable {
        public var label: String
        public var field: DisplayField
    }

    /// The widest value ``appendSummary(of:to:)`` writes, in Unicode scalars of its text form:
    /// the 40 characters of the longest ANI, dialed number or call variable, quoted.
    public static let defaultValueWidth = 42

    public let groups: [Group]
    /// Values wider than this many Unicode scalars are cut (``TextCut``).
    public let valueWidth: Int
    private let catalog: MessageCatalog
    /// ` label=` of each group as UTF-8, parallel to ``groups``.
    private let prefixes: [[UInt8]]
    /// The groups' names split once (``Group/parsedNames``), for plans made on the spot.
    private let parsedNames: [[(message: Substring?, field: String)]]
    /// The plan of each message type of the catalog by type number (an array: hashing the
    /// descriptor per event cost as much as a field).
    private let plans: [Plan?]

    /// Where the named fields sit in one layout: for each group the layout can fill, its
    /// candidates in order.
    private struct Plan: Sendable {
        let descriptor: MessageDescriptor
        let entries: [Entry]

        struct Entry: Sendable {
            /// The group's position in ``SummaryFields/groups``.
            let group: Int
            let candidates: [Position]
        }

        /// `names`: each group's ``Group/parsedNames``.
        init(descriptor: MessageDescriptor, fixedSpecs: [FixedFieldSpec], names: [[(message: Substring?, field: String)]]) {
            self.descriptor = descriptor
            let fixedIndexByName = Dictionary(fixedSpecs.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
            entries = names.indices.compactMap { group in
                let candidates = names[group].compactMap { name -> Position? in
                    if let message = name.message, message != descriptor.name[...] { return nil }
                    if let index = fixedIndexByName[name.field] { return .fixed(index) }
                    return descriptor.floatingIndexByName[name.field].map(Position.floating)
                }
                return candidates.isEmpty ? nil : Entry(group: group, candidates: candidates)
            }
        }
    }

    private enum Position: Sendable {
        /// A position in the fixed values.
        case fixed(Int)
        /// A position in the descriptor's ``MessageDescriptor/floating``.
        case floating(Int)
    }

    public init(_ groups: [Group], valueWidth: Int = SummaryFields.defaultValueWidth, catalog: MessageCatalog = .standard) {
        self.groups = groups
        self.valueWidth = valueWidth
        self.catalog = catalog
        prefixes = groups.map { Array(" \($0.label)=".utf8) }
        let parsedNames = groups.map(\.parsedNames)
        self.parsedNames = parsedNames
        let planned = catalog.messages.filter { $0.hasLayout && $0.typeID < SummaryFields.plannedTypes }
        var plans = [Plan?](repeating: nil, count: Int(planned.map(\.typeID).max() ?? 0) + 1)
        for descriptor in planned {
            plans[Int(descriptor.typeID)] = Plan(descriptor: descriptor, fixedSpecs: descriptor.fixed, names: parsedNames)
        }
        self.plans = plans
    }

    /// Type numbers below this are planned in advance; the project's extensions (65537 ...)
    /// are planned on the spot, like messages of another catalog.
    private static let plannedTypes: UInt32 = 4096

    /// The first field present of each group, in the groups' order; groups with none are left out.
    public func pick(from fields: MessageFields) -> [Pick] {
        var picks: [Pick] = []
        forEachPick(from: fields) { group, found in
            switch found {
            case .field(let field): picks.append(Pick(label: groups[group].label, field: field))
            case .text(let text, let name): picks.append(Pick(label: groups[group].label, field: DisplayField(name: name, value: .text(text.string), inLayout: true)))
            }
        }
        return picks
    }

    /// Appends ` label=value` for each pick to UTF-8 text being built, each value in its text
    /// form (``RenderedValue/text``) cut to ``valueWidth``.
    public func appendSummary(of fields: MessageFields, to line: inout [UInt8]) {
        forEachPick(from: fields) { group, found in
            line.append(contentsOf: prefixes[group])
            let start = line.count
            switch found {
            case .field(let field): field.value.appendText(to: &line)
            case .text(let text, _): text.withUnsafeBytes { TextQuoting.append(utf8: $0, to: &line) }
            }
            TextCut.cut(&line, from: start, toScalars: valueWidth)
        }
    }

    /// A picked field: as displayed, or a string field's text as received (most key fields
    /// are strings: written from their bytes, without a String in between).
    private enum Found {
        case field(DisplayField)
        case text(CTIString, name: String)
    }

    /// Calls `body` with each pick: its group's position and the field.
    private func forEachPick(from fields: MessageFields, _ body: (Int, Found) -> Void) {
        let descriptor = fields.descriptor
        let type = Int(descriptor.typeID)
        // Messages of another catalog, the alternate fixed layouts and the extensions are
        // planned on the spot.
        let planned = fields.alternateLayout == nil && type < plans.count ? plans[type].flatMap { $0.descriptor === descriptor ? $0 : nil } : nil
        let plan = planned ?? Plan(descriptor: descriptor, fixedSpecs: fields.fixedSpecs, names: parsedNames)
        for entry in plan.entries {
            for position in entry.candidates {
                if let found = find(position, in: fields) {
                    body(entry.group, found)
                    break
                }
            }
        }
    }

    /// The field at `position` when the message carries it with a value.
    private func find(_ position: Position, in fields: MessageFields) -> Found? {
        switch position {
        case .fixed(let index):
            return index < fields.fixedCount ? .field(fields.displayFixedField(at: index)) : nil
        case .floating(let specIndex):
            guard let group = fields.floatingGroup(specIndex: specIndex, catalog: catalog) else { return nil }
            if group.shape == .single, !group.isSecret, case .string(let text) = fields.floating[group.first].value {
                return text.count == 0 ? nil : .text(text, name: group.name)
            }
            let field = fields.displayField(of: group)
            return field.value.isEmpty ? nil : .field(field)
        }
    }
}

extension RenderedValue {
    /// Whether the value shows nothing: an empty string, hex, list or map.
    var isEmpty: Bool {
        switch self {
        case .text(let text): text.isEmpty
        case .hex(let hex): hex.isEmpty
        case .list(let items): items.isEmpty
        case .variables(let variables): variables.isEmpty
        default: false
        }
    }
}
