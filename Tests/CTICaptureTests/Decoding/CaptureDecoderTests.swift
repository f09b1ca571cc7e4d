import CTICapture
import CTIProtocol
import CTITestSupport
import Testing

/// Captures the suite makes from encoded frames, read back through the file reader and the
/// whole decoder: every link type, IPv4 and IPv6, VLAN tags, pcapng; segments reordered,
/// repeated, overlapping and split inside the header give each message once, in stream order;
/// a lost segment is a gap reported where it is, with the messages around it decoded.
@Suite struct CaptureDecoderTests {
    static let linkTypes: [(LinkType, Bool)] = [
        (.ethernet, false), (.ethernet, true), (.linuxSLL, false), (.linuxSLL, true), (.linuxSLL2, false), (.linuxSLL2, true),
        (.null, false), (.null, true), (.loop, false), (.loop, true), (.raw, false), (.raw, true), (.ipv4, false), (.ipv6, true),
    ]

    @Test(arguments: linkTypes, [TestCapture.FileFormat.pcap, .pcapng])
    func everyLinkTypeAndFileFormat(_ link: (LinkType, Bool), _ format: TestCapture.FileFormat) throws {
        let (linkType, v6) = link
        let conversation = try Conversation(TestConnection(v6: v6))
        var capture = TestCapture(linkType: linkType)
        capture.add(conversation.inOrder())
        let decoded = try DecodedCapture.decode(capture, format)
        #expect(decoded.error == nil)
        #expect(decoded.linkType == linkType)
        #expect(decoded.names(.clientToServer) == ["OPEN_REQ", "HEARTBEAT_REQ", "HEARTBEAT_REQ", "HEARTBEAT_REQ"])
        #expect(decoded.names(.serverToClient) == ["OPEN_CONF"] + Array(repeating: "CALL_DELIVERED_EVENT", count: 3))
        #expect(decoded.numbers(.clientToServer) == conversation.clientNumbers)
        #expect(decoded.numbers(.serverToClient) == conversation.serverNumbers)
        let connection = try #require(decoded.connections.first)
        #expect(decoded.connections.count == 1)
        #expect(connection.client == conversation.connection.client)
        #expect(connection.server == conversation.connection.server)
        #expect(connection.side == .a)
        #expect(decoded.gaps.isEmpty && decoded.skipped.isEmpty && decoded.damaged.isEmpty)
    }

    @Test func aNullHeaderInEitherByteOrderAndEveryIPv6Family() throws {
        for family: UInt32 in [10, 24, 28, 30] {
            var capture = TestCapture(linkType: .null)
            capture.v6AddressFamily = family.byteSwapped  // written little-endian: the other byte order
            capture.add(try Conversation(TestConnection(v6: true)).inOrder())
            #expect(try DecodedCapture.decode(capture).messages.count == 8, "AF_INET6 = \(family)")
        }
    }

    @Test(arguments: [[], [100], [100, 200], [100, 200, 300]])
    func vlanTagsStackedAndEthernetPadding(_ vlans: [UInt16]) throws {
        var capture = TestCapture(linkType: .ethernet)
        capture.vlans = vlans
        capture.outerTagIsServiceVLAN = vlans.count > 1
        capture.padsEthernetFrames = true
        let conversation = try Conversation()
        // Bare ACKs (54 bytes and a tag or two) get padded to 60: the padding must not reach the stream.
        let acks = (0..<3).map { _ in conversation.connection.segment(.clientToServer, 0..<0, flags: [.ack]) }
        capture.add(conversation.connection.handshake() + acks + Array(conversation.inOrder().dropFirst(3)))
        #expect(capture.packets[3].data.count == max(60, 54 + 4 * vlans.count))
        let decoded = try DecodedCapture.decode(capture)
        #expect(decoded.numbers(.clientToServer) == conversation.clientNumbers)
        #expect(decoded.numbers(.serverToClient) == conversation.serverNumbers)
        #expect(decoded.skipped.isEmpty && decoded.damaged.isEmpty)
    }

