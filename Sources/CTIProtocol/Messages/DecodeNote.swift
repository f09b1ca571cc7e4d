/// Something the decoder accepted leniently (`ERRATA.md`) and the encoder writes in canonical
/// form instead. Notes never drop data; they say why a re-encoded frame may differ.
public enum DecodeNote: Hashable, Sendable, CustomStringConvertible {
    /// A STRING field without its terminating NUL.
    case missingNUL(field: String)
    /// Bytes after a STRING field's first NUL (cut there, as the guide's receivers do).
    case bytesAfterNUL(field: String, count: Int)
    /// A STRING or UNSPEC field longer than the spec's maximum.
    case overMaximum(field: String, length: Int, max: Int)
    /// A tag decoded as another tag of the layout (e.g. signature 23 as 3 in AGENT_STATE_EVENT).
    case aliasedTag(field: String, received: UInt16, canonical: UInt16)
    /// The body matched an alternative fixed layout.
    case alternateLayout(String)
    /// A field the layout marks required is absent.
    case missingRequired(field: String)
    /// A message, field or value newer than the protocol version the decoder speaks (a server
    /// of that version would not send it; issue 20): kept, and noted.
    case notInVersion(String, arrivedIn: UInt32, version: UInt32)

    public var description: String {
        switch self {
        case .missingNUL(let field): "\(field): STRING without terminating NUL"
        case .bytesAfterNUL(let field, let count): "\(field): \(count) byte(s) after the NUL ignored"
        case .overMaximum(let field, let length, let max): "\(field): \(length) bytes exceeds the maximum of \(max)"
        case .aliasedTag(let field, let received, let canonical): "\(field): tag \(received) read as tag \(canonical)"
        case .alternateLayout(let condition): "alternate fixed layout (\(condition))"
        case .missingRequired(let field): "required field \(field) is missing"
        case .notInVersion(let subject, let arrivedIn, let version): "\(subject) is not in protocol \(version) (it arrived in \(arrivedIn))"
        }
    }
}
