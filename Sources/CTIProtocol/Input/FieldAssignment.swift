import NIOCore

/// Builds messages from `Field=value` words, as `cti encode` and `send` take them: fixed and
/// floating fields by their Cisco names (case-insensitive), enums and masks by symbol or number,
/// UNSPEC as hex, named variables as `NamedVariable=name=value`, array elements as
/// `NamedArray=name[index]=value`, packed arrays as `1,2,3`. A repeated field is given once per
/// occurrence. Count fields (`NumNamedVariables`, `NumCTIClients`, …) left out are filled in
/// from the occurrences.
public struct FieldAssignment: Sendable {
    public var catalog: MessageCatalog
    /// Accept mask bits the spec does not define.
    public var allowUndefinedMaskBits: Bool

    public init(catalog: MessageCatalog = .standard, allowUndefinedMaskBits: Bool = false) {
        self.catalog = catalog
        self.allowUndefinedMaskBits = allowUndefinedMaskBits
    }

    /// The message `name` with the assignments applied.
    public func build(_ name: String, assignments: [String]) throws(CTIEncodeError) -> MessageFields {
        var fields = try MessageFields(named: name, catalog: catalog)
        let descriptor = fields.descriptor
        var explicitFixed: Set<String> = []
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "=") else {
                throw .invalidValue(field: assignment, text: assignment, reason: "is not of the form Field=value")
            }
            let key = String(assignment[..<equals]).trimmedSpaces
            let text = String(assignment[assignment.index(after: equals)...])
            if let index = descriptor.fixedIndex(named: key) {
                let spec = descriptor.fixed[index]
                try fields.set(spec.field, parse(text, field: spec.name, type: spec.type, table: spec.enumTable))
                explicitFixed.insert(spec.name)
            } else if let spec = descriptor.floatingSpec(named: key) {
                let value: FieldValue
                do {
                    value = try parse(text, field: spec.name, type: spec.type, table: spec.enumTable)
                } catch .invalidValue(let field, _, let reason) where spec.isSecret {
                    // A password is never shown back, not even one that is not valid.
                    throw .invalidValue(field: field, text: "*** (\(text.utf8.count) bytes)", reason: reason)
                }
                fields.floating.append(FloatingField(tag: spec.tag, value: value))
            } else {
                throw .unknownField(message: descriptor.name, field: String(key), known: descriptor.fieldNames)
            }
        }
        fillCounts(&fields, explicit: explicitFixed)
        return fields
    }

    /// Sets count fields of the fixed part the assignments left out to the number of occurrences
    /// of the fields they count.
    private func fillCounts(_ fields: inout MessageFields, explicit: Set<String>) {
        let descriptor = fields.descriptor
        for spec in descriptor.floating {
            guard let countName = spec.countField, !explicit.contains(countName),
                  let index = descriptor.fixedIndex(named: countName) else { continue }
            let occurrences = fields.floating.filter { $0.tag == spec.tag }
            let count: Int
            if spec.type == .ushortArray || spec.type == .uintArray, case .numbers(let numbers)? = occurrences.first?.value {
                count = numbers.count
            } else {
                count = occurrences.count
            }
            if Int(fields.fixedValue(at: index)) < count { fields.setFixedValue(UInt32(count), at: index) }
        }
    }

    /// One value from text, for a field of `type`.
    public func parse(_ text: String, field: String, type: WireType, table: EnumTable?) throws(CTIEncodeError) -> FieldValue {
        switch type {
        case .uchar, .char, .ushort, .short, .uint, .int, .bool, .time:
            return .number(try parseNumber(text, field: field, type: type, table: table))
        case .string:
            return .text(text)
        case .unspec:
            guard let bytes = Hex.decode(text) else {
                throw .invalidValue(field: field, text: text, reason: "is not hex (UNSPEC takes hex bytes, e.g. 0a1b2c)")
            }
            return .bytes(ByteBuffer(bytes: bytes))
        case .namedVariable:
            guard let equals = text.firstIndex(of: "=") else {
                throw .invalidValue(field: field, text: text, reason: "needs name=value")
            }
            return .namedVariable(name: CTIString(text[..<equals]), value: CTIString(text[text.index(after: equals)...]))
        case .namedArray:
            guard let equals = text.firstIndex(of: "="),
                  let open = text[..<equals].lastIndex(of: "["), text[..<equals].hasSuffix("]"),
                  let index = UInt8(text[text.index(after: open)..<text.index(before: equals)]) else {
                throw .invalidValue(field: field, text: text, reason: "needs name[index]=value with index 0-255")
            }
            return .namedArray(index: index, name: CTIString(text[..<open]), value: CTIString(text[text.index(after: equals)...]))
        case .ushortArray, .uintArray:
            let element: WireType = type == .uintArray ? .uint : .ushort
            var numbers: [UInt32] = []
            for part in text.split(separator: ",") {
                numbers.append(try parseNumber(String(part), field: field, type: element, table: table))
            }
            return .numbers(numbers)
        }
    }

    private func parseNumber(_ text: String, field: String, type: WireType, table: EnumTable?) throws(CTIEncodeError) -> UInt32 {
        if let table, table.isMask {
            do {
                return try MaskParser.parse(text, table: table, allowUndefined: allowUndefinedMaskBits)
            } catch {
                throw .invalidValue(field: field, text: text, reason: error.reason)
            }
        }
        let width = type.width ?? 4
        let maximum: UInt64 = width == 4 ? UInt64(UInt32.max) : (1 << UInt64(width * 8)) - 1
        if let table, let value = table.value(named: text) { return value }
        if text.trimmedSpaces.uppercased() == "NONE" { return UInt32(maximum) }
        if type == .bool {
            switch text.lowercased() {
            case "true", "yes", "on": return 1
            case "false", "no", "off": return 0
            default: break
            }
        }
        if let number = NumberParser.unsigned(text) {
            guard UInt64(number) <= maximum else {
                throw .invalidValue(field: field, text: text, reason: "does not fit in \(type.rawValue) (max \(maximum))")
            }
            return number
        }
        if type == .int || type == .short || type == .char, let signed = NumberParser.signed(text) {
            let bits = width * 8
            guard Int64(signed) >= -(Int64(1) << (bits - 1)) else {
                throw .invalidValue(field: field, text: text, reason: "does not fit in \(type.rawValue)")
            }
            return UInt32(bitPattern: signed) & UInt32(maximum)
        }
        // A decimal number all the same: it is out of range.
        let trimmed = text.trimmedSpaces
        let numeral = trimmed.hasPrefix("-") ? trimmed.dropFirst() : Substring(trimmed)
        if !numeral.isEmpty, numeral.allSatisfy({ $0.isASCII && $0.isNumber }) {
            let signed = type == .int || type == .short || type == .char
            throw .invalidValue(field: field, text: text, reason: "does not fit in \(type.rawValue) (0 to \(maximum)\(signed ? ", or down to -\((maximum + 1) / 2)" : ""))")
        }
        let hint = table.map { " or a name from \($0.name) (see `cti describe`)" } ?? ""
        throw .invalidValue(field: field, text: text, reason: "is not a \(type.rawValue) number\(hint)")
    }
}
