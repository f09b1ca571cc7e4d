import CTIProtocol

/// The records of a configuration record message (CONFIG_AGENT_EVENT, CONFIG_SKILL_GROUP_EVENT,
/// ...; `other-services.md` §8): NumRecords records in the floating part, each a run of
/// floating fields that starts with RecordType.
struct ConfigRecords {
    /// RecordType CONFIG_RECORD_DELETE.
    static let delete = MessageCatalog.standard.value(of: "CONFIG_RECORD_DELETE", in: "RecordType")
    /// The SkillGroupNumber of no skill group (NULL, 0xFFFFFFFF).
    static let nullSkillGroup: UInt32 = 0xFFFF_FFFF

    /// One record: its fields by tag.
    struct Record {
        var descriptor: MessageDescriptor
        var fields: [FloatingField]

        func value(_ field: Field) -> FieldValue? {
            guard let tag = descriptor.floatingSpec(named: field.name)?.tag else { return nil }
            return fields.first { $0.tag == tag }?.value
        }

        func number(_ field: Field) -> UInt32? { value(field)?.number }
        func text(_ field: Field) -> String? { value(field)?.text }

        /// A packed array (UINT_ARRAY / USHORT_ARRAY), or one number.
        func numbers(_ field: Field) -> [UInt32]? {
            switch value(field) {
            case .numbers(let values)?: values
            case .number(let value)?: [value]
            default: nil
            }
        }
    }

    var records: [Record]

    init(_ fields: MessageFields) {
        let descriptor = fields.descriptor
        let start = descriptor.floatingSpec(named: Field.recordType.name)?.tag
        var records: [Record] = []
        for field in fields.floating {
            if field.tag == start || records.isEmpty { records.append(Record(descriptor: descriptor, fields: [])) }
            records[records.count - 1].fields.append(field)
        }
        self.records = records
    }
}
