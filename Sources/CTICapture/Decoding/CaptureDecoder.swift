import CTIProtocol

/// Finds the CTI messages in a capture, packet by packet: the TCP segment of each packet
/// (``PacketDecoder``), the connection it belongs to (CTI by server port or by an OPEN_REQ at
/// the start of a stream, see ``CTIServerPorts``), the direction's stream put back in order
/// (``TCPStreamReassembler``) and cut into frames (``CTIStreamFramer``). Events come out in
/// capture order; each message of a direction exactly once, in stream order.
public struct CaptureDecoder {
    public let serverPorts: CTIServerPorts
    public let plausibility: FramePlausibility
    /// Bytes a stream holds beyond a hole before the hole is given up (``TCPStreamReassembler/pendingLimit``).
    public let pendingLimit: Int
    /// Bytes a stream of an unknown port may hold before its connection is given up as not CTI.
    public let probeLimit: Int
    public private(set) var counters = CaptureCounters()
    private var connections: [ConnectionKey: TrackedConnection] = [:]
    /// The connections in the order they were first seen (for ``finish(_:)``); released ones
    /// are dropped from it now and then (``release(_:_:)``).
    private var order: [TrackedConnection] = []
    private var releasedInOrder = 0
    private var connectionsFound = 0
    private var lastTime = CaptureTime(seconds: 0, nanoseconds: 0)

    public init(serverPorts: CTIServerPorts = .defaults, version: ProtocolVersion = .v25, catalog: MessageCatalog = .standard,
                pendingLimit: Int = 1 << 20, probeLimit: Int = 1 << 16) {
        self.serverPorts = serverPorts
        self.plausibility = FramePlausibility(version: version, catalog: catalog)
        self.pendingLimit = pendingLimit
        self.probeLimit = probeLimit
    }

    /// Connections found so far.
    public var connectionCount: Int { connectionsFound }

    /// Connections the decoder holds state for: those not closed yet (by FIN both ways with
    /// every byte before it delivered). A long capture of many short connections stays small.
    public var trackedConnectionCount: Int { connections.count }

    /// One captured packet of a file of `linkType`.
    public mutating func receive(_ packet: CapturedPacket, linkType: LinkType, _ handle: (CaptureEvent) -> Void) {
        counters.packets += 1
        lastTime = packet.time
        let segment: TCPSegment
        do {
            segment = try PacketDecoder.segment(in: packet.data, linkType: linkType)
        } catch {
            counters.skipped[error, default: 0] += 1
            if error.isDamage { handle(.damagedPacket(number: packet.number, time: packet.time, reason: error)) }
            return
        }
        counters.tcpSegments += 1
        receive(segment, time: packet.time, packet: packet.number, handle)
    }

    /// One TCP segment, captured at `time` in packet number `packet`.
    public mutating func receive(_ segment: TCPSegment, time: CaptureTime, packet: Int, _ handle: (CaptureEvent) -> Void) {
        let key = ConnectionKey(segment.source, segment.destination)
        let opening = segment.flags.contains(.syn) && !segment.flags.contains(.ack)
        var connection = connections[key] ?? track(key, segment)
        let index = segment.source == connection.endpoints[0] ? 0 : 1
        // A SYN that is not a retransmission of the one that started the stream: a new
        // connection between the same ends.
        let reassembler = connection.streams[index].reassembler
        let firstSequence = reassembler.nextSequence &- UInt32(truncatingIfNeeded: reassembler.nextOffset)
        if opening, reassembler.isStarted, !reassembler.startedAtSYN || firstSequence != segment.sequence &+ 1 {
            finish(connection, handle)
            release(key, connection)
            connection = track(key, segment)
        }
        if segment.flags.contains(.fin) {
            let start = segment.flags.contains(.syn) ? 1 : 0
            connection.streams[index].finSequence = segment.sequence &+ UInt32(truncatingIfNeeded: start + segment.payload.count)
        }
        if case .other = connection.role {
            counters.otherTCPSegments += 1
            if connection.isClosed { release(key, connection) }
            return
        }
        let stream = connection.streams[index]
        if segment.flags.contains(.syn), !stream.reassembler.isStarted {
            stream.reassembler.start(synSequence: segment.sequence)
            stream.framer = CTIStreamFramer(plausibility: plausibility, synchronized: true)
        }
        stream.reassembler.receive(sequence: segment.sequence &+ (segment.flags.contains(.syn) ? 1 : 0), payload: segment.payload,
                                   at: time, packet: packet) { output in
            deliver(output, connection, index, handle)
        }
        if segment.flags.contains(.ack) {
            connection.streams[1 - index].reassembler.acknowledged(segment.acknowledgment) { output in
                deliver(output, connection, 1 - index, handle)
            }
        }
        if case .probing = connection.role { probe(connection, index, handle) }
        if segment.flags.contains(.rst) {
            finish(connection, handle)
        } else if connection.isClosed {
            finish(connection, handle)
            release(key, connection)
        }
    }

    /// Lets go of a closed connection; the list of connections in order is compacted when most
    /// of it is released ones.
    private mutating func release(_ key: ConnectionKey, _ connection: TrackedConnection) {
        connections[key] = nil
        connection.isReleased = true
        releasedInOrder += 1
        if releasedInOrder > 64 && releasedInOrder * 2 > order.count {
            order.removeAll(where: \.isReleased)
            releasedInOrder = 0
        }
    }

