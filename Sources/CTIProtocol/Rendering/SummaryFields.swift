/// Picks the few fields a one-line summary shows (`cti watch -o text`): for each labelled group
/// of field names, the first one the message carries, rendered as
/// ``MessageFields/displayFields(catalog:)`` shows it.
///
/// Where each name sits in each layout is worked out once, for every message type of the
/// catalog, instead of looking names up per message (hashing a dozen names cost more than
/// the rest of a text line).
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

    public let groups: [Group]
    private let catalog: MessageCatalog
    /// The plan of each message type of the catalog (its descriptor is held, so the
    /// identifiers stay unique).
    private let plans: [ObjectIdentifier: Plan]

    /// Where the named fields sit in one layout: per group, the candidates in order.
    private struct Plan: Sendable {
        let descriptor: MessageDescriptor
        let candidates: [[Position]]

        init(descriptor: MessageDescriptor, fixedSpecs: [FixedFieldSpec], groups: [Group]) {
            self.descriptor = descriptor
            candidates = groups.map { group in
                group.names.compactMap { name in
                    if let index = fixedSpecs.firstIndex(where: { $0.name == name }) { return .fixed(index) }
                    return descriptor.floatingIndexByName[name].map(Position.floating)
                }
            }
        }
    }

    private enum Position: Sendable {
        /// A position in the fixed values.
        case fixed(Int)
        /// A position in the descriptor's ``MessageDescriptor/floating``.
        case floating(Int)
    }

    public init(_ groups: [Group], catalog: MessageCatalog = .standard) {
        self.groups = groups
        self.catalog = catalog
        var plans: [ObjectIdentifier: Plan] = [:]
        for descriptor in catalog.messages where descriptor.hasLayout {
            plans[ObjectIdentifier(descriptor)] = Plan(descriptor: descriptor, fixedSpecs: descriptor.fixed, groups: groups)
        }
        self.plans = plans
    }

    /// The first field present of each group, in the groups' order; groups with none are left out.
    public func pick(from fields: MessageFields) -> [Pick] {
        let descriptor = fields.descriptor
        // Messages of another catalog, and the alternate fixed layouts, are planned on the spot.
        let plan = fields.alternateLayout == nil ? plans[ObjectIdentifier(descriptor)] : nil
        let candidates = (plan ?? Plan(descriptor: descriptor, fixedSpecs: fields.fixedSpecs, groups: groups)).candidates
        var picks: [Pick] = []
        for (group, positions) in zip(groups, candidates) {
            for position in positions {
                if let field = display(position, of: fields) {
                    picks.append(Pick(label: group.label, field: field))
                    break
                }
            }
        }
        return picks
    }

    private func display(_ position: Position, of fields: MessageFields) -> DisplayField? {
        switch position {
        case .fixed(let index): index < fields.fixedCount ? fields.displayFixedField(at: index) : nil
        case .floating(let specIndex): fields.floatingGroup(specIndex: specIndex, catalog: catalog).map(fields.displayField(of:))
        }
    }
}
