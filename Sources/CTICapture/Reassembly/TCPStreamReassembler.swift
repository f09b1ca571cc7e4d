/// Puts one direction of a TCP connection back in order (RFC 9293 §3.4, §3.10.7.4): each byte of
/// the stream is handed out once, in stream order, however the segments came (out of order,
/// retransmitted, overlapping). Sequence numbers are compared modulo 2^32 relative to the next
/// expected byte, so a stream crosses the wrap like any other number.
///
/// The stream starts after the SYN's sequence number, or at the first segment seen when the
/// capture starts mid-connection. Segments beyond a hole wait (copied) until the hole fills; a
/// hole is given up as a ``StreamGap`` when the waiting bytes pass ``pendingLimit``, on a RST,
/// or at ``finish(at:_:)`` (the end of the capture).
public struct TCPStreamReassembler {
    /// What the reassembler hands out, in stream order.
    public enum Output {
        /// The next bytes of the stream (valid during the call only), with the capture time and
        /// number of the packet that carried them.
        case data(UnsafeRawBufferPointer, time: CaptureTime, packet: Int)
        /// A hole given up: the next data comes after it.
        case gap(StreamGap)
    }

    /// A segment waiting beyond a hole.
    private struct Pending {
        var offset: Int64
        var bytes: [UInt8]
        var time: CaptureTime
        var packet: Int
        var end: Int64 { offset + Int64(bytes.count) }
    }

    /// Bytes waiting beyond a hole at most; past this the hole is given up. Default 1 MiB.
    public let pendingLimit: Int
    /// Whether the stream's start is known (a segment or SYN has been seen).
    public private(set) var isStarted = false
    /// Whether the start is the connection's own (a SYN was seen), not the first segment captured.
    public private(set) var startedAtSYN = false
    /// Sequence number of the next expected byte.
    public private(set) var nextSequence: UInt32 = 0
    /// Stream offset of the next expected byte: bytes handed out so far, gaps included.
    public private(set) var nextOffset: Int64 = 0
    private var pending: [Pending] = []
    private var pendingBytes = 0

    public init(pendingLimit: Int = 1 << 20) {
        self.pendingLimit = pendingLimit
    }

    /// Whether bytes wait beyond a hole.
    public var hasPending: Bool { !pending.isEmpty }

    /// The initial sequence number of a SYN this direction sent: the stream starts after it.
    /// Ignored once the stream has started (a retransmitted SYN).
    public mutating func start(synSequence: UInt32) {
        guard !isStarted else { return }
        isStarted = true
        startedAtSYN = true
        nextSequence = synSequence &+ 1
    }

    /// One segment's payload, starting at sequence number `sequence`, captured at `time` in
    /// packet number `packet`.
    public mutating func receive(sequence: UInt32, payload: UnsafeRawBufferPointer, at time: CaptureTime, packet: Int,
                                 _ output: (Output) -> Void) {
        guard !payload.isEmpty else { return }
        if !isStarted {
            isStarted = true
            nextSequence = sequence
        }
        let offset = nextOffset + Int64(Int32(bitPattern: sequence &- nextSequence))
        let end = offset + Int64(payload.count)
        if end <= nextOffset { return }  // all of it already handed out: a retransmission
        if offset <= nextOffset {
            deliver(UnsafeRawBufferPointer(rebasing: payload[Int(nextOffset - offset)...]), time: time, packet: packet, output)
            drain(output)
            return
        }
        insert(Pending(offset: offset, bytes: Array(payload), time: time, packet: packet))
        while pendingBytes > pendingLimit, !pending.isEmpty { skipHole(output) }
    }

    /// The peer acknowledged every byte before sequence number `acknowledgment`: the holes
    /// before it were received, so they are lost to the capture and given up now.
    public mutating func acknowledged(_ acknowledgment: UInt32, _ output: (Output) -> Void) {
        guard isStarted, !pending.isEmpty else { return }
        let acknowledged = nextOffset + Int64(Int32(bitPattern: acknowledgment &- nextSequence))
        while let first = pending.first, first.offset <= acknowledged { skipHole(output) }
    }

    /// A RST or the end of the capture: every hole is given up, the waiting bytes handed out.
    public mutating func finish(_ output: (Output) -> Void) {
        while !pending.isEmpty { skipHole(output) }
    }

    private mutating func deliver(_ bytes: UnsafeRawBufferPointer, time: CaptureTime, packet: Int, _ output: (Output) -> Void) {
        nextOffset += Int64(bytes.count)
        nextSequence = nextSequence &+ UInt32(truncatingIfNeeded: bytes.count)
        output(.data(bytes, time: time, packet: packet))
    }

    /// Hands out the waiting segments the stream has reached.
    private mutating func drain(_ output: (Output) -> Void) {
        while let first = pending.first, first.offset <= nextOffset {
            pending.removeFirst()
            pendingBytes -= first.bytes.count
            guard first.end > nextOffset else { continue }
            first.bytes.withUnsafeBytes { bytes in
                deliver(UnsafeRawBufferPointer(rebasing: bytes[Int(nextOffset - first.offset)...]), time: first.time, packet: first.packet, output)
            }
        }
    }

    /// Gives up the hole before the first waiting segment, then hands out what follows it.
    private mutating func skipHole(_ output: (Output) -> Void) {
        guard let first = pending.first else { return }
        let length = first.offset - nextOffset
        output(.gap(StreamGap(offset: nextOffset, sequence: nextSequence, length: length, resumedAt: first.time)))
        nextOffset = first.offset
        nextSequence = nextSequence &+ UInt32(truncatingIfNeeded: length)
        drain(output)
    }

    /// Keeps a segment beyond the hole, in offset order (a segment no longer than one already
    /// waiting at the same offset is a retransmission and dropped).
    private mutating func insert(_ segment: Pending) {
        var index = pending.endIndex
        while index > 0 && pending[index - 1].offset > segment.offset { index -= 1 }
        if index > 0, pending[index - 1].offset == segment.offset {
            guard pending[index - 1].bytes.count < segment.bytes.count else { return }
            pendingBytes -= pending[index - 1].bytes.count
            pending[index - 1] = segment
        } else {
            pending.insert(segment, at: index)
        }
        pendingBytes += segment.bytes.count
    }
}
