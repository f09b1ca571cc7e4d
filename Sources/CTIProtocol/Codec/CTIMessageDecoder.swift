import NIOCore

/// Decodes message bodies into ``CTIMessage`` values, driven by the ``MessageCatalog``.
///
/// Lenient where `ERRATA.md` says so: both CLEAR_CONNECTION_REQ lengths, both FAILURE_CONF
/// lengths, both AGENT_STATE_EVENT signature tags, a STRING without its NUL. Every floating tag is
/// kept in wire order, including tags outside the message's layout and tags the table does not
/// know: nothing is dropped. A body that breaks its layout throws ``CTIDecodeError``.
public struct CTIMessageDecoder: Sendable {
    public var version: ProtocolVersion
    public var catalog: MessageCatalog

    public init(version: ProtocolVersion = .v25, catalog: MessageCatalog = .standard) {
        self.version = version
        self.catalog = catalog
    }

    /// Decodes one frame.
    public func decode(_ frame: CTIFrame) throws(CTIDecodeError) -> CTIMessage {
        try decode(wireType: frame.type, body: frame.body)
    }

    /// Decodes a body of the given wire type.
    public func decode(wireType: UInt32, body: ByteBuffer) throws(CTIDecodeError) -> CTIMessage {
        guard let descriptor = catalog.descriptor(wireType: wireType, version: version) else {
            return .unknown(type: wireType, body: body)
        }
        guard descriptor.hasLayout else { return .opaque(descriptor, body: body) }
        return .fields(try decodeFields(descriptor, wireType: wireType, body: body))
    }

    private func decodeFields(_ descriptor: MessageDescriptor, wireType: UInt32, body: ByteBuffer) throws(CTIDecodeError) -> MessageFields {
        let primary: MessageFields
        do {
            primary = try decode(descriptor, layout: nil, body: body)
            if descriptor.alternateFixed.isEmpty || misfit(primary) == 0 { return primary }
        } catch {
            guard let alternate = bestAlternate(descriptor, body: body, toBeat: nil) else {
                throw evidence(error, descriptor: descriptor, wireType: wireType, body: body)
            }
            return alternate
        }
        return bestAlternate(descriptor, body: body, toBeat: primary) ?? primary
    }

    /// The alternative fixed layout that reads the body with a lower ``misfit(_:)`` than `toBeat`.
    private func bestAlternate(_ descriptor: MessageDescriptor, body: ByteBuffer, toBeat: MessageFields?) -> MessageFields? {
        var best = toBeat
        var bestMisfit = toBeat.map(misfit) ?? Int.max
        for index in descriptor.alternateFixed.indices where body.readableBytes >= descriptor.alternateFixed[index].fixedSize {
            guard let candidate = try? decode(descriptor, layout: index, body: body) else { continue }
            let score = misfit(candidate)
            if score < bestMisfit {
                best = canonicalized(candidate)
                bestMisfit = score
            }
        }
        return best.flatMap { $0 == toBeat ? nil : $0 }
    }

    /// How badly a reading of the body fits the layout: floating tags outside the layout, and
    /// lenient notes (a required field missing, bytes after a NUL...). A correct reading scores 0.
    private func misfit(_ fields: MessageFields) -> Int {
        fields.notes.count + fields.floating.reduce(0) { count, field in
            fields.descriptor.floatingSpec(tag: field.tag) == nil ? count + 1 : count
        }
    }

    /// Moves an alternative layout's values to the canonical layout when every canonical fixed
    /// field is in it and its extra fields are floating fields of the layout (CLEAR_CONNECTION_REQ's
    /// RequestingDeviceIDType → tag 220). Otherwise the alternative layout is kept (FAILURE_CONF).
    private func canonicalized(_ fields: MessageFields) -> MessageFields {
        guard let index = fields.alternateLayout else { return fields }
        let descriptor = fields.descriptor
        let alternate = descriptor.alternateFixed[index]
        var notes = fields.notes
        notes.append(.alternateLayout(alternate.condition))
        let byName = Dictionary(zip(alternate.fixed.map(\.name), fields.fixed), uniquingKeysWith: { a, _ in a })
        let extras = alternate.fixed.filter { field in !descriptor.fixed.contains { $0.name == field.name } }
        guard descriptor.fixed.allSatisfy({ byName[$0.name] != nil }),
              extras.allSatisfy({ descriptor.floatingSpec(named: $0.name) != nil }) else {
            return MessageFields(descriptor: descriptor, alternateLayout: index, fixed: fields.fixed, floating: fields.floating, notes: notes)
        }
        let moved = extras.map { FloatingField(tag: descriptor.floatingSpec(named: $0.name)!.tag, value: byName[$0.name]!) }
        return MessageFields(descriptor: descriptor, alternateLayout: nil, fixed: descriptor.fixed.map { byName[$0.name]! },
                             floating: moved + fields.floating, notes: notes)
    }

    /// A decode failure inside ``decode(_:layout:body:)``, before the message context is added.
    struct Failure: Error {
        var offset: Int
        var tag: UInt16?
        var field: String?
        var rule: CTIDecodeError.Rule
    }

