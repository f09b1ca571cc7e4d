/// One TCP connection as a capture shows it, built segment by segment with both directions'
/// sequence and acknowledgment numbers (RFC 9293 §3.4): the three-way handshake, the bytes each
/// side sends, and the close. What `cti watch --record FILE.pcap` writes for each connection of
/// the session, and what `cti-bench pcap` builds its capture from.
///
/// Every data segment carries ACK (of all the other side has sent) and PSH; bytes longer than
/// ``maximumSegmentSize`` go in several segments, as a TCP stack cuts them. No pure
/// acknowledgments are made for data: Wireshark needs none to follow and reassemble a stream.
public struct TCPConversation: Sendable {
    /// The MSS of a TCP connection over Ethernet with IPv4 (MTU 1500 less 40 bytes of headers).
    public static let ethernetMaximumSegmentSize = 1460

    /// The end that connected (sent the SYN).
    public let client: TCPEndpoint
    /// The end that listened.
    public let server: TCPEndpoint
    /// The most payload bytes one segment carries.
    public let maximumSegmentSize: Int
    /// The sequence number of the next byte (or SYN/FIN) the client sends.
    public private(set) var clientSequence: UInt32
    /// The sequence number of the next byte (or SYN/FIN) the server sends.
    public private(set) var serverSequence: UInt32
    /// Whether ``close(from:)`` has ended the conversation.
    public private(set) var isClosed = false

    /// A conversation that starts with the client's SYN numbered `clientISN` and the server's
    /// numbered `serverISN` (the initial sequence numbers).
    public init(client: TCPEndpoint, server: TCPEndpoint, clientISN: UInt32 = 0, serverISN: UInt32 = 0,
                maximumSegmentSize: Int = ethernetMaximumSegmentSize) {
        precondition(client.address.isV6 == server.address.isV6, "one address family per connection")
        precondition(maximumSegmentSize > 0, "a segment carries at least one byte")
        self.client = client
        self.server = server
        self.clientSequence = clientISN
        self.serverSequence = serverISN
        self.maximumSegmentSize = maximumSegmentSize
    }

    /// The three-way handshake: the client's SYN, the server's SYN-ACK, the client's ACK.
    public mutating func handshake() -> [[UInt8]] {
        let syn = TCPPacketBuilder.packet(from: client, to: server, sequence: clientSequence, acknowledgment: 0, flags: [.syn], payload: [])
        clientSequence &+= 1
        let synAck = TCPPacketBuilder.packet(from: server, to: client, sequence: serverSequence, acknowledgment: clientSequence,
                                             flags: [.syn, .ack], payload: [])
        serverSequence &+= 1
        let ack = TCPPacketBuilder.packet(from: client, to: server, sequence: clientSequence, acknowledgment: serverSequence,
                                          flags: [.ack], payload: [])
        return [syn, synAck, ack]
    }

    /// The segments that carry `bytes` in `direction`: one per ``maximumSegmentSize`` bytes, in
    /// order, each with PSH and ACK. None for no bytes.
    public mutating func segments(carrying bytes: some Collection<UInt8>, _ direction: CaptureDirection) -> [[UInt8]] {
        var result: [[UInt8]] = []
        result.reserveCapacity((bytes.count + maximumSegmentSize - 1) / maximumSegmentSize)
        var rest = bytes[...]
        while !rest.isEmpty {
            let payload = rest.prefix(maximumSegmentSize)
            rest = rest.dropFirst(payload.count)
            result.append(segment(payload, [.psh, .ack], direction))
        }
        return result
    }

    /// The close: FIN-ACK from the side that closes (`direction` is the way its FIN goes), FIN-ACK
    /// from the other, and the last ACK. None once closed.
    public mutating func close(from direction: CaptureDirection = .clientToServer) -> [[UInt8]] {
        guard !isClosed else { return [] }
        isClosed = true
        let reverse = direction.reversed
        let first = segment([], [.fin, .ack], direction)
        let second = segment([], [.fin, .ack], reverse)
        let last = segment([], [.ack], direction)
        return [first, second, last]
    }

    /// One segment from `direction`'s sender, acknowledging all the other side has sent; the
    /// sender's sequence number moves past the payload (and past a FIN).
    private mutating func segment(_ payload: some Collection<UInt8>, _ flags: TCPFlags, _ direction: CaptureDirection) -> [UInt8] {
        let length = UInt32(payload.count) + (flags.contains(.fin) ? 1 : 0)
        switch direction {
        case .clientToServer:
            defer { clientSequence &+= length }
            return TCPPacketBuilder.packet(from: client, to: server, sequence: clientSequence, acknowledgment: serverSequence,
                                           flags: flags, payload: payload)
        case .serverToClient:
            defer { serverSequence &+= length }
            return TCPPacketBuilder.packet(from: server, to: client, sequence: serverSequence, acknowledgment: clientSequence,
                                           flags: flags, payload: payload)
        }
    }
}
