/// The data types of the wire format (`wire-format.md` §3) as the codec handles them.
public enum WireType: String, Hashable, Sendable, CaseIterable {
    case uchar = "UCHAR"
    case char = "CHAR"
    case ushort = "USHORT"
    case short = "SHORT"
    case uint = "UINT"
    case int = "INT"
    /// 2 bytes on the wire: FALSE = 0, TRUE = 1.
    case bool = "BOOL"
    /// UINT seconds since 1970-01-01 UTC.
    case time = "TIME"
    /// NUL-terminated ASCII; the maximum size includes the NUL.
    case string = "STRING"
    /// Raw bytes, no terminator.
    case unspec = "UNSPEC"
    /// Named call variable: name NUL value NUL (`wire-format.md` §6).
    case namedVariable = "NAMEDVAR"
    /// Named array element: index UCHAR, name NUL, value NUL (`wire-format.md` §6).
    case namedArray = "NAMEDARRAY"
    /// One floating field holding N packed USHORTs.
    case ushortArray = "USHORT_ARRAY"
    /// One floating field holding N packed UINTs.
    case uintArray = "UINT_ARRAY"

    /// The fixed width of a numeric type in bytes, `nil` for variable-length types.
    public var width: Int? {
        switch self {
        case .uchar, .char: 1
        case .ushort, .short, .bool: 2
        case .uint, .int, .time: 4
        case .string, .unspec, .namedVariable, .namedArray, .ushortArray, .uintArray: nil
        }
    }

    /// Parses a type spelling from `messages.json` or `field-tags.tsv`.
    ///
    /// Spellings the tag table marks UNVERIFIED map to `nil`: such fields are kept as raw bytes.
    init?(specSpelling raw: String) {
        let text = raw.trimmedSpaces
        if text.hasPrefix("UNVERIFIED") || text == "-" || text.isEmpty { return nil }
        if text.hasPrefix("UINT[]") { self = .uintArray; return }
        if text.hasPrefix("USHORT[]") { self = .ushortArray; return }
        // "UINT (INT in some msgs)" and similar: the first word is the type.
        let word = String(text.prefix { $0.isLetter || $0 == "_" })
        switch word {
        case "ULONG", "UNIT", "USINT": self = .uint
        case "String": self = .string
        default:
            guard let type = WireType(rawValue: word) else { return nil }
            self = type
        }
    }
}
