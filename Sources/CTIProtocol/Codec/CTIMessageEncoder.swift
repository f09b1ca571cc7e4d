import NIOCore

/// Encodes ``CTIMessage`` values into frames (MHDR + body), always in canonical form: every
/// STRING with its NUL, layout tags (not aliases), the canonical fixed layout unless the message
/// says otherwise (FAILURE_CONF's 10-byte form).
///
/// It refuses what a server would refuse: values that do not fit their type, strings over the
/// maximum, a required field missing, and, in client requests, mask bits the spec does not define
/// (unless ``allowUndefinedMaskBits`` is set).
///
/// It writes the layouts of its protocol version (issue 20): a message is moved to the version's
/// layout of its type by field name, and a message, field or value newer than the version is
/// refused (``CTIEncodeError/notInVersion(_:arrivedIn:version:)``), or, with
/// ``omitsFieldsNewerThanVersion``, fields newer than the version are left out.
public struct CTIMessageEncoder: Sendable {
    /// The protocol version; setting it switches ``catalog`` to that version's.
    public var version: ProtocolVersion {
        didSet { catalog = catalog.forVersion(version) }
    }
    /// The catalogue of ``version``.
    public var catalog: MessageCatalog
    /// Send mask bits the spec does not define (`--force`).
    public var allowUndefinedMaskBits: Bool
    /// Leave out the fixed and floating fields the version does not have instead of refusing
    /// the message: a server speaking the version its client opened with does
    /// (`cti simulate --max-protocol`). Messages and values newer than the version are still refused.
    public var omitsFieldsNewerThanVersion = false

    /// The largest body the decoder accepts; the encoder never writes a larger one.
    public static let maximumBodySize = 65_535

    public init(version: ProtocolVersion = .v25, catalog: MessageCatalog = .standard, allowUndefinedMaskBits: Bool = false) {
        self.version = version
        self.catalog = catalog.forVersion(version)
        self.allowUndefinedMaskBits = allowUndefinedMaskBits
    }

    /// The complete frame of a message, in a buffer of its size.
    public func encode(_ message: CTIMessage) throws(CTIEncodeError) -> ByteBuffer {
        var buffer = ByteBuffer()  // no storage until the one reservation of the frame's size
        try encode(message, into: &buffer)
        return buffer
    }

    /// Appends the complete frame of a message to `buffer`. Nothing is written when it throws.
    public func encode(_ message: CTIMessage, into buffer: inout ByteBuffer) throws(CTIEncodeError) {
        switch message {
        case .fields(let fields):
            try writeFrame(try fitted(fields), into: &buffer)
        case .opaque(let descriptor, let body):
            if let since = catalog.descriptor(type: descriptor.typeID)?.arrivesIn {
                throw .notInVersion("message \(descriptor.name)", arrivedIn: since, version: version.number)
            }
            try writeFrame(type: catalog.wireType(of: descriptor, version: version), body: body, into: &buffer)
        case .unknown(let type, let body):
            try writeFrame(type: type, body: body, into: &buffer)
        }
    }

    /// The message in the version's layout, after checking that the version has all of it.
    @inline(__always)
    private func fitted(_ fields: MessageFields) throws(CTIEncodeError) -> MessageFields {
        guard catalog.isRestricted || catalog.descriptor(type: fields.descriptor.typeID) !== fields.descriptor else { return fields }
        let fit = VersionFit(catalog: catalog)
        do throws(VersionFit.Misfit) {
            // Omitting leaves no newer field behind: what is left to refuse is the message or a value.
            let adopted = try fit.adopt(fields, omittingNewer: omitsFieldsNewerThanVersion)
            if catalog.isRestricted, let misfit = fit.firstMisfit(in: adopted) { throw misfit }
            return adopted
        } catch {
            throw error.encodeError(version: version.number)
        }
    }

    private func writeFrame(type: UInt32, body: ByteBuffer, into buffer: inout ByteBuffer) throws(CTIEncodeError) {
        guard body.readableBytes <= CTIMessageEncoder.maximumBodySize else { throw .bodyTooLarge(body.readableBytes) }
        buffer.reserveCapacity(minimumWritableBytes: 8 + body.readableBytes)
        buffer.writeInteger(UInt32(body.readableBytes))
        buffer.writeInteger(type)
        buffer.writeImmutableBuffer(body)
    }

