import NIOCore

/// A frame whose body breaks the layout of its message type, with the evidence: the message
/// type, the offset in the body, the field and tag, the rule broken and the frame's bytes.
///
/// It concerns one frame only: the framing is intact, so the stream goes on with the next one.
public struct CTIDecodeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The rule a field broke.
    public enum Rule: Error, Hashable, Sendable {
        /// The body is shorter than the fixed part.
        case fixedPartTruncated(needed: Int, available: Int)
        /// Fewer bytes are left than a floating field header takes.
        case floatingHeaderTruncated(available: Int)
        /// A floating field's length runs past the end of the body.
        case floatingDataTruncated(length: Int, available: Int)
        /// A numeric floating field whose length is not its type's width.
        case numericLength(type: WireType, length: Int)
        /// A packed array whose length is not a multiple of the element width.
        case arrayLength(type: WireType, length: Int)
        /// A NAMEDVAR / NAMEDARRAY without the NUL that ends its name.
        case namedValueWithoutName
    }

    /// The message type number from the MHDR.
    public var messageType: UInt32
    /// The message name, when the type is known.
    public var messageName: String?
    /// Offset in the body (after the MHDR) where the problem starts.
    public var offset: Int
    /// The floating tag involved, if any.
    public var tag: UInt16?
    /// The field involved, if known.
    public var field: String?
    public var rule: Rule
    /// The whole frame, MHDR included.
    public var frame: [UInt8]

    public var description: String {
        var where_ = "offset \(offset)"
        if let field { where_ += ", field \(field)" }
        if let tag { where_ += " (tag \(tag))" }
        return "malformed \(messageName ?? "message type \(messageType)") at \(where_): \(ruleText)"
    }

    /// The rule in words.
    public var ruleText: String {
        switch rule {
        case .fixedPartTruncated(let needed, let available):
            "body has \(available) bytes, the fixed part needs \(needed)"
        case .floatingHeaderTruncated(let available):
            "\(available) byte(s) left, too few for a floating field header"
        case .floatingDataTruncated(let length, let available):
            "field length \(length) runs past the end of the body (\(available) byte(s) left)"
        case .numericLength(let type, let length):
            "length \(length), but \(type.rawValue) takes \(type.width ?? 0)"
        case .arrayLength(let type, let length):
            "length \(length) is not a whole number of \(type == .uintArray ? "UINT" : "USHORT") elements"
        case .namedValueWithoutName:
            "no NUL after the variable name"
        }
    }
}

/// A byte stream that cannot be cut into frames (`wire-format.md` §1-2). The connection is reset.
public enum CTIFramingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A MessageLength beyond what the decoder accepts (65,535).
    case bodyTooLarge(length: UInt32, type: UInt32, limit: Int)
    /// The stream ended inside a frame.
    case truncatedFrame(available: Int, needed: Int)
    /// The peer sent a TLS record where a frame header belongs: it speaks TLS, this side not.
    case tlsRecord

    public var description: String {
        switch self {
        case .bodyTooLarge(let length, let type, let limit):
            "frame with MessageLength \(length) (message type \(type)) exceeds the limit of \(limit) bytes"
        case .truncatedFrame(let available, let needed):
            "stream ended inside a frame: \(available) of \(needed) bytes"
        case .tlsRecord:
            "the peer speaks TLS (a TLS record where a CTI frame header belongs): connect with TLS"
        }
    }
}

/// A message that cannot be encoded as given.
public enum CTIEncodeError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownMessage(String)
    case noLayout(String)
    case unknownField(message: String, field: String, known: [String])
    case wrongKind(field: String, expected: WireType)
    case outOfRange(field: String, value: UInt32, type: WireType)
    case tooLong(field: String, length: Int, max: Int)
    case undefinedMaskBits(field: String, bits: UInt32, table: String)
    case missingRequired(message: String, field: String)
    case fixedFieldCount(message: String, expected: Int, got: Int)
    case bodyTooLarge(Int)
    case invalidValue(field: String, text: String, reason: String)
    /// A message, field or value the protocol version does not have (issue 20).
    case notInVersion(String, arrivedIn: UInt32, version: UInt32)

    public var description: String {
        switch self {
        case .unknownMessage(let name): "unknown message '\(name)' (see `cti encode --list`)"
        case .noLayout(let name): "\(name) has no layout in the spec; it cannot be built field by field"
        case .unknownField(let message, let field, let known): "\(message) has no field '\(field)' (fields: \(known.joined(separator: ", ")))"
        case .wrongKind(let field, let expected): "\(field) needs a \(expected.rawValue) value"
        case .outOfRange(let field, let value, let type): "\(field): \(value) does not fit in \(type.rawValue)"
        case .tooLong(let field, let length, let max): "\(field): \(length) bytes is longer than the maximum of \(max)"
        case .undefinedMaskBits(let field, let bits, let table):
            "\(field): bit(s) 0x\(String(bits, radix: 16)) are not defined in \(table) (servers reject them; --force sends them anyway)"
        case .missingRequired(let message, let field): "\(message) requires \(field)"
        case .fixedFieldCount(let message, let expected, let got): "\(message) has \(expected) fixed fields, got \(got)"
        case .bodyTooLarge(let size): "body of \(size) bytes exceeds 65,535"
        case .invalidValue(let field, let text, let reason): "\(field): '\(text)' \(reason)"
        case .notInVersion(let subject, let arrivedIn, let version):
            "\(subject) is not in protocol \(version): it arrived in protocol \(arrivedIn) (a protocol \(version) server refuses it)"
        }
    }
}
