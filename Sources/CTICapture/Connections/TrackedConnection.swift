/// The decoder's state of one TCP connection: what it is (CTI, being probed for an OPEN_REQ,
/// or something else), and each direction's reassembly and framing. Directions are indexed by
/// sender: 0 is the end that sent the first packet seen.
final class TrackedConnection {
    enum Role {
        /// A CTI connection; `clientIndex` is the direction the client sends.
        case cti(CTIConnection, clientIndex: Int)
        /// Not known yet: waiting for the first 8 bytes of each stream.
        case probing
        /// Not CTI: its packets are passed over.
        case other
    }

    /// One direction's stream.
    final class Stream {
        var reassembler: TCPStreamReassembler
        var framer: CTIStreamFramer
        /// Whether the stream starts with an OPEN_REQ header (nil: not known yet).
        var opensWithOpenRequest: Bool?
        /// The sequence number just after the stream's FIN, once a FIN was seen.
        var finSequence: UInt32?

        /// Whether every byte up to the FIN has been delivered (nothing waits beyond a hole).
        var isFinished: Bool {
            guard let finSequence else { return false }
            return !reassembler.hasPending && (!reassembler.isStarted || reassembler.nextSequence == finSequence)
        }
        /// Capture time and packet number of the latest bytes the stream received: a frame's
        /// stamp is that of the packet that completed it (which, for a segment that waited
        /// beyond a hole, is the later packet that filled the hole).
        private(set) var lastTime = CaptureTime(seconds: 0, nanoseconds: 0)
        private(set) var lastPacket = 0

        func received(time: CaptureTime, packet: Int) {
            lastTime = max(lastTime, time)
            lastPacket = max(lastPacket, packet)
        }

        init(plausibility: FramePlausibility, pendingLimit: Int) {
            reassembler = TCPStreamReassembler(pendingLimit: pendingLimit)
            framer = CTIStreamFramer(plausibility: plausibility, synchronized: false)
        }
    }

    let endpoints: [TCPEndpoint]
    var role: Role
    let streams: [Stream]
    /// The decoder let go of it (both streams finished): a later packet between the same ends
    /// is tracked afresh.
    var isReleased = false

    /// Both streams sent their FIN and delivered every byte before it.
    var isClosed: Bool { streams.allSatisfy(\.isFinished) }

    init(first: TCPEndpoint, second: TCPEndpoint, role: Role, plausibility: FramePlausibility, pendingLimit: Int) {
        endpoints = [first, second]
        self.role = role
        streams = [Stream(plausibility: plausibility, pendingLimit: pendingLimit), Stream(plausibility: plausibility, pendingLimit: pendingLimit)]
    }

    /// The direction of the stream `index` sends, once the connection is CTI.
    func direction(of index: Int) -> CaptureDirection? {
        guard case .cti(_, let clientIndex) = role else { return nil }
        return index == clientIndex ? .clientToServer : .serverToClient
    }
}
