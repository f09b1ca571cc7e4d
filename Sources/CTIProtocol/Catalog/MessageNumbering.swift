/// Which message-type numbering a session uses for the messages whose numbers moved between
/// guide editions (`ERRATA.md`: network recording messages are 267-274 in the PV24 table and
/// 268-275 in the PV25 bodies).
///
/// PV25 numbering is the default for both protocol versions; PV24 numbering is selectable.
public enum MessageNumbering: String, Sendable, CaseIterable {
    case pv25
    case pv24

    /// PV24 wire number → PV25 (catalogue) number, for the messages that differ.
    static let pv24ToCatalog: [UInt32: UInt32] = [
        267: 268, 268: 269, 269: 270, 270: 271, 271: 272, 272: 273, 273: 274, 274: 275,
    ]
    static let catalogToPV24: [UInt32: UInt32] = Dictionary(uniqueKeysWithValues: pv24ToCatalog.map { ($1, $0) })

    /// The catalogue number of a wire type under this numbering; `nil` where the number means
    /// no message under this numbering (PV24: 275).
    func catalogType(forWire type: UInt32) -> UInt32? {
        switch self {
        case .pv25:
            return type
        case .pv24:
            if let moved = MessageNumbering.pv24ToCatalog[type] { return moved }
            return MessageNumbering.catalogToPV24[type] == nil ? type : nil
        }
    }

    /// The wire number of a catalogue type under this numbering.
    func wireType(forCatalog type: UInt32) -> UInt32 {
        switch self {
        case .pv25: type
        case .pv24: MessageNumbering.catalogToPV24[type] ?? type
        }
    }
}
