/// The named variables and arrays (ECC variables) of one message against the 2,000 bytes a CTI
/// message may carry (`wire-format.md` §6; a server refuses more with E_CTI_TOO_MUCH_DATA, 73).
///
/// Whether the 4-byte tag/length headers count toward the 2,000 is not documented
/// (UNVERIFIED): both sizes are kept, and a message is over when they are, counted with them.
public struct NamedVariableSize: Hashable, Sendable, CustomStringConvertible {
    /// The bytes of named variables and arrays one message may carry.
    public static let limit = 2000
    /// How many of the largest are named in the warning.
    public static let namedInWarning = 3
    /// The bytes of a floating field's tag and length.
    static let headerBytes = 4

    /// The data of every named variable and array element: names, values, NULs, array indexes.
    public let dataBytes: Int
    /// ``dataBytes`` and the floating field headers.
    public let bytesWithHeaders: Int
    /// The largest, biggest first (`user.notes`, `user.items[2]`), with their data bytes.
    public let largest: [Entry]

    public struct Entry: Hashable, Sendable {
        public let name: String
        public let bytes: Int
    }

    /// Every named variable and array element of a message, with its data bytes, in wire order.
    public static func entries(of fields: MessageFields) -> [Entry] {
        var entries: [Entry] = []
        for field in fields.floating {
            switch field.value {
            case .namedVariable(let name, let value):
                entries.append(Entry(name: name.description, bytes: name.count + 1 + value.count + 1))
            case .namedArray(let index, let name, let value):
                entries.append(Entry(name: "\(name.description)[\(index)]", bytes: 1 + name.count + 1 + value.count + 1))
            default:
                continue
            }
        }
        return entries
    }

    /// What a message's named variables and arrays take on the wire, headers included.
    public static func bytesWithHeaders(of fields: MessageFields) -> Int {
        entries(of: fields).reduce(0) { $0 + $1.bytes + headerBytes }
    }

    /// The sizes of a message's named variables and arrays, when they are over ``limit``;
    /// `nil` when they fit (or there are none).
    public init?(over fields: MessageFields) {
        let entries = NamedVariableSize.entries(of: fields)
        let data = entries.reduce(0) { $0 + $1.bytes }
        let withHeaders = data + entries.count * NamedVariableSize.headerBytes
        guard withHeaders > NamedVariableSize.limit else { return nil }
        dataBytes = data
        bytesWithHeaders = withHeaders
        largest = Array(entries.sorted { $0.bytes > $1.bytes }.prefix(NamedVariableSize.namedInWarning))
    }

    /// `named variables and arrays take 2104 bytes (1980 without their tag/length headers), over
    /// the 2000 a CTI message may carry (E_CTI_TOO_MUCH_DATA); largest: user.notes 215, ...`
    public var description: String {
        "named variables and arrays take \(bytesWithHeaders) bytes (\(dataBytes) without their tag/length headers), over the "
            + "\(NamedVariableSize.limit) a CTI message may carry (E_CTI_TOO_MUCH_DATA); largest: "
            + largest.map { "\($0.name) \($0.bytes)" }.joined(separator: ", ")
    }
}
