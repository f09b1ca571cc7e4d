import CTICapture
import CTIProtocol
import CTITestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Everything ``CaptureDecoder`` makes of a test capture, read from its file bytes by
/// ``CaptureFileReader`` (through `fmemopen`), messages decoded.
struct DecodedCapture {
    struct Message {
        var name: String
        var message: CTIMessage
        var captured: CapturedFrame
        var direction: CaptureDirection { captured.direction }
        /// InvokeID, or ConnectionCallID for call events: what tells the test's messages apart.
        var number: UInt32? {
            if case .number(let value)? = message[.invokeID] { return value }
            if case .number(let value)? = message[.connectionCallID] { return value }
            return nil
        }
    }

    var messages: [Message] = []
    var connections: [CTIConnection] = []
    /// The gaps, each with the number of the packet being read when it was reported (nil: at the end).
    var gaps: [(connection: CTIConnection, direction: CaptureDirection, gap: StreamGap, reportedAt: Int?)] = []
    var skipped: [(direction: CaptureDirection, offset: Int64, length: Int64)] = []
    var damaged: [(packet: Int, reason: PacketSkipReason)] = []
    var undecodable: [any Error] = []
    /// What each event covered of its stream, in the order the events came: connection number,
    /// direction, stream offset and byte count (frames, gaps and skipped bytes).
    var spans: [(connection: Int, direction: CaptureDirection, offset: Int64, length: Int64)] = []
    var error: CaptureFileError?
    var counters = CaptureCounters()
    /// Connections the decoder still held state for when the capture ended (before `finish`).
    var trackedAtEnd = 0
    var linkType: LinkType?

    /// The names of one direction's messages, in order.
    func names(_ direction: CaptureDirection) -> [String] { messages.filter { $0.direction == direction }.map(\.name) }
    /// The numbers (InvokeID / ConnectionCallID) of one direction's messages, in order.
    func numbers(_ direction: CaptureDirection) -> [UInt32?] { messages.filter { $0.direction == direction }.map(\.number) }

    static func decode(_ capture: TestCapture, _ format: TestCapture.FileFormat = .pcap, serverPorts: CTIServerPorts = .defaults,
                       pendingLimit: Int = 1 << 20) throws -> DecodedCapture {
        try decode(bytes: capture.bytes(format), serverPorts: serverPorts, pendingLimit: pendingLimit)
    }

    static func decode(bytes: [UInt8], serverPorts: CTIServerPorts = .defaults, pendingLimit: Int = 1 << 20,
                       probeLimit: Int = 1 << 16) throws -> DecodedCapture {
        var result = DecodedCapture()
        var copy = bytes
        try copy.withUnsafeMutableBytes { raw in
            let file = try #require(fmemopen(raw.baseAddress, raw.count, "rb"))
            let reader: CaptureFileReader
            do throws(CaptureFileError) {
                reader = try CaptureFileReader(file: file, name: "test.pcap")
            } catch {
                result.error = error
                return
            }
            result.linkType = reader.linkType
            var decoder = CaptureDecoder(serverPorts: serverPorts, pendingLimit: pendingLimit, probeLimit: probeLimit)
            let messageDecoder = CTIMessageDecoder()
            var reading: Int?
            let handle = { (event: CaptureEvent) in
                switch event {
                case .connection(let connection): result.connections.append(connection)
                case .frame(let captured):
                    result.spans.append((captured.connection.number, captured.direction, captured.offset,
                                         Int64(CTIFrame.headerSize + captured.frame.body.readableBytes)))
                    do {
                        let message = try messageDecoder.decode(captured.frame)
                        result.messages.append(Message(name: message.name, message: message, captured: captured))
                    } catch {
                        result.undecodable.append(error)
                    }
                case .gap(let connection, let direction, let gap):
                    result.gaps.append((connection, direction, gap, reading))
                    result.spans.append((connection.number, direction, gap.offset, gap.length))
                case .skippedBytes(let connection, let direction, let offset, let length, _):
                    result.skipped.append((direction, offset, length))
                    result.spans.append((connection.number, direction, offset, length))
                case .damagedPacket(let number, _, let reason): result.damaged.append((number, reason))
                }
            }
            do {
                while let packet = try reader.next() {
                    reading = packet.number
                    decoder.receive(packet, linkType: reader.linkType, handle)
                }
            } catch let error as CaptureFileError {
                result.error = error
            }
            reading = nil
            result.trackedAtEnd = decoder.trackedConnectionCount
            decoder.finish(handle)
            result.counters = decoder.counters
        }
        return result
    }
}

/// A CTI conversation on one connection: the client's OPEN_REQ and heartbeats 2…, the server's
/// OPEN_CONF and CALL_DELIVERED_EVENTs for calls 1….
struct Conversation {
    var connection: TestConnection
    var clientFrames: [Range<Int>] = []
    var serverFrames: [Range<Int>] = []

    init(_ connection: TestConnection = TestConnection(), heartbeats: Int = 3, calls: Int = 3) throws {
        self.connection = connection
        clientFrames.append(self.connection.send(try TestFrames.openRequest(), .clientToServer))
        serverFrames.append(self.connection.send(try TestFrames.openConfirmation(), .serverToClient))
        for index in 0..<max(heartbeats, calls) {
            if index < heartbeats { clientFrames.append(self.connection.send(try TestFrames.heartbeat(invokeID: index + 2), .clientToServer)) }
            if index < calls { serverFrames.append(self.connection.send(try TestFrames.callDelivered(callID: index + 1), .serverToClient)) }
        }
    }

    /// The numbers the client's messages carry, in order: 1 (OPEN_REQ), 2….
    var clientNumbers: [UInt32?] { (0..<clientFrames.count).map { UInt32($0 + 1) } }
    /// The numbers the server's: 1 (OPEN_CONF's InvokeID), then the call IDs 1….
    var serverNumbers: [UInt32?] { [1] + (1..<serverFrames.count).map { UInt32($0) } }

    /// Handshake, every client segment, every server segment (one per frame), FIN.
    func inOrder() -> [[UInt8]] {
        connection.handshake() + clientFrames.map { connection.segment(.clientToServer, $0) }
            + serverFrames.map { connection.segment(.serverToClient, $0) } + [connection.finish()]
    }
}
