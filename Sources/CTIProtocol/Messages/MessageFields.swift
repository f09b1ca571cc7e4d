/// The fields of a message whose layout the spec gives: the fixed part in layout order and the
/// floating part in wire order.
///
/// This is both what the decoder produces and what the encoder consumes, so building a message
/// is filling one of these in: `MessageFields(named: "HEARTBEAT_REQ")` starts with every fixed
/// field 0 and no floating field.
public struct MessageFields: Hashable, @unchecked Sendable {
    // Sendable: its one reference is a copy-on-write box that is never mutated once shared.
    /// The values, in one reference-counted box copied on write: a message is copied several
    /// times on its way from the socket to the consumer, and each copy then retains one object
    /// instead of the descriptor and three arrays. The fixed values are stored in the box
    /// itself (after its header), so a decoded message takes one allocation fewer.
    private final class Storage: ManagedBuffer<Header, UInt32> {
        /// The header's address. Reached through the pointer, not ``ManagedBuffer/header``:
        /// a class's stored property is checked for exclusive access at run time on every use,
        /// which cost more than the rest of a field lookup. The address is fixed for the
        /// object's life; callers hold the object while they use it.
        var headerAddress: UnsafeMutablePointer<Header> { withUnsafeMutablePointerToHeader { $0 } }

        static func make(_ header: Header, fill: (UnsafeMutableBufferPointer<UInt32>) -> Void) -> Storage {
            let storage = unsafeDowncast(Storage.create(minimumCapacity: header.fixedCount) { _ in header }, to: Storage.self)
            storage.withUnsafeMutablePointerToElements { fill(UnsafeMutableBufferPointer(start: $0, count: header.fixedCount)) }
            return storage
        }

        func copy() -> Storage {
            withUnsafeMutablePointers { header, values in
                Storage.make(header.pointee) { $0.baseAddress!.initialize(from: values, count: header.pointee.fixedCount) }
            }
        }

        func withFixed<Result>(_ body: (UnsafeBufferPointer<UInt32>) throws -> Result) rethrows -> Result {
            try withUnsafeMutablePointers { header, values in try body(UnsafeBufferPointer(start: values, count: header.pointee.fixedCount)) }
        }
    }

    private struct Header {
        let descriptor: MessageDescriptor
        var alternateLayout: Int?
        let fixedCount: Int
        var floating: [FloatingField]
        var notes: [DecodeNote]
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
    public var descriptor: MessageDescriptor { storage.headerAddress.pointee.descriptor }
    /// Which fixed layout the values follow: `nil` for the canonical one, else an index into
    /// ``MessageDescriptor/alternateFixed``.
    public var alternateLayout: Int? {
        get { storage.headerAddress.pointee.alternateLayout }
        set { unique.headerAddress.pointee.alternateLayout = newValue }
    }
    /// One value per fixed field of the layout: every fixed field is a number (its raw bits,
    /// see ``FieldValue/number(_:)``). Reading it copies the values out: code that reads
    /// them per message uses ``withFixed(_:)`` or ``fixedValue(at:)``.
    public var fixed: [UInt32] {
        get { withFixed { Array($0) } }
        set {
            let header = storage.headerAddress.pointee
            if newValue.count == header.fixedCount {
                unique.withUnsafeMutablePointerToElements { $0.update(from: newValue, count: newValue.count) }
            } else {
                storage = Storage.make(Header(descriptor: header.descriptor, alternateLayout: header.alternateLayout, fixedCount: newValue.count,
                                              floating: header.floating, notes: header.notes)) { _ = $0.initialize(from: newValue) }
            }
        }
    }
    /// Floating fields in wire order.
    public var floating: [FloatingField] {
        get { storage.headerAddress.pointee.floating }
        _modify {
            let box = unique
            yield &box.headerAddress.pointee.floating
            withExtendedLifetime(box) {}
        }
    }
    /// What the decoder accepted leniently.
    public var notes: [DecodeNote] {
        get { storage.headerAddress.pointee.notes }
        _modify {
            let box = unique
            yield &box.headerAddress.pointee.notes
            withExtendedLifetime(box) {}
        }
    }

    /// Calls `body` with the fixed values in place.
    public func withFixed<Result>(_ body: (UnsafeBufferPointer<UInt32>) throws -> Result) rethrows -> Result {
        try storage.withFixed(body)
    }

    /// The number of fixed values.
    public var fixedCount: Int { storage.headerAddress.pointee.fixedCount }

    /// One fixed value (`index` below ``fixedCount``).
    public func fixedValue(at index: Int) -> UInt32 {
        withFixed { values in
            precondition(index >= 0 && index < values.count, "fixed value \(index) of \(values.count)")
            return values[index]
        }
    }

    /// Sets one fixed value in place (`index` below ``fixedCount``).
    public mutating func setFixedValue(_ value: UInt32, at index: Int) {
        precondition(index >= 0 && index < fixedCount, "fixed value \(index) of \(fixedCount)")
        unique.withUnsafeMutablePointerToElements { $0[index] = value }
    }

