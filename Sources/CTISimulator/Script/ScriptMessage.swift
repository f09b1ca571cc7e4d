import CTIProtocol
import NIOCore

/// A message a ``ScriptStep`` sends: built from fields (a scenario), or a recorded frame sent
/// byte for byte (a replay).
public enum ScriptMessage: Hashable, Sendable {
    case message(CTIMessage)
    /// A frame as recorded under `version` (its MHDR type is that version's wire number); only
    /// its InvokeID is ever patched (``withInvokeID(_:)``).
    case frame(CTIFrame, version: ProtocolVersion)

    /// The message type's name (`UNKNOWN` for a type the catalogue does not know).
    public var name: String {
        switch self {
        case .message(let message): message.name
        case .frame(let frame, let version): MessageCatalog.standard.descriptor(wireType: frame.type, version: version)?.name ?? "UNKNOWN"
        }
    }

    /// The message with its InvokeID set to `invokeID` (the request it answers): the field of a
    /// built message, the first four bytes of a recorded frame's body (where every message
    /// with an InvokeID has it, `wire-format.md` §3).
    public func withInvokeID(_ invokeID: UInt32) -> ScriptMessage {
        switch self {
        case .message(.fields(var fields)) where fields.descriptor.hasInvokeID:
            try? fields.set(.invokeID, .number(invokeID))
            return .message(.fields(fields))
        case .frame(var frame, let version) where frame.body.readableBytes >= MemoryLayout<UInt32>.size:
            frame.body.setInteger(invokeID, at: frame.body.readerIndex)
            return .frame(frame, version: version)
        default:
            return self
        }
    }
}
