import CTIProtocol

/// What a message's named variables and arrays take on the wire: per field the 4 bytes of tag
/// and length, the name and value with their NULs, and an array element's index byte
/// (`wire-format.md`; a CTI message may carry 2,000 bytes of them, issue 21).
struct NamedVariableSize: Hashable {
    var bytes: Int

    var isZero: Bool { bytes == 0 }

    /// The floating field header (USHORT tag, USHORT length, protocol 20 on).
    static let fieldHeader = 4

    static func of(_ fields: MessageFields) -> NamedVariableSize {
        var bytes = 0
        for field in fields.floating {
            switch field.value {
            case .namedVariable(let name, let value):
                bytes += fieldHeader + name.count + 1 + value.count + 1
            case .namedArray(_, let name, let value):
                bytes += fieldHeader + 1 + name.count + 1 + value.count + 1
            default:
                break
            }
        }
        return NamedVariableSize(bytes: bytes)
    }
}
