import CTIProtocol
import CTIProxy
import NIOCore
import Testing

/// The relay (issue 19): the bytes each end receives are those the other end sent, both ways,
/// with several clients at once; ends passed on.
@Suite struct RelayTests {
    @Test func randomBytesAreRelayedExactlyBothWaysForSeveralClientsAtOnce() async throws {
        let server = try await LoopbackServer.start()
        let sink = CollectingSink()
        let (proxy, port) = try await startProxy(to: server.port, sink: sink)
        let clientCount = 4
        var clients: [Peer] = []
        for _ in 0..<clientCount { clients.append(try await Peer.connect(port: port)) }
        try await eventually { server.peers.count == clientCount }
        // Which accepted connection is which client: each client first says its number.
        var random = TestRandom(state: 19)
        var upstream: [[UInt8]] = []
        var downstream: [[UInt8]] = []
        for index in 0..<clientCount {
            upstream.append([UInt8(index)] + random.bytes(150_000))
            downstream.append(random.bytes(150_000))
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<clientCount {
                let bytes = upstream[index]
                let cuts = random.cuts(bytes.count, every: 3000)
                let client = clients[index]
                group.addTask { try await client.send(bytes, cuts: cuts) }
            }
            try await group.waitForAll()
        }
        try await eventually { server.peers.allSatisfy { $0.record.bytes.count == 150_001 } }
        for peer in server.peers {
            let index = Int(peer.record.bytes[0])
            #expect(peer.record.bytes == upstream[index])
            try await peer.send(downstream[index], cuts: random.cuts(150_000, every: 5000))
        }
        try await eventually { clients.allSatisfy { $0.record.bytes.count == 150_000 } }
        for index in 0..<clientCount { #expect(clients[index].record.bytes == downstream[index]) }
        let totals = await proxy.stop()
        #expect(totals.connections == clientCount)
        #expect(totals.bytesFromClients == Int64(clientCount * 150_001))
        #expect(totals.bytesFromServers == Int64(clientCount * 150_000))
        await server.stop()
    }

    @Test func framesSplitAtEveryPositionArriveExactlyAndAreEachDecodedOnce() async throws {
        let server = try await LoopbackServer.start()
        let sink = CollectingSink()
        let (proxy, port) = try await startProxy(to: server.port, sink: sink)
        let client = try await Peer.connect(port: port)
        let open = try TestFrames.openRequest(password: "hunter2")
        var sent: [UInt8] = []
        for cut in 1..<open.count {
            try await client.send(open, cuts: [cut])
            sent += open
        }
        let peer = try await server.peer(0)
        try await eventually { peer.record.bytes.count == sent.count }
        #expect(peer.record.bytes == sent)
        // And back: heartbeats cut at every position.
        let heartbeat = try TestFrames.heartbeat(invokeID: 7)
        var back: [UInt8] = []
        for cut in 1..<heartbeat.count {
            try await peer.send(heartbeat, cuts: [cut])
            back += heartbeat
        }
        try await eventually { client.record.bytes.count == back.count }
        #expect(client.record.bytes == back)
        let totals = await proxy.stop()
        #expect(sink.messages == Array(repeating: "OPEN_REQ", count: open.count - 1) + Array(repeating: "HEARTBEAT_REQ", count: heartbeat.count - 1))
        #expect(totals.frames == open.count + heartbeat.count - 2)
        #expect(totals.skippedBytes == 0)
        await server.stop()
    }

    @Test func aHalfCloseOfTheClientIsPassedOnAndTheServerCanStillAnswer() async throws {
        let server = try await LoopbackServer.start()
        let (proxy, port) = try await startProxy(to: server.port, sink: CollectingSink())
        let client = try await Peer.connect(port: port)
        try await client.send([1, 2, 3])
        let peer = try await server.peer(0)
        try await client.halfClose()
        try await eventually { peer.record.inputClosed }
        #expect(peer.record.bytes == [1, 2, 3])
        try await peer.send([4, 5])
        try await eventually { client.record.bytes == [4, 5] }
        try await peer.halfClose()
        try await eventually { client.record.inputClosed || client.record.inactive }
        _ = await proxy.stop()
        await server.stop()
    }

    @Test func aResetOfEitherEndIsPassedOnAsAReset() async throws {
        let server = try await LoopbackServer.start()
        let sink = CollectingSink()
        let (proxy, port) = try await startProxy(to: server.port, sink: sink)
        // The client resets.
        let first = try await Peer.connect(port: port)
        try await first.send([9])
        let firstPeer = try await server.peer(0)
        try await eventually { firstPeer.record.bytes == [9] }
        try await first.reset()
        try await eventually { firstPeer.record.inactive }
        #expect(!firstPeer.record.inputClosed)
        #expect(firstPeer.record.error != nil)
        // The server resets; and the proxy still serves new connections.
        let second = try await Peer.connect(port: port)
        let secondPeer = try await server.peer(1)
        try await secondPeer.reset()
        try await eventually { second.record.inactive }
        #expect(!second.record.inputClosed)
        #expect(second.record.error != nil)
        do {
            try await eventually { sink.notes.filter { if case .closed(_, _, true) = $0 { true } else { false } }.count == 2 }
        } catch {
            Issue.record("both pairs end as resets; the notes: \(sink.notes)")
            throw error
        }
        let third = try await Peer.connect(port: port)
        try await third.send([1])
        try await eventually { server.peers.dropFirst(2).first?.record.bytes == [1] }
        _ = await proxy.stop()
        await server.stop()
    }

    @Test func aServerThatRefusesGetsTheClientClosedAndReported() async throws {
        // A port nothing listens on: bound, then closed.
        let gone = try await LoopbackServer.start()
        let port = gone.port
        await gone.stop()
        let sink = CollectingSink()
        let (proxy, proxyPort) = try await startProxy(to: port, sink: sink)
        // The reset can reach the client before its own connect is reported done (both in one
        // poll on loopback): then the connect fails with it, which is the client closed too.
        if let client = try? await Peer.connect(port: proxyPort) {
            try await eventually { client.record.inactive }
        }
        try await eventually { sink.notes.contains { if case .connectFailed = $0 { true } else { false } } }
        _ = await proxy.stop()
    }
}
