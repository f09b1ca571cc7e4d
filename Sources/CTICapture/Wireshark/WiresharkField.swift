import CTIProtocol

/// How the generated dissector shows a field's value: which Wireshark field type it registers
/// and how it reads the data (`wire-format.md` §3, §6).
public enum WiresharkFieldKind: String, Hashable, Sendable {
    /// UCHAR, USHORT, UINT: an unsigned integer, in decimal.
    case unsigned
    /// CHAR, SHORT, INT: a signed integer.
    case signed
    /// A number with an enumeration table: its name as a value string (`NONE` for all ones).
    case enumeration
    /// A number with a mask table: in hex, with one bit field per named bit.
    case mask
    /// BOOL: 2 bytes, `False` for 0 and `True` for 1, other values as numbers.
    case boolean
    /// TIME: seconds since 1970, shown as a UTC date.
    case time
    /// STRING: the text up to the first NUL.
    case string
    /// UNSPEC, and data kept as bytes.
    case bytes
    /// A password: only its length, as `*** (N bytes)` (`ERRATA.md`, secret tags).
    case secret
    /// NAMEDVAR: `name = value`.
    case namedVariable
    /// NAMEDARRAY: `name[index] = value`.
    case namedArray
    /// USHORT_ARRAY, UINT_ARRAY: one element field per value.
    case array
}

/// One field the generated dissector registers: a Cisco field name read one way. A name the
/// catalog uses with several types (SkillGroupNumber is UINT in some layouts and INT in others)
/// gets one field per type; the most used one is `cti.<Name>`, the others `cti.<Name>.<type>`.
public struct WiresharkField: Sendable {
    /// The display filter field (`cti.InvokeID`).
    public let abbreviation: String
    /// The Cisco field name, shown as the label.
    public let name: String
    public let kind: WiresharkFieldKind
    /// The wire type the field reads.
    public let type: WireType
    /// Bytes of a number; of one element for arrays; `nil` for the other kinds.
    public let width: Int?
    /// The enumeration or mask table (arrays: of the elements).
    public let table: EnumTable?
    /// The bit fields of a mask: each named bit that fits the field's width, in value order.
    public let bits: [Bit]
    /// The field of one element of an array (`cti.<Name>.element`).
    public let elementAbbreviation: String?

    /// One named bit of a mask field (`cti.ServicesRequested.CTI_SERVICE_CLIENT_EVENTS`).
    public struct Bit: Sendable {
        public let abbreviation: String
        public let name: String
        public let value: UInt32
    }
}
