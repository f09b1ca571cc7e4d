/// One displayed floating field: every occurrence of one tag, shown under one name at the place
/// of its first occurrence (the JSON and text forms, `README.md` "JSON form").
///
/// The shape follows from the occurrences: named variables and array elements (all of them)
/// gather into one map; a single occurrence of a field that does not repeat is its value; any
/// other case is a list with one element per occurrence, in wire order.
struct FloatingGroup {
    /// Position of the first occurrence in ``MessageFields/floating``.
    let first: Int
    let tag: UInt16
    let descriptor: MessageDescriptor
    /// The position of the layout's spec for the tag in the descriptor's ``MessageDescriptor/floating``;
    /// `nil` for tags outside the layout. (A position, not a copy of the spec: copying one
    /// retains its strings and table.)
    let specIndex: Int?
    /// The global tag table's entry, looked up only for tags outside the layout.
    let info: FieldTagInfo?
    let shape: Shape

    enum Shape {
        case single
        case variables
        case list
    }

    /// The displayed name: the layout's, else the tag table's, else `Tag<n>`.
    var name: String { specIndex.map { descriptor.floating[$0].name } ?? info?.fieldName ?? "Tag\(tag)" }
    /// The layout's name as a JSON key.
    var jsonKey: [UInt8]? { specIndex.map { descriptor.floating[$0].jsonKey } }
    var inLayout: Bool { specIndex != nil }
    var type: WireType? { specIndex.map { descriptor.floating[$0].type } ?? info?.type }
    var enumTable: EnumTable? { specIndex.flatMap { descriptor.floating[$0].enumTable } }
    var isSecret: Bool { specIndex.map { descriptor.floating[$0].isSecret } ?? Errata.secretTags.contains(tag) }
}

extension FieldValue {
    /// Whether the value is a named variable or an array element (shown in a map).
    var isVariable: Bool {
        switch self {
        case .namedVariable, .namedArray: true
        default: false
        }
    }
}

extension MessageFields {
    /// Calls `body` with each floating tag's group, in order of first appearance. A message has
    /// a few dozen floating fields at most: the linear scans beat hashing.
    func forEachFloatingGroup(catalog: MessageCatalog, _ body: (FloatingGroup) -> Void) {
        floating.withUnsafeBufferPointer { fields in
            for index in fields.indices {
                let tag = fields[index].tag
                var seen = false
                for earlier in 0..<index where fields[earlier].tag == tag {
                    seen = true
                    break
                }
                if !seen { body(group(firstAt: index, in: fields, catalog: catalog)) }
            }
        }
    }

    /// The group of the layout's floating field at `specIndex` of the descriptor's
    /// ``MessageDescriptor/floating``, `nil` when the message does not carry it.
    func floatingGroup(specIndex: Int, catalog: MessageCatalog) -> FloatingGroup? {
        let tag = descriptor.floating[specIndex].tag
        return floating.withUnsafeBufferPointer { fields in
            fields.firstIndex { $0.tag == tag }.map { group(firstAt: $0, in: fields, catalog: catalog) }
        }
    }

    /// The group whose first occurrence is `fields[first]`.
    private func group(firstAt first: Int, in fields: UnsafeBufferPointer<FloatingField>, catalog: MessageCatalog) -> FloatingGroup {
        let tag = fields[first].tag
        var count = 1
        var allVariables = fields[first].value.isVariable
        for later in (first + 1)..<fields.count where fields[later].tag == tag {
            count += 1
            allVariables = allVariables && fields[later].value.isVariable
        }
        let specIndex = descriptor.floatingSpecIndex(tag: tag)
        let repeats = specIndex.map { descriptor.floating[$0].repeats } ?? false
        let shape: FloatingGroup.Shape = allVariables ? .variables : count == 1 && !repeats ? .single : .list
        return FloatingGroup(first: first, tag: tag, descriptor: descriptor, specIndex: specIndex,
                             info: specIndex == nil ? catalog.tagInfo(tag) : nil, shape: shape)
    }

    /// Calls `body` with each occurrence of the group's tag, in wire order.
    func forEachOccurrence(of group: FloatingGroup, _ body: (FieldValue) -> Void) {
        for index in group.first..<floating.count where floating[index].tag == group.tag { body(floating[index].value) }
    }
}
