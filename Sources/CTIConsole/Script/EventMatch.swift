import ArgumentParser
import CTIClient
import CTIProtocol

/// An event `wait` waits for: a message name and `Field=value` conditions, the values written
/// as `cti encode` takes them (enum and mask names or numbers, strings, `NamedVariable=name=value`).
/// A fixed field must equal its value; a floating field must occur with it.
struct EventMatch: Sendable {
    let descriptor: MessageDescriptor
    /// The field, its position in the fixed part (nil: floating), and the value wanted.
    let conditions: [(field: Field, fixedIndex: Int?, value: FieldValue)]

    init(message: String, conditions words: [String]) throws {
        guard let descriptor = MessageCatalog.standard.descriptor(named: message) else {
            throw ValidationError("unknown message '\(message)' (see `cti describe events`)")
        }
        self.descriptor = descriptor
        let parser = FieldAssignment()
        conditions = try words.map { word in
            guard let equals = word.firstIndex(of: "="), equals != word.startIndex else {
                throw ValidationError("'\(word)' is not of the form Field=value")
            }
            let key = String(word[..<equals])
            let text = String(word[word.index(after: equals)...])
            let fixedIndex = descriptor.fixedIndex(named: key)
            let spec: (name: String, type: WireType, table: EnumTable?)
            if let fixedIndex {
                let fixed = descriptor.fixed[fixedIndex]
                spec = (fixed.name, fixed.type, fixed.enumTable)
            } else if let floating = descriptor.floatingSpec(named: key) {
                spec = (floating.name, floating.type, floating.enumTable)
            } else {
                throw ValidationError("\(descriptor.name) has no field '\(key)' (see `cti describe messages \(descriptor.name)`)")
            }
            do {
                return (Field(named: spec.name), fixedIndex, try parser.parse(text, field: spec.name, type: spec.type, table: spec.table))
            } catch {
                throw ValidationError("\(error)")
            }
        }
    }

    /// Whether `event` is the message with every condition met.
    func matches(_ event: ClientEvent) -> Bool {
        guard let fields = event.message?.fields, fields.descriptor.typeID == descriptor.typeID else { return false }
        for condition in conditions {
            if let index = condition.fixedIndex {
                guard index < fields.fixedCount, condition.value.number == fields.fixedValue(at: index) else { return false }
                continue
            }
            var found = false
            for value in fields.values(of: condition.field) where Self.same(value, condition.value) {
                found = true
                break
            }
            if !found { return false }
        }
        return true
    }

    /// Values compared as a person means them: strings by their text (with or without the NUL).
    private static func same(_ received: FieldValue, _ wanted: FieldValue) -> Bool {
        if let wantedNumber = wanted.number { return received.number == wantedNumber }
        if let wantedText = wanted.text { return received.text == wantedText }
        if case .namedVariable(let name, let value) = wanted, case .namedVariable(let receivedName, let receivedValue) = received {
            return name.string == receivedName.string && value.string == receivedValue.string
        }
        if case .namedArray(let index, let name, let value) = wanted, case .namedArray(let receivedIndex, let receivedName, let receivedValue) = received {
            return index == receivedIndex && name.string == receivedName.string && value.string == receivedValue.string
        }
        return received == wanted
    }
}