    /// The end of the capture: every hole is given up and what follows it decoded; bytes that
    /// make no frame are reported.
    public mutating func finish(_ handle: (CaptureEvent) -> Void) {
        for connection in order where !connection.isReleased { finish(connection, handle) }
        order.removeAll()
        releasedInOrder = 0
        connections.removeAll()
    }

    private mutating func track(_ key: ConnectionKey, _ segment: TCPSegment) -> TrackedConnection {
        let role: TrackedConnection.Role
        if serverPorts.contains(segment.destination.port) {
            role = .cti(found(client: segment.source, server: segment.destination), clientIndex: 0)
        } else if serverPorts.contains(segment.source.port) {
            role = .cti(found(client: segment.destination, server: segment.source), clientIndex: 1)
        } else {
            role = .probing
        }
        let connection = TrackedConnection(first: segment.source, second: segment.destination, role: role,
                                           plausibility: plausibility, pendingLimit: pendingLimit)
        connections[key] = connection
        order.append(connection)
        return connection
    }

    /// A CTI connection, numbered when its first event comes (``announce(_:_:)``).
    private func found(client: TCPEndpoint, server: TCPEndpoint) -> CTIConnection {
        CTIConnection(number: 0, client: client, server: server)
    }

    /// The connection of an event, numbered and announced when it is its first: connections
    /// that never carry a byte are neither reported nor counted.
    private mutating func announce(_ connection: TrackedConnection, _ handle: (CaptureEvent) -> Void) -> CTIConnection? {
        guard case .cti(var cti, let clientIndex) = connection.role else { return nil }
        if cti.number == 0 {
            connectionsFound += 1
            cti.number = connectionsFound
            connection.role = .cti(cti, clientIndex: clientIndex)
            handle(.connection(cti))
        }
        return cti
    }

    /// What a stream's reassembler hands out, to its framer: bytes are cut into frames; at a gap
    /// the frames before it are cut, the gap reported, and the framer put out of step.
    private mutating func deliver(_ output: TCPStreamReassembler.Output, _ connection: TrackedConnection, _ index: Int,
                                  _ handle: (CaptureEvent) -> Void) {
        let stream = connection.streams[index]
        switch output {
        case .data(let bytes, let time, let packet):
            stream.received(time: time, packet: packet)
            stream.framer.append(bytes)
            cutFrames(connection, index, handle)
        case .gap(let gap):
            cutFrames(connection, index, handle)
            reportGap(gap, connection, index, handle)
            stream.framer.gap(length: gap.length)
        }
    }

    /// Cuts the frames a CTI stream holds (nothing while the connection is being probed).
    private mutating func cutFrames(_ connection: TrackedConnection, _ index: Int, _ handle: (CaptureEvent) -> Void,
                                    atEnd: Bool = false) {
        guard let direction = connection.direction(of: index) else { return }
        let stream = connection.streams[index]
        stream.framer.frames(atEnd: atEnd) { output in
            guard let cti = announce(connection, handle) else { return }
            switch output {
            case .frame(let frame, let offset):
                counters.frames += 1
                handle(.frame(CapturedFrame(packet: stream.lastPacket, time: stream.lastTime, connection: cti, direction: direction,
                                                offset: offset, frame: frame)))
            case .skipped(let offset, let length):
                counters.skippedBytes += length
                handle(.skippedBytes(cti, direction, offset: offset, length: length, time: stream.lastTime))
            }
        }
    }

    private mutating func reportGap(_ gap: StreamGap, _ connection: TrackedConnection, _ index: Int, _ handle: (CaptureEvent) -> Void) {
        counters.gaps += 1
        counters.gapBytes += gap.length
        guard let direction = connection.direction(of: index), let cti = announce(connection, handle) else {
            // While probing, a stream whose start is lost cannot show an OPEN_REQ.
            if connection.streams[index].opensWithOpenRequest == nil { connection.streams[index].opensWithOpenRequest = false }
            return
        }
        handle(.gap(cti, direction, gap))
    }

    /// A connection on no server port: CTI when a stream starts with an OPEN_REQ header (its
    /// sender is the client), given up when neither does or a stream holds too much undecided.
    private mutating func probe(_ connection: TrackedConnection, _ index: Int, _ handle: (CaptureEvent) -> Void) {
        let stream = connection.streams[index]
        if stream.opensWithOpenRequest == nil, stream.framer.offset == 0, let header = stream.framer.peek(CTIFrame.headerSize) {
            let length = header[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            let type = header[4..<8].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            stream.opensWithOpenRequest = plausibility.isOpenRequest(length: length, type: type)
        }
        if stream.opensWithOpenRequest == true {
            let client = connection.endpoints[index]
            let server = connection.endpoints[1 - index]
            connection.role = .cti(found(client: client, server: server), clientIndex: index)
            cutFrames(connection, index, handle)
            cutFrames(connection, 1 - index, handle)
            return
        }
        let undecided = connection.streams.contains { $0.opensWithOpenRequest == nil }
        if !undecided || connection.streams.contains(where: { $0.framer.bufferedBytes > probeLimit }) {
            connection.role = .other
            for stream in connection.streams { stream.framer = CTIStreamFramer(plausibility: plausibility, synchronized: false) }
        }
    }

    private mutating func finish(_ connection: TrackedConnection, _ handle: (CaptureEvent) -> Void) {
        for index in connection.streams.indices {
            let stream = connection.streams[index]
            stream.reassembler.finish { output in deliver(output, connection, index, handle) }
            cutFrames(connection, index, handle, atEnd: true)
        }
    }
}
