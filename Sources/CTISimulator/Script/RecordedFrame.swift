import CTIProtocol
import NIOCore

/// One frame of a recorded session, as a replay reads it: a pcap's frames carry their
/// direction and capture time; a raw recording's frames (`watch --record`, the proxy's) carry
/// neither, and their direction is the catalogue's (``direction(of:)``).
public struct RecordedFrame: Hashable, Sendable {
    public var frame: CTIFrame
    public var fromClient: Bool
    /// Since the start of the recording; `nil` for a raw recording (no times).
    public var time: TimeAmount?

    public init(frame: CTIFrame, fromClient: Bool, time: TimeAmount?) {
        self.frame = frame
        self.fromClient = fromClient
        self.time = time
    }

    /// Whether a message of this type comes from the client, by the catalogue: its direction,
    /// and for types sent both ways (or unknown) a request is one with an InvokeID that is no
    /// confirmation. Unknown types count as the server's.
    public static func isFromClient(_ descriptor: MessageDescriptor?) -> Bool {
        guard let descriptor else { return false }
        switch descriptor.direction {
        case .clientToServer: return true
        case .serverToClient: return false
        case .both, .unknown: return descriptor.hasInvokeID && !descriptor.isConfirmation
        }
    }
}