    @Test func timesAreThePacketsInNanoseconds() throws {
        let conversation = try Conversation(heartbeats: 1, calls: 0)
        var capture = TestCapture()
        let segments = conversation.inOrder()
        for (index, segment) in segments.enumerated() {
            capture.add(segment, at: CaptureTime(seconds: 1_795_441_546 + Int64(index), nanoseconds: 123_456_789))
        }
        for format in [TestCapture.FileFormat.pcap, .pcapng] {
            let decoded = try DecodedCapture.decode(capture, format)
            // OPEN_REQ in packet 4 (after the handshake), the heartbeat in 5, OPEN_CONF in 6.
            #expect(decoded.messages.map(\.captured.packet) == [4, 5, 6])
            #expect(decoded.messages.map(\.captured.time) == [3, 4, 5].map { CaptureTime(seconds: 1_795_441_546 + $0, nanoseconds: 123_456_789) })
        }
    }

    @Test func segmentsSplitAnywhereEvenInsideTheHeader() throws {
        let conversation = try Conversation()
        for size in [1, 3, 5, 7, 8, 9, 61] {
            var capture = TestCapture()
            capture.add(conversation.connection.handshake() + conversation.connection.segments(.clientToServer, size: size)
                + conversation.connection.segments(.serverToClient, size: size))
            let decoded = try DecodedCapture.decode(capture)
            #expect(decoded.numbers(.clientToServer) == conversation.clientNumbers, "segments of \(size) bytes")
            #expect(decoded.numbers(.serverToClient) == conversation.serverNumbers, "segments of \(size) bytes")
        }
    }

    @Test func reorderedRetransmittedAndOverlappingSegments() throws {
        let conversation = try Conversation(heartbeats: 6, calls: 6)
        let stream = conversation.connection.clientStream.count
        // Pieces of 11 bytes, every other piece first and the rest backwards, each twice, and
        // pieces that overlap their neighbours by 5 bytes.
        var pieces = stride(from: 0, to: stream, by: 11).map { $0..<min($0 + 11, stream) }
        pieces = pieces.enumerated().filter { $0.offset % 2 == 1 }.map(\.element) + pieces.enumerated().filter { $0.offset % 2 == 0 }.map(\.element).reversed()
        let overlapping = stride(from: 0, to: stream, by: 13).map { max(0, $0 - 5)..<min($0 + 13, stream) }
        var capture = TestCapture()
        capture.add(conversation.connection.handshake())
        for piece in pieces { capture.add([conversation.connection.segment(.clientToServer, piece), conversation.connection.segment(.clientToServer, piece)]) }
        capture.add(overlapping.map { conversation.connection.segment(.clientToServer, $0) })
        capture.add(conversation.connection.segments(.serverToClient, size: 100).reversed())
        let decoded = try DecodedCapture.decode(capture)
        #expect(decoded.numbers(.clientToServer) == conversation.clientNumbers)
        #expect(decoded.numbers(.serverToClient) == conversation.serverNumbers)
        #expect(decoded.gaps.isEmpty && decoded.skipped.isEmpty)
        // Each message's offset is its frame's place in the stream.
        #expect(decoded.messages.filter { $0.direction == .clientToServer }.map(\.captured.offset) == conversation.clientFrames.map { Int64($0.lowerBound) })
    }

    @Test func theSequenceNumberWraps() throws {
        var connection = TestConnection()
        connection.clientISN = 0xFFFF_FFF0  // the OPEN_REQ crosses 2^32
        connection.serverISN = 0xFFFF_FFFF  // the first byte is sequence 0
        let conversation = try Conversation(connection)
        #expect(UInt64(conversation.connection.clientISN) + UInt64(conversation.connection.clientStream.count) > 1 << 32)
        var capture = TestCapture()
        capture.add(conversation.connection.handshake() + conversation.connection.segments(.clientToServer, size: 10).reversed()
            + conversation.connection.segments(.serverToClient, size: 10))
        let decoded = try DecodedCapture.decode(capture)
        #expect(decoded.numbers(.clientToServer) == conversation.clientNumbers)
        #expect(decoded.numbers(.serverToClient) == conversation.serverNumbers)
    }

