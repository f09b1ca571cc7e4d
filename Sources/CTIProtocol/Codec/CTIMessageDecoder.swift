import NIOCore

/// Decodes message bodies into ``CTIMessage`` values, driven by the ``MessageCatalog``.
///
/// Lenient where `ERRATA.md` says so: both CLEAR_CONNECTION_REQ lengths, both FAILURE_CONF
/// lengths, both AGENT_STATE_EVENT signature tags, a STRING without its NUL. Every floating tag is
/// kept in wire order, including tags outside the message's layout and tags the table does not
/// know: nothing is dropped. A body that breaks its layout throws ``CTIDecodeError``.
///
/// It reads the layouts of its protocol version (issue 20): a message, field or value newer than
/// the version is kept and noted (``DecodeNote/notInVersion(_:arrivedIn:version:)``).
public struct CTIMessageDecoder: Sendable {
    /// The protocol version; setting it switches ``catalog`` to that version's.
    public var version: ProtocolVersion {
        didSet { catalog = catalog.forVersion(version) }
    }
    /// The catalogue of ``version``.
    public var catalog: MessageCatalog

    public init(version: ProtocolVersion = .v25, catalog: MessageCatalog = .standard) {
        self.version = version
        self.catalog = catalog.forVersion(version)
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
        var fields = try decodeFields(descriptor, wireType: wireType, body: body)
        if catalog.isRestricted {
            let misfits = VersionFit(catalog: catalog).misfits(in: fields)
            if !misfits.isEmpty { fields.notes += misfits.map { $0.note(version: version.number) } }
        }
        return .fields(fields)
    }

    private func decodeFields(_ descriptor: MessageDescriptor, wireType: UInt32, body: ByteBuffer) throws(CTIDecodeError) -> MessageFields {
        do {
            switch descriptor.alternateLayoutRule {
            case nil:
                return try decode(descriptor, layout: nil, body: body)
            case .bodyLength(let length, let layout)?:
                // FAILURE_CONF: the length decides (8: Status; exactly 10: FailureCode + PeripheralErrorCode).
                return canonicalized(try decode(descriptor, layout: body.readableBytes == length ? layout : nil, body: body))
            case .whenCanonicalFails?:
                return try decodeFallingBack(descriptor, body: body)
            }
        } catch {
            throw evidence(error, descriptor: descriptor, wireType: wireType, body: body)
        }
    }

    /// CLEAR_CONNECTION_REQ: the canonical layout, unless it does not read the body (an error, or
    /// a required field missing) and an alternative layout does, with all required fields and
    /// the fewest misfits. A canonical frame never reads as the alternative.
    private func decodeFallingBack(_ descriptor: MessageDescriptor, body: ByteBuffer) throws(Failure) -> MessageFields {
        let primary: MessageFields?
        let primaryFailure: Failure?
        do {
            primary = try decode(descriptor, layout: nil, body: body)
            primaryFailure = nil
        } catch {
            primary = nil
            primaryFailure = error
        }
        if let primary, !primary.lacksRequiredField { return primary }
        var best: MessageFields?
        for index in descriptor.alternateFixed.indices where body.readableBytes >= descriptor.alternateFixed[index].fixedSize {
            guard let candidate = try? decode(descriptor, layout: index, body: body), !candidate.lacksRequiredField else { continue }
            if best.map({ misfit(candidate) < misfit($0) }) ?? true { best = candidate }
        }
        if let best { return canonicalized(best) }
        if let primary { return primary }
        throw primaryFailure!
    }

