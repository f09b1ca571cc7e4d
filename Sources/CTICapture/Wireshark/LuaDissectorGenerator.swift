import CTIProtocol

/// Writes a Wireshark Lua dissector for the CTI Server protocol (GED-188) from the message
/// catalog the codec uses: every message type by name, every fixed field and floating tag by its
/// Cisco name and type, enumerations as value strings, masks as bit fields, named variables and
/// arrays as `name = value`, the alternative fixed layouts of `ERRATA.md`. The protocol logic
/// (reassembly, heuristic, expert info) is ``LuaDissectorRuntime``; this type writes the tables
/// it reads. `cti describe --wireshark-lua` prints the result.
///
/// The output depends only on the catalog: the same catalog gives the same file, byte for byte.
public struct LuaDissectorGenerator: Sendable {
    public let catalog: MessageCatalog
    /// The fields the dissector registers.
    public let fieldTable: WiresharkFieldTable

    public init(catalog: MessageCatalog = .standard) {
        self.catalog = catalog
        self.fieldTable = WiresharkFieldTable(catalog: catalog)
    }

    /// The whole Lua file.
    public func generate() -> String {
        var lines: [String] = []
        lines.append(LuaDissectorRuntime.prologue)
        appendValueStrings(to: &lines)
        appendFields(to: &lines)
        appendMessages(to: &lines)
        appendTags(to: &lines)
        appendConstants(to: &lines)
        lines.append(LuaDissectorRuntime.epilogue)
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Constants

    /// The framing limits and ports, from the codec's own constants (`wire-format.md` §2, §4).
    private func appendConstants(to lines: inout [String]) {
        let ports = CTISide.allCases.map { String($0.defaultPort) }.joined(separator: ",")
        lines.append("")
        lines.append("local HEADER_SIZE = \(CTIFrame.headerSize)  -- MHDR: MessageLength, MessageType")
        lines.append("local FLOATING_HEADER_SIZE = \(2 * ProtocolVersion.v25.floatingHeaderWidth)  -- tag and length, 2 bytes each since PV20")
        lines.append("local MAXIMUM_BODY = \(CTIFrame.acceptedMaximumBody)  -- larger MessageLength values are not CTI framing")
        lines.append("local GUIDE_MAXIMUM_BODY = \(CTIFrame.guideMaximumBody)  -- the guide's limit")
        lines.append("local DEFAULT_PORTS = \(LuaLiteral.string(ports))")
    }

    // MARK: - Value strings

    /// The value-string table of an enumeration read in `width` bytes, by "table/width".
    private var valueStringKeys: [String] {
        var keys: Set<String> = []
        for field in fieldTable.fields where field.kind == .enumeration || (field.kind == .array && field.table?.isMask == false) {
            if let table = field.table, let width = field.width { keys.insert(Self.valueStringKey(table, width)) }
        }
        return keys.sorted()
    }

    private static func valueStringKey(_ table: EnumTable, _ width: Int) -> String { "\(table.name)/\(width)" }

    private func appendValueStrings(to lines: inout [String]) {
        lines.append("-- Enumerations (constants.md), one value string per table and width; all ones is NONE where the table has no name for it.")
        for key in valueStringKeys {
            let parts = key.split(separator: "/")
            let table = catalog.enumTables[String(parts[0])]!
            let width = Int(parts[1])!
            var entries = table.entries.filter { width >= 4 || $0.value < (1 << UInt32(width * 8)) }.map { (value: $0.value, name: $0.name) }
            let none: UInt32? = width == 2 ? 0xFFFF : width == 4 ? 0xFFFF_FFFF : nil
            if let none, table.name(of: none) == nil { entries.append((none, "NONE")) }
            let body = entries.map { "[\($0.value)] = \(LuaLiteral.string($0.name))" }.joined(separator: ", ")
            lines.append("vs[\(LuaLiteral.string(key))] = { \(body) }")
        }
    }

    // MARK: - Fields

    private func appendFields(to lines: inout [String]) {
        lines.append("")
        lines.append("-- Fields: one per Cisco name and way of reading it (F[i].pf is the ProtoField).")
        for (index, field) in fieldTable.fields.enumerated() {
            var parts = ["pf = \(protoField(field))", "kind = \(LuaLiteral.string(field.kind.rawValue))", "name = \(LuaLiteral.string(field.name))"]
            if let width = field.width { parts.append("width = \(width)") }
            if field.kind == .secret { parts.append("text = \(LuaLiteral.bool(field.type == .string))") }
            if !field.bits.isEmpty {
                let bits = field.bits.map {
                    "ProtoField.bool(\(LuaLiteral.string($0.abbreviation)), \(LuaLiteral.string($0.name)), \(field.width! * 8), nil, \(LuaLiteral.hex($0.value)))"
                }
                parts.append("bits = { \(bits.joined(separator: ", ")) }")
            }
            if let element = field.elementAbbreviation {
                parts.append("element = \(numberField(element, field.name, width: field.width!, table: field.table))")
            }
            lines.append("F[\(index + 1)] = { \(parts.joined(separator: ", ")) }")
        }
    }

    /// The `ProtoField` constructor of a field.
    private func protoField(_ field: WiresharkField) -> String {
        let abbreviation = LuaLiteral.string(field.abbreviation)
        let name = LuaLiteral.string(field.name)
        switch field.kind {
        case .unsigned, .enumeration, .mask:
            return numberField(field.abbreviation, field.name, width: field.width!, table: field.table)
        case .signed:
            return "ProtoField.int\(field.width! * 8)(\(abbreviation), \(name), base.DEC)"
        case .boolean:
            return "ProtoField.uint16(\(abbreviation), \(name), base.DEC, BOOL_VALUES)"
        case .time:
            return "ProtoField.absolute_time(\(abbreviation), \(name), base.UTC)"
        case .string, .secret, .namedVariable, .namedArray:
            return "ProtoField.string(\(abbreviation), \(name))"
        case .bytes, .array:
            return "ProtoField.bytes(\(abbreviation), \(name))"
        }
    }

    /// An unsigned number field: in hex with no value string for a mask, decimal with the
    /// table's value string for an enumeration, plain decimal otherwise.
    private func numberField(_ abbreviation: String, _ name: String, width: Int, table: EnumTable?) -> String {
        let head = "ProtoField.uint\(width * 8)(\(LuaLiteral.string(abbreviation)), \(LuaLiteral.string(name))"
        guard let table else { return head + ", base.DEC)" }
        if table.isMask { return head + ", base.HEX)" }
        return head + ", base.DEC, vs[\(LuaLiteral.string(Self.valueStringKey(table, width)))])"
    }

    // MARK: - Messages

    private func appendMessages(to lines: inout [String]) {
        lines.append("")
        lines.append("-- Messages by type number (PV25 numbering): fixed layout, floating fields by tag, ERRATA.md decisions.")
        for descriptor in catalog.messages {
            var parts = ["name = \(LuaLiteral.string(descriptor.name))", "has_layout = \(LuaLiteral.bool(descriptor.hasLayout))"]
            if descriptor.hasLayout {
                parts.append("fixed = \(fixedList(descriptor.fixed))")
                parts.append("fixed_size = \(descriptor.fixedSize)")
                let floating = descriptor.floating.map { spec in
                    var entry = ["field = F[\(fieldTable.index(of: spec) + 1)]"]
                    if let maxSize = spec.maxSize { entry.append("max = \(maxSize)") }
                    if spec.repeats { entry.append("repeats = true") }
                    return "[\(spec.tag)] = { \(entry.joined(separator: ", ")) }"
                }
                // A tag listed twice in a layout: the first listing is the one the codec reads.
                var seen: Set<UInt16> = []
                let unique = zip(descriptor.floating, floating).filter { seen.insert($0.0.tag).inserted }.map(\.1)
                parts.append("floating = { \(unique.joined(separator: ", ")) }")
                parts.append("required = { \(descriptor.requiredTags.map(String.init).joined(separator: ", ")) }")
                let aliases = descriptor.tagAliases.sorted { $0.key < $1.key }.map { "[\($0.key)] = \($0.value)" }
                parts.append("aliases = { \(aliases.joined(separator: ", ")) }")
                if !descriptor.alternateFixed.isEmpty {
                    parts.append("alternates = { \(descriptor.alternateFixed.map { alternate(descriptor, $0) }.joined(separator: ", ")) }")
                }
                switch descriptor.alternateLayoutRule {
                case .bodyLength(let length, let layout)?:
                    parts.append("rule = { kind = \"length\", length = \(length), layout = \(layout + 1) }")
                case .whenCanonicalFails?:
                    parts.append("rule = { kind = \"fallback\" }")
                case nil:
                    break
                }
            }
            lines.append("messages[\(descriptor.typeID)] = { \(parts.joined(separator: ", ")) }")
        }
        var renumbered: [(wire: UInt32, catalog: UInt32)] = []
        let pv24 = ProtocolVersion(24, numbering: .pv24)!
        for descriptor in catalog.messages {
            let wire = catalog.wireType(of: descriptor, version: pv24)
            if wire != descriptor.typeID { renumbered.append((wire, descriptor.typeID)) }
        }
        lines.append("-- PV24 numbering (ERRATA.md): wire type -> catalogue type, where they differ.")
        lines.append("pv24_types = { \(renumbered.map { "[\($0.wire)] = \($0.catalog)" }.joined(separator: ", ")) }")
    }

    private func fixedList(_ specs: [FixedFieldSpec]) -> String {
        "{ " + specs.map { "F[\(fieldTable.index(of: $0) + 1)]" }.joined(separator: ", ") + " }"
    }

    /// An alternative fixed layout. When every canonical fixed field is in it and its other
    /// fields are floating fields of the layout, the codec shows it as the canonical layout with
    /// those fields moved to the floating part (`moved`: position → floating field, as CLEAR_CONNECTION_REQ's
    /// RequestingDeviceIDType); otherwise as it is (FAILURE_CONF).
    private func alternate(_ descriptor: MessageDescriptor, _ layout: MessageDescriptor.AlternateLayout) -> String {
        let extras = layout.fixed.enumerated().filter { item in !descriptor.fixed.contains { $0.name == item.element.name } }
        let canonical = descriptor.fixed.allSatisfy { field in layout.fixed.contains { $0.name == field.name } }
            && extras.allSatisfy { descriptor.floatingSpec(named: $0.element.name) != nil }
        var parts = ["fixed = \(fixedList(layout.fixed))", "fixed_size = \(layout.fixedSize)", "condition = \(LuaLiteral.string(layout.condition))"]
        if canonical {
            let moved = extras.map { "[\($0.offset + 1)] = F[\(fieldTable.index(of: descriptor.floatingSpec(named: $0.element.name)!) + 1)]" }
            parts.append("moved = { \(moved.joined(separator: ", ")) }")
        }
        return "{ \(parts.joined(separator: ", ")) }"
    }

    // MARK: - Tags

    private func appendTags(to lines: inout [String]) {
        lines.append("")
        lines.append("-- The global tag table (field-tags.tsv), for tags outside a message's layout: the table's type, else bytes.")
        let secretTags = WiresharkFieldTable.secretTags(catalog)
        for tag in catalog.tags.keys.sorted() {
            let info = catalog.tags[tag]!
            let secret = secretTags.contains(tag)
            var parts = ["symbol = \(LuaLiteral.string(info.symbol))", "bytes = F[\(fieldTable.index(ofTag: info, type: .unspec, secret: secret) + 1)]"]
            if let type = info.type { parts.append("field = F[\(fieldTable.index(ofTag: info, type: type, secret: secret) + 1)]") }
            lines.append("tags[\(tag)] = { \(parts.joined(separator: ", ")) }")
        }
    }
}
