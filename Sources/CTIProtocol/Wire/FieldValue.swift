import NIOCore

/// The value of one field, fixed or floating.
///
/// Numbers of every integer type (UCHAR, CHAR, USHORT, SHORT, UINT, INT, BOOL, TIME) are kept as
/// their bit pattern zero-extended to 32 bits; the field's ``WireType`` says how to read them
/// (so INT -1 and UINT 0xFFFFFFFF are the same value, as on the wire).
public enum FieldValue: Hashable, Sendable {
    /// Any integer type, as raw bits.
    case number(UInt32)
    /// STRING (without its NUL).
    case string(CTIString)
    /// UNSPEC, and the data of tags whose type is unknown.
    case bytes(ByteBuffer)
    /// NAMEDVAR: an ECC variable. (Indirect, like the array element: it keeps every other
    /// value small.)
    indirect case namedVariable(name: CTIString, value: CTIString)
    /// NAMEDARRAY: one element of an ECC array.
    indirect case namedArray(index: UInt8, name: CTIString, value: CTIString)
    /// USHORT_ARRAY / UINT_ARRAY: packed values.
    case numbers([UInt32])

    /// A signed value stored as its bit pattern.
    public static func int(_ value: Int32) -> FieldValue { .number(UInt32(bitPattern: value)) }

    /// A string value.
    public static func text(_ value: some StringProtocol) -> FieldValue { .string(CTIString(value)) }

    /// The raw bits of a number, `nil` for other kinds.
    public var number: UInt32? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The text of a string, `nil` for other kinds.
    public var text: String? {
        if case .string(let value) = self { return value.string }
        return nil
    }
}

/// One floating field as it appeared on the wire: its tag and value. Repeated tags appear once
/// per occurrence, in wire order.
public struct FloatingField: Hashable, Sendable {
    public var tag: UInt16
    public var value: FieldValue

    public init(tag: UInt16, value: FieldValue) {
        self.tag = tag
        self.value = value
    }
}
