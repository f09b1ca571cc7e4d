/// One field of a message's fixed part (`messages.json` `fixed`): present in every message of
/// that type, in this order, at this offset from the start of the body.
public struct FixedFieldSpec: Sendable {
    /// The Cisco field name, PascalCase as in the guide (`InvokeID`, `ConnectionCallID`).
    public let name: String
    public let type: WireType
    /// Size in bytes on the wire.
    public let size: Int
    /// Offset from the start of the body (after the 8-byte MHDR).
    public let offset: Int
    /// The named values of the field, when it is an enumeration or a mask.
    public let enumTable: EnumTable?
    /// The name as a JSON key (`"Name":`), encoded once for the JSON writer.
    let jsonKey: [UInt8]

    /// The field as a key for ``MessageFields``.
    public var field: Field { Field(named: name) }
}

/// One floating field a message's layout allows (`messages.json` `floating`).
public struct FloatingFieldSpec: Sendable {
    /// The Cisco field name (`ConnectionDeviceID`, `NamedVariable`).
    public let name: String
    /// The tag on the wire (`field-tags.tsv`).
    public let tag: UInt16
    public let type: WireType
    /// Maximum data bytes (strings: including the NUL); `nil` where the guide gives none.
    public let maxSize: Int?
    /// Whether the guide marks the field required unconditionally.
    public let isRequired: Bool
    /// Whether the tag may occur several times (lists, named variables).
    public let repeats: Bool
    /// The fixed or floating field that counts the occurrences of a repeated field.
    public let countField: String?
    /// The named values of the field, when it is an enumeration or a mask.
    public let enumTable: EnumTable?
    /// Whether the value is a secret (passwords): never rendered, only its length.
    public let isSecret: Bool
    /// The protocol version the field arrived in, when that is newer than the catalogue's
    /// version (``VersionHistory``); `nil` when the version has it.
    public let arrivesIn: UInt32?
    /// The name as a JSON key (`"Name":`), encoded once for the JSON writer.
    let jsonKey: [UInt8]

    /// The field as a key for ``MessageFields``.
    public var field: Field { Field(named: name) }
}

/// A floating tag from the global tag table (`field-tags.tsv`), used for tags outside a
/// message's layout (`ERRATA.md`, "Floating tags outside a message's layout").
public struct FieldTagInfo: Sendable {
    public let tag: UInt16
    /// The Cisco constant, e.g. `AGENT_ID_LONG_TAG`.
    public let symbol: String
    /// The field name used for display: the name a message layout gives the tag, or else the
    /// constant without `_TAG`.
    public let fieldName: String
    /// The type; `nil` where the table leaves it UNVERIFIED (the data is kept as bytes).
    public let type: WireType?
    public let maxSize: Int?
    /// The protocol version the tag arrived in, when that is newer than the catalogue's version.
    public let arrivesIn: UInt32?
}
