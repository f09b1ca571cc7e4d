import NIOCore

/// One decoded message.
///
/// Every message type in the catalogue with a layout decodes to its named fields; a named type
/// without a layout keeps its body as bytes; a type number the catalogue does not know is
/// `unknown` and keeps its body too. None of these is an error.
public enum CTIMessage: Hashable, Sendable {
    /// A message whose layout the spec gives.
    case fields(MessageFields)
    /// A named message without a layout in the spec: the body as raw bytes.
    case opaque(MessageDescriptor, body: ByteBuffer)
    /// A message type the catalogue does not know: its number and body.
    case unknown(type: UInt32, body: ByteBuffer)

    /// The message's description, `nil` for unknown types.
    public var descriptor: MessageDescriptor? {
        switch self {
        case .fields(let fields): fields.descriptor
        case .opaque(let descriptor, _): descriptor
        case .unknown: nil
        }
    }

    /// The catalogue (PV25) type number.
    public var typeID: UInt32 {
        switch self {
        case .fields(let fields): fields.descriptor.typeID
        case .opaque(let descriptor, _): descriptor.typeID
        case .unknown(let type, _): type
        }
    }

    /// The Cisco name, or `UNKNOWN` for unknown types.
    public var name: String { descriptor?.name ?? "UNKNOWN" }

    /// The fields, for messages with a layout.
    public var fields: MessageFields? {
        if case .fields(let fields) = self { return fields }
        return nil
    }

    /// A field's value (see ``MessageFields/subscript(_:)``).
    public subscript(field: Field) -> FieldValue? { fields?[field] }
}
