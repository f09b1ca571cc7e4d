/// A field value prepared for display: numbers read by their type, enums and masks by name,
/// strings as text, UNSPEC as hex, secrets as their length only.
public enum RenderedValue: Hashable, Sendable {
    case unsigned(UInt32)
    case signed(Int32)
    case bool(Bool)
    /// TIME: seconds since 1970.
    case time(UInt32)
    /// An enumeration value: its symbol (`NONE` for 0xFFFF / 0xFFFFFFFF), `nil` when unknown.
    case enumeration(name: String?, value: UInt32)
    /// A mask: the names of its defined bits, the whole value, and the bits no name covers.
    case mask(names: [String], value: UInt32, undefined: UInt32)
    case text(String)
    /// UNSPEC bytes, and data of unknown tags, as lower-case hex.
    case hex(String)
    /// A password: only its length is shown.
    case secret(length: Int)
    /// Named variables (`name → value`) or array elements (`name[index] → value`), in wire order.
    case variables([Variable])
    /// A repeated field or a packed array: one value per occurrence.
    case list([RenderedValue])

    /// One ECC variable or array element.
    public struct Variable: Hashable, Sendable {
        public var name: String
        public var value: String
    }

    /// How a secret is shown everywhere: its length and `***` in place of the bytes.
    public static func secretText(length: Int) -> String { "*** (\(length) bytes)" }
}

/// One field of a message as displayed: its name, its value (a list for repeated fields) and
/// whether the message's layout lists it.
public struct DisplayField: Hashable, Sendable {
    public var name: String
    public var value: RenderedValue
    /// `false` for tags the decoder named by the global tag table only (`ERRATA.md`).
    public var inLayout: Bool
}

extension MessageFields {
    /// The fields in display order: the fixed part, then one entry per floating tag in order of
    /// first appearance (``FloatingGroup``: named variables gathered into one map, repeated
    /// fields into one list).
    public func displayFields(catalog: MessageCatalog = .standard) -> [DisplayField] {
        var out: [DisplayField] = []
        out.reserveCapacity(fixedCount + floating.count)
        for index in 0..<min(fixedCount, fixedSpecs.count) { out.append(displayFixedField(at: index)) }
        forEachFloatingGroup(catalog: catalog) { out.append(displayField(of: $0)) }
        return out
    }

    /// The fixed field at `index` as displayed.
    func displayFixedField(at index: Int) -> DisplayField {
        let specs = fixedSpecs
        return DisplayField(name: specs[index].name,
                            value: render(.number(fixedValue(at: index)), type: specs[index].type, table: specs[index].enumTable, secret: false),
                            inLayout: true)
    }

    /// A floating group as displayed.
    func displayField(of group: FloatingGroup) -> DisplayField {
        if group.shape == .single {  // no list to gather (a summary shows a dozen of these per event)
            return DisplayField(name: group.name, value: render(floating[group.first].value, type: group.type, table: group.enumTable,
                                                                secret: group.isSecret), inLayout: group.inLayout)
        }
        var values: [RenderedValue] = []
        var variables: [RenderedValue.Variable] = []
        forEachOccurrence(of: group) { value in
            let rendered = render(value, type: group.type, table: group.enumTable, secret: group.isSecret)
            if group.shape == .variables, case .variables(let more) = rendered { variables += more } else { values.append(rendered) }
        }
        let value: RenderedValue
        switch group.shape {
        case .variables: value = .variables(variables)
        case .single: value = values[0]
        case .list: value = .list(values)
        }
        return DisplayField(name: group.name, value: value, inLayout: group.inLayout)
    }
}

/// Renders one value by its type and table.
func render(_ value: FieldValue, type: WireType?, table: EnumTable?, secret: Bool) -> RenderedValue {
    switch value {
    case .number(let number):
        if let table {
            if table.isMask { return .mask(names: table.bitNames(of: number), value: number, undefined: table.undefinedBits(in: number)) }
            let none: UInt32 = (type?.width ?? 4) == 2 ? 0xFFFF : 0xFFFF_FFFF
            return .enumeration(name: table.name(of: number) ?? (number == none ? "NONE" : nil), value: number)
        }
        switch type {
        case .int?: return .signed(Int32(bitPattern: number))
        case .short?: return .signed(Int32(Int16(truncatingIfNeeded: number)))
        case .char?: return .signed(Int32(Int8(truncatingIfNeeded: number)))
        case .bool? where number <= 1: return .bool(number == 1)
        case .time?: return .time(number)
        default: return .unsigned(number)
        }
    case .string(let string):
        return secret ? .secret(length: string.count) : .text(string.string)
    case .bytes(let bytes):
        return secret ? .secret(length: bytes.readableBytes) : .hex(Hex.encode(bytes.readableBytesView))
    case .namedVariable(let name, let value):
        return .variables([.init(name: name.string, value: value.string)])
    case .namedArray(let index, let name, let value):
        return .variables([.init(name: "\(name.string)[\(index)]", value: value.string)])
    case .numbers(let numbers):
        let element: WireType = type == .uintArray ? .uint : .ushort
        return .list(numbers.map { render(.number($0), type: element, table: table, secret: false) })
    }
}
