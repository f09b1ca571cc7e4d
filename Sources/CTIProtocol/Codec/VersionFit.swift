/// How a message fits an older protocol version's catalogue (issue 20): what the encoder
/// refuses and the decoder notes, as a server of that version would answer
/// E_CTI_INVALID_MSG_TYPE_FOR_VERSION or E_CTI_INVALID_TAG_FOR_VERSION.
///
/// Messages are built against any catalogue (usually ``MessageCatalog/standard``); ``adopt(_:omittingNewer:)``
/// moves them to the version's layouts by field name.
struct VersionFit {
    let catalog: MessageCatalog

    /// One thing in a message that the version does not have.
    struct Misfit: Error {
        /// What, in words: `message CONFIG_TERMINAL_EVENT`, `AGENT_STATE_EVENT.ActiveTerminal (tag 303)`.
        var subject: String
        var arrivedIn: UInt32

        func note(version: UInt32) -> DecodeNote { .notInVersion(subject, arrivedIn: arrivedIn, version: version) }
        func encodeError(version: UInt32) -> CTIEncodeError { .notInVersion(subject, arrivedIn: arrivedIn, version: version) }
    }

    /// The message in the catalogue's layout of its type. Fixed values are moved by name; a
    /// fixed field the version lacks must be empty (0 or all ones, "none") unless
    /// `omittingNewer`, which also leaves out floating fields the version lacks.
    func adopt(_ fields: MessageFields, omittingNewer: Bool) throws(Misfit) -> MessageFields {
        let source = fields.descriptor
        guard let target = catalog.descriptor(type: source.typeID), target !== source, target.name == source.name else {
            return omittingNewer ? withoutNewerFloating(fields) : fields
        }
        let sourceSpecs = fields.fixedSpecs
        let targetSpecs = fields.alternateLayout.map { target.alternateFixed[$0].fixed } ?? target.fixed
        var values = [UInt32](repeating: 0, count: targetSpecs.count)
        fields.withFixed { sourceValues in
            for (index, spec) in sourceSpecs.enumerated() {
                if let position = targetSpecs.firstIndex(where: { $0.name == spec.name }) { values[position] = sourceValues[index] }
            }
        }
        if !omittingNewer {
            for (index, spec) in sourceSpecs.enumerated() where !targetSpecs.contains(where: { $0.name == spec.name }) {
                let value = fields.fixedValue(at: index)
                let none = spec.size >= 4 ? UInt32.max : (UInt32(1) << UInt32(spec.size * 8)) - 1
                guard value == 0 || value == none else {
                    throw Misfit(subject: "\(source.name).\(spec.name)", arrivedIn: arrival(ofFixed: spec.name, in: source.name))
                }
            }
        }
        let adopted = MessageFields(descriptor: target, alternateLayout: fields.alternateLayout, fixed: values, floating: fields.floating,
                                    notes: fields.notes)
        return omittingNewer ? withoutNewerFloating(adopted) : adopted
    }

    /// The first thing in the message the version lacks.
    func firstMisfit(in fields: MessageFields) -> Misfit? {
        var first: Misfit?
        forEachMisfit(in: fields) { misfit in
            if first == nil { first = misfit }
        }
        return first
    }

    /// Everything in the message the version lacks, in message order.
    func misfits(in fields: MessageFields) -> [Misfit] {
        var all: [Misfit] = []
        forEachMisfit(in: fields) { all.append($0) }
        return all
    }

    private func forEachMisfit(in fields: MessageFields, _ body: (Misfit) -> Void) {
        let descriptor = fields.descriptor
        if let since = descriptor.arrivesIn { body(Misfit(subject: "message \(descriptor.name)", arrivedIn: since)) }
        let specs = fields.fixedSpecs
        fields.withFixed { values in
            for (index, spec) in specs.enumerated() {
                if let table = spec.enumTable, let later = table.laterArrival(in: values[index]) {
                    body(Misfit(subject: valueSubject(descriptor.name, spec.name, table, later.value), arrivedIn: later.since))
                }
            }
        }
        for field in fields.floating {
            if let index = descriptor.floatingSpecIndex(tag: field.tag) {
                let spec = descriptor.floating[index]
                if let since = spec.arrivesIn {
                    body(Misfit(subject: "\(descriptor.name).\(spec.name) (tag \(field.tag))", arrivedIn: since))
                } else if let table = spec.enumTable {
                    for number in field.value.numbersForVersionCheck {
                        if let later = table.laterArrival(in: number) {
                            body(Misfit(subject: valueSubject(descriptor.name, spec.name, table, later.value), arrivedIn: later.since))
                        }
                    }
                }
            } else if let info = catalog.tagInfo(field.tag), let since = info.arrivesIn {
                body(Misfit(subject: "\(info.fieldName) (tag \(field.tag))", arrivedIn: since))
            }
        }
    }

    private func valueSubject(_ message: String, _ field: String, _ table: EnumTable, _ value: UInt32) -> String {
        let name = table.name(of: value).map { " (\($0))" } ?? ""
        return table.isMask ? "\(message).\(field) bit 0x\(String(value, radix: 16))\(name)" : "\(message).\(field) value \(value)\(name)"
    }

    private func withoutNewerFloating(_ fields: MessageFields) -> MessageFields {
        let descriptor = fields.descriptor
        func isNewer(_ field: FloatingField) -> Bool {
            if let index = descriptor.floatingSpecIndex(tag: field.tag) { return descriptor.floating[index].arrivesIn != nil }
            return catalog.tagInfo(field.tag)?.arrivesIn != nil
        }
        guard fields.floating.contains(where: isNewer) else { return fields }
        var fields = fields
        fields.floating.removeAll(where: isNewer)
        return fields
    }

    private func arrival(ofFixed field: String, in message: String) -> UInt32 {
        catalog.history.arrivals.first { $0.subject == .fixedField(message: message, field: field) }?.since ?? catalog.history.baseline
    }
}

private extension FieldValue {
    /// The numbers an enumeration or mask field carries.
    var numbersForVersionCheck: [UInt32] {
        switch self {
        case .number(let number): [number]
        case .numbers(let numbers): numbers
        default: []
        }
    }
}
