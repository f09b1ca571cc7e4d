/// Picks the few fields a one-line summary shows (`cti watch -o text`): for each labelled group
/// of field names, the first one the message carries with a value (an empty string, list or map
/// counts as absent), rendered as ``MessageFields/displayFields(catalog:)`` shows it.
///
/// A name may be qualified by a message, `QUERY_AGENT_STATE_CONF.SkillGroupNumber` (the
/// convention of `messages.json`'s `enums`): it counts only in that message's layout.
///
/// Where each name sits in each layout is worked out once, for every message type of the
/// catalog, instead of looking names up per message (hashing a dozen names cost more than
/// the rest of a text line); groups a layout cannot fill are left out of its plan.
public struct SummaryFields: Sendable {
    /// A label and the names that can fill it, in order of preference.
    public struct Group: Sendable {
        public var label: String
        public var names: [String]

        public init(_ label: String, _ names: [String]) {
            self.label = label
            self.names = names
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
    /// The plan of each message type of the catalog (its descriptor is held, so the
    /// identifiers stay unique).
    private let plans: [ObjectIdentifier: Plan]

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

        init(descriptor: MessageDescriptor, fixedSpecs: [FixedFieldSpec], groups: [Group]) {
            self.descriptor = descriptor
            entries = groups.indices.compactMap { group in
                let candidates = groups[group].names.compactMap { qualifiedName -> Position? in
                    guard let name = Plan.fieldName(qualifiedName, in: descriptor) else { return nil }
                    if let index = fixedSpecs.firstIndex(where: { $0.name == name }) { return .fixed(index) }
                    return descriptor.floatingIndexByName[String(name)].map(Position.floating)
                }
                return candidates.isEmpty ? nil : Entry(group: group, candidates: candidates)
            }
        }

        /// The field name a group's name stands for in this layout: itself, or for
        /// `MESSAGE.Field` the field when the layout is MESSAGE's.
        static func fieldName(_ name: String, in descriptor: MessageDescriptor) -> Substring? {
            guard let dot = name.firstIndex(of: ".") else { return name[...] }
            return name[..<dot] == descriptor.name ? name[name.index(after: dot)...] : nil
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
        var plans: [ObjectIdentifier: Plan] = [:]
        for descriptor in catalog.messages where descriptor.hasLayout {
            plans[ObjectIdentifier(descriptor)] = Plan(descriptor: descriptor, fixedSpecs: descriptor.fixed, groups: groups)
        }
        self.plans = plans
    }

    /// The first field present of each group, in the groups' order; groups with none are left out.
    public func pick(from fields: MessageFields) -> [Pick] {
        var picks: [Pick] = []
        forEachPick(from: fields) { group, field in picks.append(Pick(label: groups[group].label, field: field)) }
        return picks
    }

    /// Appends ` label=value` for each pick to UTF-8 text being built, each value in its text
    /// form (``RenderedValue/text``) cut to ``valueWidth``.
    public func appendSummary(of fields: MessageFields, to line: inout [UInt8]) {
        forEachPick(from: fields) { group, field in
            line.append(contentsOf: prefixes[group])
            let start = line.count
            field.value.appendText(to: &line)
            TextCut.cut(&line, from: start, toScalars: valueWidth)
        }
    }

    /// Calls `body` with each pick: its group's position and the field.
    private func forEachPick(from fields: MessageFields, _ body: (Int, DisplayField) -> Void) {
        let descriptor = fields.descriptor
        // Messages of another catalog, and the alternate fixed layouts, are planned on the spot.
        let planned = fields.alternateLayout == nil ? plans[ObjectIdentifier(descriptor)] : nil
        let plan = planned ?? Plan(descriptor: descriptor, fixedSpecs: fields.fixedSpecs, groups: groups)
        for entry in plan.entries {
            for position in entry.candidates {
                if let field = display(position, of: fields), !field.value.isEmpty {
                    body(entry.group, field)
                    break
                }
            }
        }
    }

    private func display(_ position: Position, of fields: MessageFields) -> DisplayField? {
        switch position {
        case .fixed(let index): index < fields.fixedCount ? fields.displayFixedField(at: index) : nil
        case .floating(let specIndex): fields.floatingGroup(specIndex: specIndex, catalog: catalog).map(fields.displayField(of:))
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
