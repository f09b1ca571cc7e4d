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
            let display = fields.displayFields(catalog: catalog)
            writer.key("fields")
            writer.beginObject()
            for field in display {
                writer.key(field.name)
                writeJSON(field.value, into: &writer)
            }
            writer.endObject()
            if display.contains(where: { !$0.inLayout }) {
                let outside = display.filter { !$0.inLayout }
                writer.key("outsideLayout")
                writer.beginArray()
                for field in outside { writer.string(field.name) }
                writer.endArray()
            }
            if !fields.notes.isEmpty {
                writer.key("notes")
                writer.beginArray()
                for note in fields.notes { writer.string(note.description) }
                writer.endArray()
            }
        case .opaque(_, let body), .unknown(_, let body):
            writer.key("body")
            writer.string(Hex.encode(body.readableBytesView))
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

func writeJSON(_ value: RenderedValue, into writer: inout JSONWriter) {
    switch value {
    case .unsigned(let number), .time(let number): writer.number(number)
    case .signed(let number): writer.number(number)
    case .bool(let flag): writer.bool(flag)
    case .enumeration(let name, let number):
        writer.beginObject()
        writer.key("name")
        if let name { writer.string(name) } else { writer.null() }
        writer.key("value")
        writer.number(number)
        writer.endObject()
    case .mask(let names, let number, _):
        writer.beginObject()
        writer.key("names")
        writer.beginArray()
        for name in names { writer.string(name) }
        writer.endArray()
        writer.key("value")
        writer.number(number)
        writer.endObject()
    case .text(let text), .hex(let text): writer.string(text)
    case .secret(let length): writer.string(RenderedValue.secretText(length: length))
    case .variables(let variables):
        writer.beginObject()
        for variable in variables {
            writer.key(variable.name)
            writer.string(variable.value)
        }
        writer.endObject()
    case .list(let items):
        writer.beginArray()
        for item in items { writeJSON(item, into: &writer) }
        writer.endArray()
    }
}
