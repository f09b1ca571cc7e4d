import NIOCore

/// Encodes ``CTIMessage`` values into frames (MHDR + body), always in canonical form: every
/// STRING with its NUL, layout tags (not aliases), the canonical fixed layout unless the message
/// says otherwise (FAILURE_CONF's 10-byte form).
///
/// It refuses what a server would refuse: values that do not fit their type, strings over the
/// maximum, a required field missing, and, in client requests, mask bits the spec does not define
/// (unless ``allowUndefinedMaskBits`` is set).
public struct CTIMessageEncoder: Sendable {
    public var version: ProtocolVersion
    public var catalog: MessageCatalog
    /// Send mask bits the spec does not define (`--force`).
    public var allowUndefinedMaskBits: Bool

    /// The largest body the decoder accepts; the encoder never writes a larger one.
    public static let maximumBodySize = 65_535

    public init(version: ProtocolVersion = .v25, catalog: MessageCatalog = .standard, allowUndefinedMaskBits: Bool = false) {
        self.version = version
        self.catalog = catalog
        self.allowUndefinedMaskBits = allowUndefinedMaskBits
    }

    /// The complete frame of a message.
    public func encode(_ message: CTIMessage) throws(CTIEncodeError) -> ByteBuffer {
        // Room for the usual message at once (growing from empty reallocates several times).
        var buffer = ByteBufferAllocator().buffer(capacity: CTIMessageEncoder.initialCapacity(message))
        try encode(message, into: &buffer)
        return buffer
    }

    /// A guess at the frame's size: the MHDR, the fixed part, and a typical floating field.
    private static func initialCapacity(_ message: CTIMessage) -> Int {
        switch message {
        case .fields(let fields): 8 + fields.descriptor.fixedSize + fields.floating.count * 24
        case .opaque(_, let body), .unknown(_, let body): 8 + body.readableBytes
        }
    }

    /// Appends the complete frame of a message to `buffer`.
    public func encode(_ message: CTIMessage, into buffer: inout ByteBuffer) throws(CTIEncodeError) {
        let start = buffer.writerIndex
        buffer.writeInteger(UInt32(0))  // MessageLength, patched below
        switch message {
        case .fields(let fields):
            buffer.writeInteger(catalog.wireType(of: fields.descriptor, version: version))
            do {
                try writeBody(fields, into: &buffer)
            } catch {
                buffer.moveWriterIndex(to: start)
                throw error
            }
        case .opaque(let descriptor, let body):
            buffer.writeInteger(catalog.wireType(of: descriptor, version: version))
            buffer.writeImmutableBuffer(body)
        case .unknown(let type, let body):
            buffer.writeInteger(type)
            buffer.writeImmutableBuffer(body)
        }
        let bodyLength = buffer.writerIndex - start - 8
        guard bodyLength <= CTIMessageEncoder.maximumBodySize else {
            buffer.moveWriterIndex(to: start)
            throw .bodyTooLarge(bodyLength)
        }
        buffer.setInteger(UInt32(bodyLength), at: start)
    }