    /// A message of this type with every fixed field 0 and no floating field.
    public init(_ descriptor: MessageDescriptor) {
        storage = Storage.make(Header(descriptor: descriptor, alternateLayout: nil, fixedCount: descriptor.fixed.count, floating: [], notes: [])) {
            $0.initialize(repeating: 0)
        }
    }

    /// A message of the named type (see ``MessageCatalog/descriptor(named:)``).
    public init(named name: String, catalog: MessageCatalog = .standard) throws(CTIEncodeError) {
        guard let descriptor = catalog.descriptor(named: name) else { throw .unknownMessage(name) }
        guard descriptor.hasLayout else { throw .noLayout(descriptor.name) }
        self.init(descriptor)
    }

    init(descriptor: MessageDescriptor, alternateLayout: Int?, fixed: [UInt32], floating: [FloatingField], notes: [DecodeNote]) {
        storage = Storage.make(Header(descriptor: descriptor, alternateLayout: alternateLayout, fixedCount: fixed.count, floating: floating, notes: notes)) {
            _ = $0.initialize(from: fixed)
        }
    }

    /// The decoder's way in: `fixedCount` values written by `fill` straight into the message.
    init(descriptor: MessageDescriptor, alternateLayout: Int?, fixedCount: Int, fill: (UnsafeMutableBufferPointer<UInt32>) -> Void) {
        storage = Storage.make(Header(descriptor: descriptor, alternateLayout: alternateLayout, fixedCount: fixedCount, floating: [], notes: []), fill: fill)
    }

    public static func == (lhs: MessageFields, rhs: MessageFields) -> Bool {
        lhs.storage === rhs.storage
            || (lhs.descriptor == rhs.descriptor && lhs.alternateLayout == rhs.alternateLayout
                && lhs.withFixed { left in rhs.withFixed { right in left.elementsEqual(right) } }
                && lhs.floating == rhs.floating && lhs.notes == rhs.notes)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(descriptor)
        hasher.combine(alternateLayout)
        withFixed { values in
            hasher.combine(values.count)
            for value in values { hasher.combine(value) }
        }
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
    public subscript(field: Field) -> FieldValue? {
        switch position(of: field.name) {
        case .fixed(let index)?: .number(fixedValue(at: index))
        case .floating(let spec)?: floating.first { $0.tag == spec.tag }?.value
        case nil: nil
        }
    }

    /// Every occurrence of a floating field, in wire order.
    public func values(of field: Field) -> [FieldValue] {
        guard let spec = descriptor.floatingSpec(named: field.name) else { return [] }
        return floating.filter { $0.tag == spec.tag }.map(\.value)
    }

    /// A fixed field's value, or every occurrence of a floating field, in wire order.
    public func occurrences(of field: Field) -> [FieldValue] {
        switch position(of: field.name) {
        case .fixed(let index)?: [.number(fixedValue(at: index))]
        case .floating(let spec)?: floating.filter { $0.tag == spec.tag }.map(\.value)
        case nil: []
        }
    }

    /// A numeric field's raw bits.
    public func number(_ field: Field) -> UInt32? { self[field]?.number }

    /// A string field's text.
    public func string(_ field: Field) -> String? { self[field]?.text }

    /// Sets a fixed field, or the first floating field of that name (appending it when absent).
    public mutating func set(_ field: Field, _ value: FieldValue) throws(CTIEncodeError) {
        switch position(of: field.name) {
        case .fixed(let index)?:
            guard case .number(let number) = value else { throw .wrongKind(field: fixedSpecs[index].name, expected: fixedSpecs[index].type) }
            setFixedValue(number, at: index)
        case .floating(let spec)?:
            if let index = floating.firstIndex(where: { $0.tag == spec.tag }) {
                floating[index].value = value
            } else {
                floating.append(FloatingField(tag: spec.tag, value: value))
            }
        case nil:
            throw .unknownField(message: descriptor.name, field: field.name, known: descriptor.fieldNames)
        }
    }

    /// Appends one more occurrence of a floating field (list entries, named variables).
    public mutating func append(_ field: Field, _ value: FieldValue) throws(CTIEncodeError) {
        let spec = try floatingSpec(field.name)
        floating.append(FloatingField(tag: spec.tag, value: value))
    }

    /// Removes every occurrence of a floating field.
    public mutating func remove(_ field: Field) {
        guard let spec = descriptor.floatingSpec(named: field.name) else { return }
        floating.removeAll { $0.tag == spec.tag }
    }

    private func floatingSpec(_ name: String) throws(CTIEncodeError) -> FloatingFieldSpec {
        guard let spec = descriptor.floatingSpec(named: name) else {
            throw .unknownField(message: descriptor.name, field: name, known: descriptor.fieldNames)
        }
        return spec
    }
}
