/// The JSON form of a message (documented in the README): `type` (Cisco name, `UNKNOWN` for an
/// unknown type number), `typeId`, and `fields` with the Cisco field names. Enums render as
/// `{"name": …, "value": n}`, masks as `{"names": […], "value": n}`, named variables and arrays as
/// an object in wire order, UNSPEC as a hex string, repeated fields as arrays, secrets as
/// `"*** (N bytes)"`. Messages without a layout carry `body` (hex) instead of `fields`.
/// Optional keys: `extension` (project extension), `outsideLayout` (field names the layout does
/// not list), `notes` (what the decoder accepted leniently).
extension CTIMessage {
    /// Writes the message's keys into the object `writer` has open, so callers can add their own
    /// keys (`ts`, `seq`, `side`) around them.
    public func writeJSONKeys(into writer: inout JSONWriter, catalog: MessageCatalog = .standard) {
        writer.key("type")
        writer.string(name)
        writer.key("typeId")
        writer.number(typeID)
        if descriptor?.isExtension == true {
            writer.key("extension")
            writer.bool(true)
        }
        switch self {
        case .fields(let fields):
            fields.writeJSONKeys(into: &writer, catalog: catalog)
        case .opaque(_, let body), .unknown(_, let body):
            writer.key("body")
            writer.hexString(body)
        }
    }

    /// The message as one compact JSON object.
    public func jsonString(catalog: MessageCatalog = .standard) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writeJSONKeys(into: &writer, catalog: catalog)
        writer.endObject()
        return writer.string
    }
}

extension MessageFields {
    /// `fields`, then `outsideLayout` and `notes` when there are any. Written straight from the
    /// decoded values (no ``DisplayField``s in between: this runs for every event `cti watch -o
    /// json` prints), in the shape ``displayFields(catalog:)`` describes.
    func writeJSONKeys(into writer: inout JSONWriter, catalog: MessageCatalog) {
        writer.key("fields")
        writer.beginObject()
        let specs = fixedSpecs
        for index in 0..<min(specs.count, fixedCount) {
            writer.key(encoded: specs[index].jsonKey)
            writer.fieldNumber(fixedValue(at: index), type: specs[index].type, table: specs[index].enumTable)
        }
        var outsideLayout = false
        forEachFloatingGroup(catalog: catalog) { group in
            outsideLayout = outsideLayout || !group.inLayout
            if let key = group.jsonKey { writer.key(encoded: key) } else { writer.key(group.name) }
            switch group.shape {
            case .single:
                forEachOccurrence(of: group) { writer.fieldValue($0, in: group) }
            case .list:
                writer.beginArray()
                forEachOccurrence(of: group) { writer.fieldValue($0, in: group) }
                writer.endArray()
            case .variables:
                writer.beginObject()
                forEachOccurrence(of: group) { writer.variable($0) }
                writer.endObject()
            }
        }
        writer.endObject()
        if outsideLayout {
            writer.key("outsideLayout")
            writer.beginArray()
            forEachFloatingGroup(catalog: catalog) { group in if !group.inLayout { writer.string(group.name) } }
            writer.endArray()
        }
        if !notes.isEmpty {
            writer.key("notes")
            writer.beginArray()
            for note in notes { writer.string(note.description) }
            writer.endArray()
        }
    }
}

extension JSONWriter {
    private static let nameKey = encodedKey("name")
    private static let namesKey = encodedKey("names")
    private static let valueKey = encodedKey("value")
    private static let noneString = encodedString("NONE")

    /// A number by its field's type: enums as `{"name": …, "value": n}` (`NONE` for all ones,
    /// `null` when unknown), masks as `{"names": […], "value": n}`, signed types signed, BOOL 0/1
    /// as `false` / `true`, others (TIME included) as unsigned.
    mutating func fieldNumber(_ number: UInt32, type: WireType?, table: EnumTable?) {
        if let table {
            beginObject()
            if table.isMask {
                key(encoded: Self.namesKey)
                beginArray()
                table.forEachJSONBitName(of: number) { string(encoded: $0) }
                endArray()
            } else {
                key(encoded: Self.nameKey)
                let none: UInt32 = (type?.width ?? 4) == 2 ? 0xFFFF : 0xFFFF_FFFF
                if let name = table.jsonName(of: number) {
                    string(encoded: name)
                } else if number == none {
                    string(encoded: Self.noneString)
                } else {
                    null()
                }
            }
            key(encoded: Self.valueKey)
            self.number(number)
            endObject()
            return
        }
        switch type {
        case .int?: self.number(Int32(bitPattern: number))
        case .short?: self.number(Int16(truncatingIfNeeded: number))
        case .char?: self.number(Int8(truncatingIfNeeded: number))
        case .bool? where number <= 1: bool(number == 1)
        default: self.number(number)
        }
    }

    /// One occurrence of a floating field (a named variable outside a map is a map of one).
    mutating func fieldValue(_ value: FieldValue, in group: FloatingGroup) {
        switch value {
        case .number(let number):
            fieldNumber(number, type: group.type, table: group.enumTable)
        case .string(let text):
            if group.isSecret { string(RenderedValue.secretText(length: text.count)) } else { string(text) }
        case .bytes(let bytes):
            if group.isSecret { string(RenderedValue.secretText(length: bytes.readableBytes)) } else { hexString(bytes) }
        case .namedVariable, .namedArray:
            beginObject()
            variable(value)
            endObject()
        case .numbers(let numbers):
            let element: WireType = group.type == .uintArray ? .uint : .ushort
            beginArray()
            for number in numbers { fieldNumber(number, type: element, table: group.enumTable) }
            endArray()
        }
    }

    /// A named variable (`name: value`) or array element (`name[index]: value`) in an open map.
    mutating func variable(_ value: FieldValue) {
        switch value {
        case .namedVariable(let name, let text):
            key(name)
            string(text)
        case .namedArray(let index, let name, let text):
            key("\(name.string)[\(index)]")
            string(text)
        default:
            break
        }
    }
}