    private func evidence(_ failure: Failure, descriptor: MessageDescriptor, wireType: UInt32, body: ByteBuffer) -> CTIDecodeError {
        var frame = ByteBuffer()
        frame.writeInteger(UInt32(body.readableBytes))
        frame.writeInteger(wireType)
        frame.writeImmutableBuffer(body)
        return CTIDecodeError(messageType: wireType, messageName: descriptor.name, offset: failure.offset, tag: failure.tag,
                              field: failure.field, rule: failure.rule, frame: Array(frame.readableBytesView))
    }

    private func decode(_ descriptor: MessageDescriptor, layout: Int?, body: ByteBuffer) throws(Failure) -> MessageFields {
        let specs = layout.map { descriptor.alternateFixed[$0].fixed } ?? descriptor.fixed
        let fixedSize = layout.map { descriptor.alternateFixed[$0].fixedSize } ?? descriptor.fixedSize
        let length = body.readableBytes
        let base = body.readerIndex
        guard length >= fixedSize else {
            throw Failure(offset: 0, rule: .fixedPartTruncated(needed: fixedSize, available: length))
        }
        var fixed: [FieldValue] = []
        fixed.reserveCapacity(specs.count)
        for spec in specs {
            fixed.append(.number(body.ctiNumber(at: base + spec.offset, width: spec.size)))
        }

        var floating: [FloatingField] = []
        var notes: [DecodeNote] = []
        floating.reserveCapacity((length - fixedSize) / 8)
        let headerWidth = version.floatingHeaderWidth
        var offset = fixedSize
        while offset < length {
            guard length - offset >= 2 * headerWidth else {
                throw Failure(offset: offset, rule: .floatingHeaderTruncated(available: length - offset))
            }
            let tag = UInt16(body.ctiNumber(at: base + offset, width: headerWidth))
            let dataLength = Int(body.ctiNumber(at: base + offset + headerWidth, width: headerWidth))
            let dataOffset = offset + 2 * headerWidth
            guard dataLength <= length - dataOffset else {
                throw Failure(offset: offset, tag: tag, field: fieldName(descriptor, tag),
                              rule: .floatingDataTruncated(length: dataLength, available: length - dataOffset))
            }
            let canonicalTag = descriptor.tagAliases[tag] ?? tag
            let data = body.getSlice(at: base + dataOffset, length: dataLength)!
            let value: FieldValue
            if let spec = descriptor.floatingSpec(tag: canonicalTag) {
                if canonicalTag != tag { notes.append(.aliasedTag(field: spec.name, received: tag, canonical: canonicalTag)) }
                do {
                    value = try FieldValue.decode(data, type: spec.type, field: spec.name, maxSize: spec.maxSize, notes: &notes)
                } catch {
                    throw Failure(offset: offset, tag: tag, field: spec.name, rule: error)
                }
            } else if let info = catalog.tags[tag], let type = info.type {
                // Outside the layout: decoded by the tag table's type when the data fits it, else kept as bytes.
                value = (try? FieldValue.decode(data, type: type, field: info.fieldName, maxSize: nil, notes: &notes)) ?? .bytes(data)
            } else {
                value = .bytes(data)
            }
            floating.append(FloatingField(tag: canonicalTag, value: value))
            offset = dataOffset + dataLength
        }
        for spec in descriptor.floating where spec.isRequired && !floating.contains(where: { $0.tag == spec.tag }) {
            notes.append(.missingRequired(field: spec.name))
        }
        return MessageFields(descriptor: descriptor, alternateLayout: layout, fixed: fixed, floating: floating, notes: notes)
    }

    private func fieldName(_ descriptor: MessageDescriptor, _ tag: UInt16) -> String? {
        descriptor.floatingSpec(tag: descriptor.tagAliases[tag] ?? tag)?.name ?? catalog.tags[tag]?.fieldName
    }
}

extension FieldValue {
    /// Decodes one floating field's data as `type`.
    static func decode(_ data: ByteBuffer, type: WireType, field: String, maxSize: Int?, notes: inout [DecodeNote]) throws(CTIDecodeError.Rule) -> FieldValue {
        let length = data.readableBytes
        switch type {
        case .uchar, .char, .ushort, .short, .uint, .int, .bool, .time:
            guard length == type.width else { throw .numericLength(type: type, length: length) }
            return .number(data.ctiNumber(at: data.readerIndex, width: length))
        case .string:
            if let maxSize, length > maxSize { notes.append(.overMaximum(field: field, length: length, max: maxSize)) }
            return .string(data.ctiCString(field: field, notes: &notes))
        case .unspec:
            if let maxSize, length > maxSize { notes.append(.overMaximum(field: field, length: length, max: maxSize)) }
            return .bytes(data)
        case .namedVariable:
            var rest = data
            guard let name = rest.ctiCStringPrefix() else { throw .namedValueWithoutName }
            return .namedVariable(name: name, value: rest.ctiCString(field: field, notes: &notes))
        case .namedArray:
            var rest = data
            guard let index = rest.readInteger(as: UInt8.self), let name = rest.ctiCStringPrefix() else {
                throw .namedValueWithoutName
            }
            return .namedArray(index: index, name: name, value: rest.ctiCString(field: field, notes: &notes))
        case .ushortArray, .uintArray:
            let width = type == .uintArray ? 4 : 2
            guard length % width == 0 else { throw .arrayLength(type: type, length: length) }
            return .numbers(stride(from: 0, to: length, by: width).map { data.ctiNumber(at: data.readerIndex + $0, width: width) })
        }
    }
}