    /// Two passes: every value is checked and measured, then the whole frame is stored in one
    /// reservation (a ByteBuffer write per field costs more than the field's bytes).
    private func writeFrame(_ fields: MessageFields, into buffer: inout ByteBuffer) throws(CTIEncodeError) {
        let descriptor = fields.descriptor
        let specs = fields.fixedSpecs
        guard specs.count == fields.fixedCount else {
            throw .fixedFieldCount(message: descriptor.name, expected: specs.count, got: fields.fixedCount)
        }
        let checkMasks = !allowUndefinedMaskBits && descriptor.direction != .serverToClient
        // Specs read in place, field by field (a copied spec retains its name and table).
        for index in specs.indices {
            do throws(ValueProblem) {
                let number = try checkedNumber(fields.fixedValue(at: index), type: specs[index].type)
                if checkMasks, let table = specs[index].enumTable { try checkMask(number, table: table) }
            } catch {
                throw error.encodeError(field: specs[index].name)
            }
        }
        for tag in descriptor.requiredTags where !fields.floating.contains(where: { $0.tag == tag }) {
            throw .missingRequired(message: descriptor.name, field: descriptor.floatingSpec(tag: tag)!.name)
        }
        let headerWidth = version.floatingHeaderWidth
        let floating = fields.floating
        var bodyLength = fields.alternateLayout.map { descriptor.alternateFixed[$0].fixedSize } ?? descriptor.fixedSize
        for field in floating {
            bodyLength += 2 * headerWidth + (try measure(field, of: descriptor, headerWidth: headerWidth, checkMasks: checkMasks))
        }
        guard bodyLength <= CTIMessageEncoder.maximumBodySize else { throw .bodyTooLarge(bodyLength) }
        let wireType = catalog.wireType(of: descriptor, version: version)
        _ = fields.withFixed { values in
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 8 + bodyLength) { raw in
                raw.storeCTINumber(UInt32(bodyLength), at: 0, width: 4)
                raw.storeCTINumber(wireType, at: 4, width: 4)
                var offset = 8
                for index in specs.indices {
                    let size = specs[index].size
                    raw.storeCTINumber(values[index], at: offset, width: size)
                    offset += size
                }
                for field in floating {
                    raw.storeCTINumber(UInt32(field.tag), at: offset, width: headerWidth)
                    let length = store(field.value, type: type(of: field.tag, in: descriptor).type, into: raw, at: offset + 2 * headerWidth)
                    raw.storeCTINumber(UInt32(length), at: offset + headerWidth, width: headerWidth)
                    offset += 2 * headerWidth + length
                }
                return offset
            }
        }
    }

    /// The layout spec's position (`nil` outside the layout) and the type of a floating tag.
    private func type(of tag: UInt16, in descriptor: MessageDescriptor) -> (specIndex: Int?, type: WireType?) {
        let index = descriptor.floatingSpecIndex(tag: tag)
        return (index, index.map { descriptor.floatingDecodeInfo[$0].type } ?? catalog.tagInfo(tag)?.type)
    }

    /// The data length of one floating field, after checking it as a server would.
    private func measure(_ field: FloatingField, of descriptor: MessageDescriptor, headerWidth: Int, checkMasks: Bool) throws(CTIEncodeError) -> Int {
        let (index, type) = type(of: field.tag, in: descriptor)
        do throws(ValueProblem) {
            let length: Int
            if index == nil, case .bytes(let bytes) = field.value {
                // Outside the layout, data kept as bytes (an unknown tag, or data that did not
                // fit the tag table's type) goes back as it came.
                length = bytes.readableBytes
            } else {
                length = try measure(field.value, type: type, maxSize: index.flatMap { descriptor.floatingDecodeInfo[$0].maxSize })
            }
            if checkMasks, let index, let table = descriptor.floating[index].enumTable, case .number(let number) = field.value {
                try checkMask(number, table: table)
            }
            let limit = headerWidth == 2 ? Int(UInt16.max) : Int(UInt8.max)
            guard length <= limit else { throw ValueProblem.tooLong(length: length, max: limit) }
            return length
        } catch {
            // The field's name only for an error: building it costs more than the checks.
            let name = index.map { descriptor.floating[$0].name } ?? catalog.tags[field.tag]?.fieldName ?? "tag \(field.tag)"
            throw error.encodeError(field: name)
        }
    }

    private func checkMask(_ value: UInt32, table: EnumTable) throws(ValueProblem) {
        guard table.isMask else { return }
        let undefined = table.undefinedBits(in: value)
        if undefined != 0 { throw .undefinedMaskBits(bits: undefined, table: table.name) }
    }

    /// `number` when it fits `type` (a negative CHAR or SHORT as its low bits).
    private func checkedNumber(_ number: UInt32, type: WireType) throws(ValueProblem) -> UInt32 {
        guard let width = type.width else { throw .wrongKind(expected: type) }
        if width < 4 {
            let signed = type == .char || type == .short
            let bits = UInt32(width * 8)
            let fits = number < (1 << bits) || (signed && number >= ~UInt32(0) << (bits - 1))
            guard fits else { throw .outOfRange(value: number, type: type) }
            return number & ((1 << bits) - 1)
        }
        return number
    }

    /// The data length of a value of `type`, after checking that it is of that kind and fits.
    private func measure(_ value: FieldValue, type: WireType?, maxSize: Int?) throws(ValueProblem) -> Int {
        switch (value, type) {
        case (.number(let number), let type?) where type.width != nil:
            _ = try checkedNumber(number, type: type)
            return type.width!
        case (.string(let string), .string?), (.string(let string), nil):
            if let maxSize, string.count + 1 > maxSize { throw .tooLong(length: string.count + 1, max: maxSize) }
            return string.count + 1
        case (.bytes(let bytes), .unspec?), (.bytes(let bytes), nil):
            if let maxSize, bytes.readableBytes > maxSize { throw .tooLong(length: bytes.readableBytes, max: maxSize) }
            return bytes.readableBytes
        case (.namedVariable(let name, let value), .namedVariable?):
            try checkNamed(name: name, value: value)
            return name.count + 1 + value.count + 1
        case (.namedArray(_, let name, let value), .namedArray?):
            try checkNamed(name: name, value: value)
            return 1 + name.count + 1 + value.count + 1
        case (.numbers(let numbers), let type?) where type == .uintArray || type == .ushortArray:
            let elementType: WireType = type == .uintArray ? .uint : .ushort
            for number in numbers { _ = try checkedNumber(number, type: elementType) }
            let length = numbers.count * elementType.width!
            if let maxSize, length > maxSize { throw .tooLong(length: length, max: maxSize) }
            return length
        default:
            // A value of another kind than the field's type; tags of unknown type take bytes or strings.
            throw .wrongKind(expected: type ?? .unspec)
        }
    }

    /// `wire-format.md` §6: name ≤ 33 and value ≤ 211 bytes, NULs included.
    private func checkNamed(name: CTIString, value: CTIString) throws(ValueProblem) {
        if name.count + 1 > 33 { throw .tooLong(part: "name", length: name.count + 1, max: 33) }
        if value.count + 1 > 211 { throw .tooLong(part: "value", length: value.count + 1, max: 211) }
    }

    /// Stores a value ``measure(_:type:maxSize:)`` accepted at `offset`; returns its length.
    /// Numbers are stored in their type's width, a negative CHAR or SHORT as its low bits.
    private func store(_ value: FieldValue, type: WireType?, into raw: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        switch value {
        case .number(let number):
            let width = type!.width!
            raw.storeCTINumber(number, at: offset, width: width)
            return width
        case .string(let string):
            return raw.storeCTIString(string, at: offset)
        case .bytes(let bytes):
            return raw.storeRawBytes(bytes.readableBytesView, at: offset)
        case .namedVariable(let name, let value):
            let nameLength = raw.storeCTIString(name, at: offset)
            return nameLength + raw.storeCTIString(value, at: offset + nameLength)
        case .namedArray(let index, let name, let value):
            raw[offset] = index
            let nameLength = raw.storeCTIString(name, at: offset + 1)
            return 1 + nameLength + raw.storeCTIString(value, at: offset + 1 + nameLength)
        case .numbers(let numbers):
            let width = type == .uintArray ? 4 : 2
            for (position, number) in numbers.enumerated() { raw.storeCTINumber(number, at: offset + position * width, width: width) }
            return numbers.count * width
        }
    }

    /// What is wrong with a value, found before its field's name is looked up.
    private enum ValueProblem: Error {
        case wrongKind(expected: WireType)
        case outOfRange(value: UInt32, type: WireType)
        /// `part`: which part of a named variable or array element.
        case tooLong(part: String? = nil, length: Int, max: Int)
        case undefinedMaskBits(bits: UInt32, table: String)

        func encodeError(field: String) -> CTIEncodeError {
            switch self {
            case .wrongKind(let expected): .wrongKind(field: field, expected: expected)
            case .outOfRange(let value, let type): .outOfRange(field: field, value: value, type: type)
            case .tooLong(let part, let length, let max): .tooLong(field: part.map { "\(field) \($0)" } ?? field, length: length, max: max)
            case .undefinedMaskBits(let bits, let table): .undefinedMaskBits(field: field, bits: bits, table: table)
            }
        }
    }
}
