/// A CTI Server protocol version (`OPEN_REQ.VersionNumber`, `constants.md` §26).
///
/// The version selects the floating-field header width (1+1 bytes before PV20, 2+2 from PV20)
/// and the message numbering. `cti` speaks versions 24 and 25; the width is a property of the
/// version so that older versions can be added.
public struct ProtocolVersion: Hashable, Sendable, CustomStringConvertible {
    /// The number sent in `OPEN_REQ.VersionNumber`.
    public let number: UInt32
    /// Which message-type numbering to use (`ERRATA.md`; PV25 numbering by default).
    public var numbering: MessageNumbering

    /// Protocol version 24 (Unified CCE 12.6).
    public static let v24 = ProtocolVersion(uncheckedNumber: 24)
    /// Protocol version 25 (Unified CCE 15.0), the default.
    public static let v25 = ProtocolVersion(uncheckedNumber: 25)
    /// The versions `cti` speaks.
    public static let supported: [ProtocolVersion] = [.v24, .v25]

    /// A supported version, or `nil`.
    public init?(_ number: UInt32, numbering: MessageNumbering = .pv25) {
        guard ProtocolVersion.supported.contains(where: { $0.number == number }) else { return nil }
        self.init(uncheckedNumber: number, numbering: numbering)
    }

    private init(uncheckedNumber number: UInt32, numbering: MessageNumbering = .pv25) {
        self.number = number
        self.numbering = numbering
    }

    /// Bytes of a floating field's tag and of its length: 2 from PV20 on, 1 before
    /// (`wire-format.md` §4).
    public var floatingHeaderWidth: Int { number >= 20 ? 2 : 1 }

    public var description: String { "\(number)" }
}
