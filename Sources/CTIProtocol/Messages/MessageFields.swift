/// The fields of a message whose layout the spec gives: the fixed part in layout order and the
/// floating part in wire order.
///
/// This is both what the decoder produces and what the encoder consumes, so building a message
/// is filling one of these in: `MessageFields(named: "HEARTBEAT_REQ")` starts with every fixed
/// field 0 and no floating field.
public struct MessageFields: Hashable, Sendable {
    /// The values, in one reference-counted box copied on write: a message is copied several
    /// times on its way from the socket to the consumer, and each copy then retains one object
    /// instead of the descriptor and three arrays.
    private final class Storage: @unchecked Sendable {
        // Sendable: a box is never mutated once shared (``MessageFields`` copies it first).
        let descriptor: MessageDescriptor
        var alternateLayout: Int?
        var fixed: [UInt32]
        var floating: [FloatingField]
        var notes: [DecodeNote]

        init(descriptor: MessageDescriptor, alternateLayout: Int?, fixed: [UInt32], floating: [FloatingField], notes: [DecodeNote]) {
            self.descriptor = descriptor
            self.alternateLayout = alternateLayout
            self.fixed = fixed
            self.floating = floating
            self.notes = notes
        }

        func copy() -> Storage {
            Storage(descriptor: descriptor, alternateLayout: alternateLayout, fixed: fixed, floating: floating, notes: notes)
        }
    }

    private var storage: Storage

    /// The box, unshared first (copy on write).
    private var unique: Storage {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            return storage
        }
    }

    /// The message's description.
    public var descriptor: MessageDescriptor { storage.descriptor }
    /// Which fixed layout the values follow: `nil` for the canonical one, else an index into
    /// ``MessageDescriptor/alternateFixed``.
    public var alternateLayout: Int? {
        get { storage.alternateLayout }
        set { unique.alternateLayout = newValue }
    }
    /// One value per fixed field of the layout: every fixed field is a number (its raw bits,
    /// see ``FieldValue/number(_:)``).
    public var fixed: [UInt32] {
        get { storage.fixed }
        _modify { yield &unique.fixed }
    }
    /// Floating fields in wire order.
    public var floating: [FloatingField] {
        get { storage.floating }
        _modify { yield &unique.floating }
    }
    /// What the decoder accepted leniently.
    public var notes: [DecodeNote] {
        get { storage.notes }
        _modify { yield &unique.notes }
    }

    /// A message of this type with every fixed field 0 and no floating field.
    public init(_ descriptor: MessageDescriptor) {
        self.init(descriptor: descriptor, alternateLayout: nil, fixed: Array(repeating: 0, count: descriptor.fixed.count), floating: [], notes: [])
    }

    /// A message of the named type (see ``MessageCatalog/descriptor(named:)``).
    public init(named name: String, catalog: MessageCatalog = .standard) throws(CTIEncodeError) {
        guard let descriptor = catalog.descriptor(named: name) else { throw .unknownMessage(name) }
        guard descriptor.hasLayout else { throw .noLayout(descriptor.name) }
        self.init(descriptor)
    }

    init(descriptor: MessageDescriptor, alternateLayout: Int?, fixed: [UInt32], floating: [FloatingField], notes: [DecodeNote]) {
        storage = Storage(descriptor: descriptor, alternateLayout: alternateLayout, fixed: fixed, floating: floating, notes: notes)
    }

    public static func == (lhs: MessageFields, rhs: MessageFields) -> Bool {
        lhs.storage === rhs.storage
            || (lhs.descriptor == rhs.descriptor && lhs.alternateLayout == rhs.alternateLayout && lhs.fixed == rhs.fixed
                && lhs.floating == rhs.floating && lhs.notes == rhs.notes)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(descriptor)
        hasher.combine(alternateLayout)
        hasher.combine(fixed)
        hasher.combine(floating)
        hasher.combine(notes)
    }

    /// Whether the decoder noted a required floating field missing.
    var lacksRequiredField: Bool {
        notes.contains { if case .missingRequired = $0 { true } else { false } }
    }

    /// The fixed layout the values follow.
    public var fixedSpecs: [FixedFieldSpec] {
        alternateLayout.map { descriptor.alternateFixed[$0].fixed } ?? descriptor.fixed
    }

    /// Where a field of the layout the values follow is (case-insensitive).
    private func position(of name: String) -> MessageDescriptor.FieldPosition? {
        guard let alternateLayout else { return descriptor.field(named: name) }
        let specs = descriptor.alternateFixed[alternateLayout].fixed
        if let index = specs.firstIndex(where: { $0.name == name }) ?? specs.firstIndex(where: { $0.name.equalsIgnoringASCIICase(name) }) {
            return .fixed(index)
        }
        return descriptor.floatingSpec(named: name).map(MessageDescriptor.FieldPosition.floating)
    }

    /// A fixed field's value, or the first floating field of that name.
    public subscript(name: String) -> FieldValue? {
        switch position(of: name) {
        case .fixed(let index)?: .number(fixed[index])
        case .floating(let spec)?: floating.first { $0.tag == spec.tag }?.value
        case nil: nil
        }
    }

    /// Every occurrence of a floating field, in wire order.
    public func values(of name: String) -> [FieldValue] {
        guard let spec = descriptor.floatingSpec(named: name) else { return [] }
        return floating.filter { $0.tag == spec.tag }.map(\.value)
    }

    /// A numeric field's raw bits.
    public func number(_ name: String) -> UInt32? { self[name]?.number }

    /// A string field's text.
    public func string(_ name: String) -> String? { self[name]?.text }

    /// Sets a fixed field, or the first floating field of that name (appending it when absent).
    public mutating func set(_ name: String, _ value: FieldValue) throws(CTIEncodeError) {
        switch position(of: name) {
        case .fixed(let index)?:
            guard case .number(let number) = value else { throw .wrongKind(field: fixedSpecs[index].name, expected: fixedSpecs[index].type) }
            fixed[index] = number
        case .floating(let spec)?:
            if let index = floating.firstIndex(where: { $0.tag == spec.tag }) {
                floating[index].value = value
            } else {
                floating.append(FloatingField(tag: spec.tag, value: value))
            }
        case nil:
            throw .unknownField(message: descriptor.name, field: name, known: descriptor.fieldNames)
        }
    }

    /// Appends one more occurrence of a floating field (list entries, named variables).
    public mutating func append(_ name: String, _ value: FieldValue) throws(CTIEncodeError) {
        let spec = try floatingSpec(name)
        floating.append(FloatingField(tag: spec.tag, value: value))
    }

    /// Removes every occurrence of a floating field.
    public mutating func remove(_ name: String) {
        guard let spec = descriptor.floatingSpec(named: name) else { return }
        floating.removeAll { $0.tag == spec.tag }
    }

    private func floatingSpec(_ name: String) throws(CTIEncodeError) -> FloatingFieldSpec {
        guard let spec = descriptor.floatingSpec(named: name) else {
            throw .unknownField(message: descriptor.name, field: name, known: descriptor.fieldNames)
        }
        return spec
    }
}