    @Test func aLostSegmentIsAGapWithTheMessagesAroundItDecoded() throws {
        let conversation = try Conversation(heartbeats: 5, calls: 0)
        // Lose the second half of heartbeat 3 (frame 2) and the first half of heartbeat 4.
        let lost = (conversation.clientFrames[2].lowerBound + 6)..<(conversation.clientFrames[3].lowerBound + 4)
        let stream = conversation.connection.clientStream.count
        var capture = TestCapture()
        capture.add(conversation.connection.handshake())
        capture.add(conversation.connection.segment(.clientToServer, 0..<lost.lowerBound))
        capture.add(conversation.connection.segment(.clientToServer, lost.upperBound..<stream))
        capture.add(conversation.connection.segment(.serverToClient, conversation.serverFrames[0]))
        let decoded = try DecodedCapture.decode(capture)
        #expect(decoded.numbers(.clientToServer) == [1, 2, 5, 6])
        #expect(decoded.names(.serverToClient) == ["OPEN_CONF"])
        let gap = try #require(decoded.gaps.first)
        #expect(decoded.gaps.count == 1)
        #expect(gap.direction == .clientToServer)
        #expect(gap.connection.server.port == 42027)
        #expect(gap.gap.offset == Int64(lost.lowerBound))
        #expect(gap.gap.length == Int64(lost.count))
        #expect(gap.gap.sequence == conversation.connection.clientISN &+ 1 &+ UInt32(lost.lowerBound))
        #expect(gap.gap.resumedAt == capture.packets[4].time)
        // Before the gap: the 6 bytes of heartbeat 3 it cut; after it: the rest of heartbeat 4.
        #expect(decoded.skipped.map(\.length) == [Int64(conversation.clientFrames[3].upperBound - lost.upperBound)])
    }

    @Test func aHoleIsGivenUpWhenThePeerAcknowledgesWhatFollowsIt() throws {
        let conversation = try Conversation(heartbeats: 0, calls: 3)
        var capture = TestCapture()
        capture.add(conversation.connection.handshake())
        // OPEN_CONF lost; the calls wait beyond the hole until the client's FIN acknowledges them.
        capture.add(conversation.serverFrames.dropFirst().map { conversation.connection.segment(.serverToClient, $0) })
        capture.add(conversation.connection.finish())
        capture.add(conversation.connection.segment(.clientToServer, conversation.clientFrames[0]))
        let decoded = try DecodedCapture.decode(capture)
        #expect(decoded.gaps.map(\.reportedAt) == [7])
        #expect(decoded.gaps.first?.gap.length == Int64(conversation.serverFrames[0].count))
        #expect(decoded.numbers(.serverToClient) == [1, 2, 3])
    }

    @Test func aHoleIsGivenUpWhenTooMuchWaitsBeyondIt() throws {
        let conversation = try Conversation(heartbeats: 40, calls: 0)
        var capture = TestCapture()
        capture.add(conversation.connection.handshake())
        // Heartbeat 2 (frame 1) never comes; the rest waits beyond the hole.
        capture.add(conversation.connection.segment(.clientToServer, conversation.clientFrames[0]))
        for frame in conversation.clientFrames.dropFirst(2) { capture.add(conversation.connection.segment(.clientToServer, frame)) }
        let decoded = try DecodedCapture.decode(capture, pendingLimit: 100)
        #expect(decoded.numbers(.clientToServer) == [1] + (3...41).map { UInt32($0) })
        let gap = try #require(decoded.gaps.first)
        #expect(gap.gap.offset == Int64(conversation.clientFrames[1].lowerBound) && gap.gap.length == 12)
        // The stream resumed with the frame after the hole (packet 5); the hole was given up
        // when 9 frames of 12 bytes (more than 100) waited beyond it: at packet 13, not at the end.
        #expect(gap.gap.resumedAt == capture.packets[4].time)
        #expect(gap.reportedAt == 13)
        #expect(decoded.messages[1].captured.packet == 5)
    }

    @Test func aCaptureStartingMidFrameFindsTheNextHeader() throws {
        let conversation = try Conversation(heartbeats: 4, calls: 0)
        let stream = conversation.connection.clientStream.count
        var capture = TestCapture()
        // No handshake; the capture starts 20 bytes into the OPEN_REQ.
        capture.add(conversation.connection.segment(.clientToServer, 20..<stream))
        let decoded = try DecodedCapture.decode(capture)
        #expect(decoded.numbers(.clientToServer) == [2, 3, 4, 5])
        #expect(decoded.skipped.count == 1)
        #expect(decoded.skipped.first?.offset == 0 && decoded.skipped.first?.length == Int64(conversation.clientFrames[0].count - 20))
    }

