import CTIClient
import CTIProtocol
import CTIProxy
import NIOConcurrencyHelpers
import NIOCore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The decoding beside the relay (issue 19): garbage, oversized and undecodable frames are
/// relayed exactly and reported; a blocked printer does not hold the relay up and what it
/// misses is counted exactly, with one pair of notes however often it falls behind again; the recording has passwords masked, the relay does not.
@Suite struct ConnectionTapTests {
    @Test func garbageOversizedAndUndecodableFramesAreRelayedExactlyAndReported() async throws {
        let server = try await LoopbackServer.start()
        let sink = CollectingSink()
        let (proxy, port) = try await startProxy(to: server.port, sink: sink)
        let client = try await Peer.connect(port: port)
        let heartbeat = try TestFrames.heartbeat(invokeID: 1)
        // An oversized MessageLength (0xFFFFFFFF), garbage, heartbeats the framer finds again,
        // a frame of a type no one knows, and at the end an OPEN_REQ cut short.
        let oversized: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 5, 1, 2, 3]
        let garbage: [UInt8] = Array("not a CTI frame at all".utf8)
        var stream = heartbeat + oversized + garbage + heartbeat + heartbeat
        let unknownType: [UInt8] = [0, 0, 0, 2, 0, 0, 0x7F, 0x00, 9, 9]
        stream += unknownType
        let truncatedOpen = Array(try TestFrames.openRequest(password: "x").prefix(20))
        stream += heartbeat + truncatedOpen
        try await client.send(stream, cuts: [3, 17, 40])
        let peer = try await server.peer(0)
        try await eventually { peer.record.bytes.count == stream.count }
        #expect(peer.record.bytes == stream)
        try await client.halfClose()
        try await eventually { peer.record.inputClosed }
        let totals = await proxy.stop()
        #expect(totals.bytesFromClients == Int64(stream.count))
        #expect(sink.messages.filter { $0 == "HEARTBEAT_REQ" }.count == 4)
        #expect(totals.skippedBytes > 0)
        #expect(sink.notes.contains { if case .skipped = $0 { true } else { false } })
    }

    @Test(arguments: 1...8)
    func randomMixesOfFramesGarbageAndOversizedHeadersAreRelayedExactly(seed: UInt64) async throws {
        let server = try await LoopbackServer.start()
        let sink = CollectingSink()
        let (proxy, port) = try await startProxy(to: server.port, sink: sink)
        let client = try await Peer.connect(port: port)
        var random = TestRandom(state: seed)
        var stream: [UInt8] = []
        var heartbeats = 0
        for _ in 0..<200 {
            switch random.next() % 4 {
            case 0: stream += random.bytes(Int(random.next() % 40))
            case 1: stream += [0xFF, 0xFF, 0xFF, 0xFF] + random.bytes(Int(random.next() % 12))
            case 2: stream += try TestFrames.openRequest(password: "pw\(random.next() % 1000)")
            default:
                stream += try TestFrames.heartbeat(invokeID: UInt32(truncatingIfNeeded: random.next()))
                heartbeats += 1
            }
        }
        try await client.send(stream, cuts: random.cuts(stream.count, every: 64))
        let peer = try await server.peer(0)
        try await eventually { peer.record.bytes.count == stream.count }
        #expect(peer.record.bytes == stream)
        try await client.halfClose()
        try await eventually { peer.record.inputClosed }
        let totals = await proxy.stop()
        #expect(totals.bytesFromClients == Int64(stream.count))
        #expect(totals.frames == sink.messages.count + sink.undecodable)
    }

    @Test func aFrameOfAKnownTypeThatDoesNotDecodeIsRelayedAndReportedUndecodable() async throws {
        let server = try await LoopbackServer.start()
        let sink = CollectingSink()
        let (proxy, port) = try await startProxy(to: server.port, sink: sink)
        let client = try await Peer.connect(port: port)
        // An OPEN_REQ whose floating field runs past the body: framed, not decodable.
        var open = try TestFrames.openRequest(password: "pw")
        open[open.count - 3] = 0x40  // the password's length: past the end
        try await client.send(open)
        let peer = try await server.peer(0)
        try await eventually { peer.record.bytes == open }
        _ = await proxy.stop()
        #expect(sink.undecodable == 1)
    }

    @Test func aBlockedPrinterDoesNotHoldTheRelayAndWhatItMissesIsCountedExactly() async throws {
        let server = try await LoopbackServer.start()
        let sink = GatedSink()
        sink.close()
        let (proxy, port) = try await startProxy(to: server.port, sink: sink, capacity: 10)
        let client = try await Peer.connect(port: port)
        let frames = 2_000
        var stream: [UInt8] = []
        for index in 0..<frames { stream += try TestFrames.heartbeat(invokeID: UInt32(index)) }
        var random = TestRandom(state: 3)
        try await client.send(stream, cuts: random.cuts(stream.count, every: 500))
        let peer = try await server.peer(0)
        // The whole stream arrives while the printer is blocked on its first frame.
        try await eventually { peer.record.bytes.count == stream.count }
        #expect(peer.record.bytes == stream)
        sink.open()
        let totals = await proxy.stop()
        #expect(totals.frames == frames)
        #expect(totals.printed + totals.notPrinted == frames)
        #expect(totals.notPrinted > 0)
        #expect(sink.messages == totals.printed)
        let caughtUp = sink.notes.compactMap { if case .printerCaughtUp(_, let count) = $0 { count } else { nil } }
        #expect(caughtUp.reduce(0, +) == totals.notPrinted)
    }

    @Test func aPrinterFallingBehindAgainBeforeItKeptUpGivesOneNoteForTheSpell() async throws {
        let server = try await LoopbackServer.start()
        let sink = GatedSink()
        var configuration = ProxyConfiguration(routes: [ProxyRoute(side: .a, listenHost: "127.0.0.1", listenPort: 0,
                                                                   serverHost: "127.0.0.1", serverPort: server.port)],
                                               printQueueCapacity: 10)
        configuration.printerCaughtUpAfter = .seconds(600)
        let proxy = try await CTIProxy.start(configuration, sink: sink)
        let client = try await Peer.connect(port: proxy.listeners[0].address.port!)
        var sent = 0
        for spell in 1...3 {
            sink.close()
            var stream: [UInt8] = []
            for _ in 0..<100 { sent += 1; stream += try TestFrames.heartbeat(invokeID: UInt32(sent)) }
            try await client.send(stream)
            let peer = try await server.peer(0)
            try await eventually { peer.record.bytes.count == sent * 12 }
            sink.open()
            try await eventually { sink.messages == spell * 10 }
        }
        let totals = await proxy.stop()
        #expect(totals.printed == 30 && totals.notPrinted == 270)
        let behind = sink.notes.filter { if case .printerBehind = $0 { true } else { false } }
        let caughtUp = sink.notes.compactMap { if case .printerCaughtUp(_, let count) = $0 { count } else { nil } }
        #expect(behind.count == 1)
        #expect(caughtUp == [270])
    }

    @Test func theRecordingHasPasswordsMaskedAndTheRelayDoesNot() async throws {
        let server = try await LoopbackServer.start()
        let recorded = NIOLockedValueBox<[UInt8]>([])
        let tap = FrameTap { event in
            if case .sent(let bytes) = event.kind { recorded.withLockedValue { $0 += Array(bytes.readableBytesView) } }
        }
        let (proxy, port) = try await startProxy(to: server.port, sink: CollectingSink(), recording: tap)
        let client = try await Peer.connect(port: port)
        let open = try TestFrames.openRequest(password: "hunter2")
        try await client.send(open)
        let peer = try await server.peer(0)
        try await eventually { peer.record.bytes.count == open.count }
        _ = await proxy.stop()
        #expect(peer.record.bytes == open)
        let recording = recorded.withLockedValue { $0 }
        #expect(recording.count == open.count)
        #expect(String(decoding: recording, as: UTF8.self).contains("*******"))
        #expect(!String(decoding: recording, as: UTF8.self).contains("hunter2"))
    }
}

/// A sink whose messages wait while it is closed (notes pass), counting what it showed.
final class GatedSink: ProxySink {
    private let gate = NIOLockedValueBox(true)
    private let shown = NIOLockedValueBox<[ProxyRecord]>([])

    func show(_ record: ProxyRecord) {
        if case .message = record {
            while !gate.withLockedValue({ $0 }) { usleep(1_000) }
        }
        shown.withLockedValue { $0.append(record) }
    }

    func close() { gate.withLockedValue { $0 = false } }
    func open() { gate.withLockedValue { $0 = true } }

    var messages: Int { shown.withLockedValue { $0.filter { if case .message = $0 { true } else { false } }.count } }
    var notes: [ProxyNote] { shown.withLockedValue { $0.compactMap { if case .note(let note) = $0 { note } else { nil } } } }
}