    private func writeBody(_ fields: MessageFields, into buffer: inout ByteBuffer) throws(CTIEncodeError) {
        let descriptor = fields.descriptor
        let specs = fields.fixedSpecs
        guard specs.count == fields.fixedCount else {
            throw .fixedFieldCount(message: descriptor.name, expected: specs.count, got: fields.fixedCount)
        }
        let checkMasks = !allowUndefinedMaskBits && descriptor.direction != .serverToClient
        // The fixed part in one reservation: numbers checked, then stored big-endian in place.
        let fixedSize = fields.alternateLayout.map { descriptor.alternateFixed[$0].fixedSize } ?? descriptor.fixedSize
        // Specs read in place, field by field (a copied spec retains its name and table).
        for index in specs.indices {
            let number = try checkedNumber(fields.fixedValue(at: index), field: specs[index].name, type: specs[index].type)
            if checkMasks, let table = specs[index].enumTable { try checkMask(number, table: table, field: specs[index].name) }
        }
        fields.withFixed { values in
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: fixedSize) { raw in
                var offset = 0
                for index in specs.indices {
                    let size = specs[index].size
                    switch size {
                    case 1: raw.storeBytes(of: UInt8(truncatingIfNeeded: values[index]), toByteOffset: offset, as: UInt8.self)
                    case 2: raw.storeBytes(of: UInt16(truncatingIfNeeded: values[index]).bigEndian, toByteOffset: offset, as: UInt16.self)
                    default: raw.storeBytes(of: values[index].bigEndian, toByteOffset: offset, as: UInt32.self)
                    }
                    offset += size
                }
                return offset
            }
        }
        for tag in descriptor.requiredTags where !fields.floating.contains(where: { $0.tag == tag }) {
            throw .missingRequired(message: descriptor.name, field: descriptor.floatingSpec(tag: tag)!.name)
        }
        let headerWidth = version.floatingHeaderWidth
        for field in fields.floating {
            // The spec's parts are read one by one (copying a whole spec retains its names and
            // table); the field's name only for an error.
            let index = descriptor.floatingSpecIndex(tag: field.tag)
            let info = index.map { descriptor.floatingDecodeInfo[$0] }
            let name = { index.map { descriptor.floating[$0].name } ?? self.catalog.tags[field.tag]?.fieldName ?? "tag \(field.tag)" }
            let type = info?.type ?? catalog.tagInfo(field.tag)?.type
            buffer.writeCTINumber(UInt32(field.tag), width: headerWidth)
            let lengthIndex = buffer.writerIndex
            buffer.writeCTINumber(0, width: headerWidth)
            let dataStart = buffer.writerIndex
            if index == nil, case .bytes(let bytes) = field.value {
                // Outside the layout, data kept as bytes (an unknown tag, or data that did not
                // fit the tag table's type) goes back as it came.
                buffer.writeImmutableBuffer(bytes)
            } else {
                try write(field.value, type: type, field: name(), maxSize: info?.maxSize, into: &buffer)
            }
            if checkMasks, let index, let table = descriptor.floating[index].enumTable, case .number(let number) = field.value {
                try checkMask(number, table: table, field: name())
            }
            let dataLength = buffer.writerIndex - dataStart
            let limit = headerWidth == 2 ? Int(UInt16.max) : Int(UInt8.max)
            guard dataLength <= limit else { throw .tooLong(field: name(), length: dataLength, max: limit) }
            buffer.setCTINumber(UInt32(dataLength), at: lengthIndex, width: headerWidth)
        }
    }

    private func checkMask(_ value: UInt32, table: EnumTable, field: String) throws(CTIEncodeError) {
        guard table.isMask else { return }
        let undefined = table.undefinedBits(in: value)
        if undefined != 0 { throw .undefinedMaskBits(field: field, bits: undefined, table: table.name) }
    }

    private func checkedNumber(_ value: FieldValue, field: @autoclosure () -> String, type: WireType) throws(CTIEncodeError) -> UInt32 {
        guard case .number(let number) = value else { throw .wrongKind(field: field(), expected: type) }
        return try checkedNumber(number, field: field(), type: type)
    }

    /// `number` when it fits `type` (a negative CHAR or SHORT as its low bits).
    private func checkedNumber(_ number: UInt32, field: @autoclosure () -> String, type: WireType) throws(CTIEncodeError) -> UInt32 {
        guard let width = type.width else { throw .wrongKind(field: field(), expected: type) }
        if width < 4 {
            let signed = type == .char || type == .short
            let bits = UInt32(width * 8)
            let fits = number < (1 << bits) || (signed && number >= ~UInt32(0) << (bits - 1))
            guard fits else { throw .outOfRange(field: field(), value: number, type: type) }
            return number & ((1 << bits) - 1)
        }
        return number
    }

    private func write(_ value: FieldValue, type: WireType?, field: @autoclosure () -> String, maxSize: Int?,
                       into buffer: inout ByteBuffer) throws(CTIEncodeError) {
        switch (value, type) {
        case (.number(let number), let type?) where type.width != nil:
            let checked = try checkedNumber(.number(number), field: field(), type: type)
            buffer.writeCTINumber(checked, width: type.width!)
        case (.string(let string), .string?), (.string(let string), nil):
            if let maxSize, string.count + 1 > maxSize { throw .tooLong(field: field(), length: string.count + 1, max: maxSize) }
            string.withUnsafeBytes { _ = buffer.writeBytes($0) }
            buffer.writeInteger(UInt8(0))
        case (.bytes(let bytes), .unspec?), (.bytes(let bytes), nil):
            if let maxSize, bytes.readableBytes > maxSize { throw .tooLong(field: field(), length: bytes.readableBytes, max: maxSize) }
            buffer.writeImmutableBuffer(bytes)
        case (.namedVariable(let name, let value), .namedVariable?):
            try checkNamed(name: name, value: value, field: field())
            name.withUnsafeBytes { _ = buffer.writeBytes($0) }
            buffer.writeInteger(UInt8(0))
            value.withUnsafeBytes { _ = buffer.writeBytes($0) }
            buffer.writeInteger(UInt8(0))
        case (.namedArray(let index, let name, let value), .namedArray?):
            try checkNamed(name: name, value: value, field: field())
            buffer.writeInteger(index)
            name.withUnsafeBytes { _ = buffer.writeBytes($0) }
            buffer.writeInteger(UInt8(0))
            value.withUnsafeBytes { _ = buffer.writeBytes($0) }
            buffer.writeInteger(UInt8(0))
        case (.numbers(let numbers), let type?) where type == .uintArray || type == .ushortArray:
            let elementType: WireType = type == .uintArray ? .uint : .ushort
            for number in numbers {
                buffer.writeCTINumber(try checkedNumber(.number(number), field: field(), type: elementType), width: elementType.width!)
            }
            if let maxSize, numbers.count * elementType.width! > maxSize {
                throw .tooLong(field: field(), length: numbers.count * elementType.width!, max: maxSize)
            }
        default:
            // A value of another kind than the field's type; tags of unknown type take bytes or strings.
            throw .wrongKind(field: field(), expected: type ?? .unspec)
        }
    }

    /// `wire-format.md` §6: name ≤ 33 and value ≤ 211 bytes, NULs included.
    private func checkNamed(name: CTIString, value: CTIString, field: @autoclosure () -> String) throws(CTIEncodeError) {
        if name.count + 1 > 33 { throw .tooLong(field: "\(field()) name", length: name.count + 1, max: 33) }
        if value.count + 1 > 211 { throw .tooLong(field: "\(field()) value", length: value.count + 1, max: 211) }
    }
}