    @Test func anOpenRequestFindsAConnectionOnAnyPort() throws {
        let conversation = try Conversation(TestConnection(port: 5000, clientPort: 41000))
        // Another connection on another port that is not CTI (an HTTP request).
        var other = TestConnection(port: 8080, clientPort: 41001)
        let request = other.send(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8), .clientToServer)
        let response = other.send(Array("HTTP/1.1 204 No Content\r\n\r\n".utf8), .serverToClient)
        var capture = TestCapture()
        capture.add(other.handshake() + [other.segment(.clientToServer, request), other.segment(.serverToClient, response), other.finish()])
        // The server's side first: the client is still told by its OPEN_REQ.
        capture.add(conversation.connection.handshake() + conversation.serverFrames.map { conversation.connection.segment(.serverToClient, $0) }
            + conversation.clientFrames.map { conversation.connection.segment(.clientToServer, $0) })
        let decoded = try DecodedCapture.decode(capture)
        let connection = try #require(decoded.connections.first)
        #expect(decoded.connections.count == 1)
        #expect(connection.client.port == 41000 && connection.server.port == 5000)
        #expect(connection.side == nil)
        #expect(decoded.numbers(.clientToServer) == conversation.clientNumbers)
        #expect(decoded.numbers(.serverToClient) == conversation.serverNumbers)
        #expect(decoded.counters.otherTCPSegments == 1)  // the FIN, after both streams started with no OPEN_REQ
    }

    @Test func serverPortsReplaceTheDefaults() throws {
        let conversation = try Conversation(TestConnection(port: 43027))
        var capture = TestCapture()
        // Mid-connection (no handshake, no OPEN_REQ): only the server port can tell.
        capture.add(conversation.serverFrames.map { conversation.connection.segment(.serverToClient, $0) })
        #expect(try DecodedCapture.decode(capture).names(.serverToClient).count == 4)
        #expect(try DecodedCapture.decode(capture).connections.first?.side == .b)
        #expect(try DecodedCapture.decode(capture, serverPorts: CTIServerPorts([5000])).messages.isEmpty)
    }

    /// FIN from the server: the end of its stream.
    static func serverFIN(_ conversation: Conversation) -> [UInt8] {
        let end = conversation.connection.serverStream.count
        return conversation.connection.segment(.serverToClient, end..<end, flags: [.fin, .ack])
    }

    @Test func connectionsClosedBothWaysAreLetGoAndTheirMessagesKept() throws {
        var capture = TestCapture()
        var expected: [[UInt32?]] = []
        for number in 0..<150 {
            let conversation = try Conversation(TestConnection(clientPort: UInt16(20000 + number)), heartbeats: 1, calls: 1)
            capture.add(conversation.inOrder() + [Self.serverFIN(conversation)])
            expected.append(conversation.clientNumbers + conversation.serverNumbers)
        }
        // One more closed by the client only, one by neither, and a non-CTI connection closed both ways.
        let halfClosed = try Conversation(TestConnection(clientPort: 30000))
        capture.add(halfClosed.inOrder())
        let open = try Conversation(TestConnection(clientPort: 30001))
        capture.add(Array(open.inOrder().dropLast()))
        let other = try Conversation(TestConnection(port: 8080, clientPort: 30002))
        capture.add(Array(other.inOrder().suffix(2)) + [Self.serverFIN(other)])
        let decoded = try DecodedCapture.decode(capture)
        #expect(decoded.trackedAtEnd == 2, "only the half-closed and the open CTI connections are held")
        #expect(decoded.connections.count == 152)
        #expect(decoded.messages.count == 150 * 4 + 2 * 8)
        for (index, numbers) in expected.enumerated() {
            let messages = decoded.messages.filter { $0.captured.connection.number == index + 1 }
            #expect(messages.map(\.number) == numbers, "connection \(index + 1)")
        }
        #expect(decoded.gaps.isEmpty && decoded.skipped.isEmpty)
    }

    @Test func aConnectionWithAHoleIsHeldUntilTheHoleIsFilledEvenAfterBothFINs() throws {
        let conversation = try Conversation()
        let segments = conversation.inOrder()
        // The client's second frame comes last, after both FINs.
        let late = 3 + 1
        var capture = TestCapture()
        capture.add(Array(segments[..<late]) + Array(segments[(late + 1)...]) + [Self.serverFIN(conversation), segments[late]])
        let decoded = try DecodedCapture.decode(capture)
        #expect(decoded.numbers(.clientToServer) == conversation.clientNumbers)
        #expect(decoded.numbers(.serverToClient) == conversation.serverNumbers)
        #expect(decoded.gaps.isEmpty)
        #expect(decoded.trackedAtEnd == 0, "let go once the hole was filled")
    }

    @Test func aNewConnectionBetweenTheSameEndsStartsAfresh() throws {
        let first = try Conversation(heartbeats: 1, calls: 1)
        var second = try Conversation(heartbeats: 2, calls: 0)
        second.connection.clientISN = 1000
        second.connection.serverISN = 2000
        var capture = TestCapture()
        // The first connection's SYN comes again after its first message (a retransmission, not
        // a new connection: the rest still belongs to connection 1).
        let firstPackets = first.inOrder()
        capture.add(Array(firstPackets.prefix(4)) + [firstPackets[0]] + Array(firstPackets.dropFirst(4)) + second.inOrder())
        let decoded = try DecodedCapture.decode(capture)
        #expect(decoded.connections.map(\.number) == [1, 2])
        #expect(decoded.messages.map(\.captured.connection.number) == [1, 1, 1, 1, 2, 2, 2, 2])
        #expect(decoded.gaps.isEmpty && decoded.skipped.isEmpty)
    }

    @Test func connectionsWithoutABytesAreNeitherNumberedNorReported() throws {
        let unanswered = TestConnection(clientPort: 49000)
        let conversation = try Conversation(heartbeats: 1, calls: 0)
        var capture = TestCapture()
        capture.add(unanswered.handshake() + [unanswered.finish()] + conversation.inOrder())
        let decoded = try DecodedCapture.decode(capture)
        #expect(decoded.connections.map(\.number) == [1])
        #expect(decoded.connections.first?.client.port == 50000)
        #expect(decoded.messages.count == 3)
    }

    @Test func damagedPacketsAreSkippedCountedAndNamed() throws {
        let conversation = try Conversation(heartbeats: 1, calls: 0)
        var capture = TestCapture(linkType: .ethernet)
        capture.add(conversation.connection.handshake())
        let time = CaptureTime(seconds: 1_795_441_546, nanoseconds: 0)
        capture.addFrame([0x00, 0x01, 0x02], at: time)  // shorter than an Ethernet header
        capture.addFrame(Array(repeating: 0, count: 12) + [0x08, 0x00, 0x45, 0x00, 0x00, 0x28], at: time)  // IPv4 cut short
        capture.addFrame(Array(repeating: 0, count: 12) + [0x08, 0x06] + Array(repeating: 0, count: 28), at: time)  // ARP
        var badOffset = conversation.connection.segment(.clientToServer, conversation.clientFrames[1])
        badOffset[20 + 12] = 0x20  // TCP data offset 2 (8 bytes): malformed
        capture.add(badOffset)
        capture.add(conversation.clientFrames.map { conversation.connection.segment(.clientToServer, $0) })
        let decoded = try DecodedCapture.decode(capture)
        #expect(decoded.numbers(.clientToServer) == [1, 2])
        #expect(decoded.damaged.map(\.packet) == [4, 5, 7])
        #expect(decoded.damaged.map(\.reason) == [.truncated, .truncated, .malformed])
        #expect(decoded.counters.skipped == [.truncated: 2, .notIP: 1, .malformed: 1])
    }

    @Test func aTruncatedFileKeepsEveryPacketBeforeTheCut() throws {
        let conversation = try Conversation()
        var capture = TestCapture()
        capture.add(conversation.inOrder())
        for format in [TestCapture.FileFormat.pcap, .pcapng] {
            let bytes = capture.bytes(format)
            // Cut inside the last packet but one (the last server frame; the FIN is the last).
            let decoded = try DecodedCapture.decode(bytes: Array(bytes.dropLast(capture.packets.last!.data.count + 40 + 30)))
            let error = try #require(decoded.error)
            guard case .readFailed(let reason, let packets) = error.problem else {
                Issue.record("\(error)")
                continue
            }
            #expect(packets == capture.packets.count - 2)
            #expect(format == .pcapng || reason.contains("truncated dump file"), "\(reason)")
            #expect(decoded.numbers(.clientToServer) == conversation.clientNumbers)
            #expect(decoded.numbers(.serverToClient) == Array(conversation.serverNumbers.dropLast()))
        }
    }

    @Test func aFileThatIsNotACapture() throws {
        let decoded = try DecodedCapture.decode(bytes: Array("OPEN_REQ InvokeID=1\n".utf8))
        #expect(decoded.error == CaptureFileError(file: "test.pcap", problem: .notACapture("unknown file format")))
        #expect(decoded.error?.description == "test.pcap: not a capture file: unknown file format")
        #expect(decoded.messages.isEmpty)
    }
}

