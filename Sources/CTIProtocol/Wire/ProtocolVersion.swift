/// A CTI Server protocol version (`OPEN_REQ.VersionNumber`, `constants.md` §26).
///
/// The version selects the floating-field header width (1+1 bytes before PV20, 2+2 from PV20),
/// the layouts (``MessageCatalog/forVersion(_:)``, from ``VersionHistory``) and the message
/// numbering. `cti` speaks versions 20 (Unified CCE 11.5) to 25 (15.0), issue 20.
public struct ProtocolVersion: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The number sent in `OPEN_REQ.VersionNumber`.
    public let number: UInt32
    /// Which message-type numbering to use (`ERRATA.md`; PV25 numbering by default).
    public var numbering: MessageNumbering

    /// Protocol version 20 (Unified CCE 11.5), the oldest `cti` speaks.
    public static let v20 = ProtocolVersion(uncheckedNumber: 20)
    /// Protocol version 24 (Unified CCE 12.6).
    public static let v24 = ProtocolVersion(uncheckedNumber: 24)
    /// Protocol version 25 (Unified CCE 15.0), the newest and the default.
    public static let v25 = ProtocolVersion(uncheckedNumber: 25)
    /// The versions `cti` speaks, oldest first.
    public static let supported: [ProtocolVersion] = (v20.number...v25.number).map { ProtocolVersion(uncheckedNumber: $0) }

    /// A supported version, or `nil`.
    public init?(_ number: UInt32, numbering: MessageNumbering = .pv25) {
        guard ProtocolVersion.supported.contains(where: { $0.number == number }) else { return nil }
        self.init(uncheckedNumber: number, numbering: numbering)
    }

    private init(uncheckedNumber number: UInt32, numbering: MessageNumbering = .pv25) {
        self.number = number
        self.numbering = numbering
    }

    /// The next older version `cti` speaks (same numbering), `nil` for the oldest: where
    /// `--protocol auto` goes when a server answers E_CTI_INVALID_VERSION.
    public var older: ProtocolVersion? {
        number > ProtocolVersion.v20.number ? ProtocolVersion(number - 1, numbering: numbering) : nil
    }

    /// Bytes of a floating field's tag and of its length: 2 from PV20 on, 1 before
    /// (`wire-format.md` §4).
    public var floatingHeaderWidth: Int { number >= 20 ? 2 : 1 }

    public var description: String { "\(number)" }

    public static func < (lhs: ProtocolVersion, rhs: ProtocolVersion) -> Bool { lhs.number < rhs.number }
}