    /// How badly a reading of the body fits the layout: floating tags outside the layout, and
    /// lenient notes (bytes after a NUL...). A correct reading scores 0.
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
        let moved = extras.map { FloatingField(tag: descriptor.floatingSpec(named: $0.name)!.tag, value: .number(byName[$0.name]!)) }
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
        let widths = layout.map { descriptor.alternateFixed[$0].fixed.map { UInt8($0.size) } } ?? descriptor.fixedWidths
        let fixedSize = layout.map { descriptor.alternateFixed[$0].fixedSize } ?? descriptor.fixedSize
        let length = body.readableBytes
        guard length >= fixedSize else {
            throw Failure(offset: 0, rule: .fixedPartTruncated(needed: fixedSize, available: length))
        }
        var notes: [DecodeNote] = []
        var fields: MessageFields
        let floatingFields: [FloatingField]
        do {
            // One pass over the raw bytes: numbers are read in place (the fixed ones straight
            // into the message); only long STRINGs, UNSPEC and named values take a slice of the
            // body (no copy).
            (fields, floatingFields) = try body.withUnsafeReadableBytes { raw in
                var position = 0
                let fields = MessageFields(descriptor: descriptor, alternateLayout: layout, fixedCount: widths.count) { values in
                    for (index, width) in widths.enumerated() {
                        values.initializeElement(at: index, to: raw.ctiNumber(at: position, width: Int(width)))
                        position += Int(width)
                    }
                }
                var floating: [FloatingField] = []
                floating.reserveCapacity((length - fixedSize) / 8)
                let headerWidth = version.floatingHeaderWidth
                var offset = fixedSize
                while offset < length {
                    guard length - offset >= 2 * headerWidth else {
                        throw Failure(offset: offset, rule: .floatingHeaderTruncated(available: length - offset))
                    }
                    let tag = UInt16(raw.ctiNumber(at: offset, width: headerWidth))
                    let dataLength = Int(raw.ctiNumber(at: offset + headerWidth, width: headerWidth))
                    let dataOffset = offset + 2 * headerWidth
                    guard dataLength <= length - dataOffset else {
                        throw Failure(offset: offset, tag: tag, field: fieldName(descriptor, tag),
                                      rule: .floatingDataTruncated(length: dataLength, available: length - dataOffset))
                    }
                    let canonicalTag = descriptor.canonicalTag(tag)
                    let value: FieldValue
                    if let index = descriptor.floatingSpecIndex(tag: canonicalTag) {
                        let info = descriptor.floatingDecodeInfo[index]
                        if canonicalTag != tag {
                            notes.append(.aliasedTag(field: descriptor.floating[index].name, received: tag, canonical: canonicalTag))
                        }
                        do throws(CTIDecodeError.Rule) {
                            value = try FieldValue.decode(body, raw, at: dataOffset, length: dataLength, type: info.type,
                                                          field: descriptor.floating[index].name, maxSize: info.maxSize, notes: &notes)
                        } catch {
                            throw Failure(offset: offset, tag: tag, field: descriptor.floating[index].name, rule: error)
                        }
                    } else if let info = catalog.tagInfo(tag), let type = info.type {
                        // Outside the layout: decoded by the tag table's type when the data fits it, else kept as bytes.
                        value = (try? FieldValue.decode(body, raw, at: dataOffset, length: dataLength, type: type, field: info.fieldName,
                                                        maxSize: nil, notes: &notes))
                            ?? .bytes(body.getSlice(at: body.readerIndex + dataOffset, length: dataLength)!)
                    } else {
                        value = .bytes(body.getSlice(at: body.readerIndex + dataOffset, length: dataLength)!)
                    }
                    floating.append(FloatingField(tag: canonicalTag, value: value))
                    offset = dataOffset + dataLength
                }
                return (fields, floating)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
        for tag in descriptor.requiredTags where !floatingFields.contains(where: { $0.tag == tag }) {
            notes.append(.missingRequired(field: descriptor.floatingSpec(tag: tag)!.name))
        }
        fields.floating = floatingFields
        fields.notes = notes
        return fields
    }

    private func fieldName(_ descriptor: MessageDescriptor, _ tag: UInt16) -> String? {
        descriptor.floatingSpec(tag: descriptor.canonicalTag(tag))?.name ?? catalog.tags[tag]?.fieldName
    }
}

extension FieldValue {
    /// Decodes one floating field's data, `length` bytes at `offset` of `body` (whose readable
    /// bytes `raw` points at), as `type`.
    @inline(__always)
    static func decode(_ body: ByteBuffer, _ raw: UnsafeRawBufferPointer, at offset: Int, length: Int, type: WireType,
                       field: @autoclosure () -> String, maxSize: Int?, notes: inout [DecodeNote]) throws(CTIDecodeError.Rule) -> FieldValue {
        switch type {
        case .uchar, .char, .ushort, .short, .uint, .int, .bool, .time:
            guard length == type.width else { throw .numericLength(type: type, length: length) }
            return .number(raw.ctiNumber(at: offset, width: length))
        case .string:
            if let maxSize, length > maxSize { notes.append(.overMaximum(field: field(), length: length, max: maxSize)) }
            // Cut at the first NUL; a missing NUL or bytes after it are noted.
            var end = offset
            while end < offset + length && raw[end] != 0 { end += 1 }
            if end == offset + length {
                notes.append(.missingNUL(field: field()))
            } else if end + 1 < offset + length {
                notes.append(.bytesAfterNUL(field: field(), count: offset + length - end - 1))
            }
            return .string(CTIString(raw, at: offset, count: end - offset, of: body))
        case .unspec:
            if let maxSize, length > maxSize { notes.append(.overMaximum(field: field(), length: length, max: maxSize)) }
            return .bytes(body.getSlice(at: body.readerIndex + offset, length: length)!)
        case .namedVariable, .namedArray:
            var rest = body.getSlice(at: body.readerIndex + offset, length: length)!
            var index: UInt8 = 0
            if type == .namedArray {
                guard let value = rest.readInteger(as: UInt8.self) else { throw .namedValueWithoutName }
                index = value
            }
            guard let name = rest.ctiCStringPrefix() else { throw .namedValueWithoutName }
            let value = rest.ctiCString(field: field(), notes: &notes)
            return type == .namedArray ? .namedArray(index: index, name: name, value: value) : .namedVariable(name: name, value: value)
        case .ushortArray, .uintArray:
            let width = type == .uintArray ? 4 : 2
            guard length % width == 0 else { throw .arrayLength(type: type, length: length) }
            return .numbers(stride(from: offset, to: offset + length, by: width).map { raw.ctiNumber(at: $0, width: width) })
        }
    }
}
