import CTIProtocol
import CTISimulator
import CTITestSupport
import Foundation
import NIOCore
import Synchronization
import Testing
@testable import CTIClient

/// ``ClientConfiguration/frameTap`` against CTISimulator over loopback: every byte both ways
/// (heartbeats included), each connection's addresses, start and end, in order.
@Suite(.timeLimit(.minutes(1)))
struct FrameTapLoopbackTests {
    /// What a tap was told.
    final class TapLog: Sendable {
        private let events = Mutex<[FrameTapEvent]>([])

        var tap: FrameTap { FrameTap { event in self.events.withLock { $0.append(event) } } }
        var all: [FrameTapEvent] { events.withLock { $0 } }

        /// Waits (at most 15 s) until `predicate` holds for the events so far.
        func wait(until predicate: ([FrameTapEvent]) -> Bool) async throws {
            for _ in 0..<300 where !predicate(all) { try await Task.sleep(for: .milliseconds(50)) }
        }

        /// The names of the frames in the bytes sent (`sent`) or received on a connection, in
        /// stream order.
        func frameNames(sent: Bool, connection id: Int? = nil) -> [String] {
            var stream = ByteBuffer()
            for event in all where id == nil || event.connection.id == id {
                switch event.kind {
                case .sent(let bytes) where sent, .received(let bytes) where !sent: stream.writeImmutableBuffer(bytes)
                default: break
                }
            }
            var names: [String] = []
            while let length = stream.readInteger(as: UInt32.self), let type = stream.readInteger(as: UInt32.self),
                  stream.readSlice(length: Int(length)) != nil {
                names.append(MessageCatalog.standard.descriptor(wireType: type, version: .v25)?.name ?? "type \(type)")
            }
            #expect(stream.readableBytes == 0, "the stream ends on a frame boundary")
            return names
        }
    }

    static func kindName(_ event: FrameTapEvent) -> String {
        switch event.kind {
        case .connected: "connected"
        case .sent: "sent"
        case .received: "received"
        case .disconnected: "disconnected"
        }
    }

    static func wallClock() -> Duration {
        .nanoseconds(Int64(Date().timeIntervalSince1970 * 1e9))
    }

    @Test func theTapSeesEveryByteBothWaysHeartbeatsIncludedWithTheConnectionsAddresses() async throws {
        let simulator = try await LoopbackTests.simulator()
        let log = TapLog()
        let started = Self.wallClock()
        let client = CTIClient(configuration: LoopbackTests.configuration(simulator, heartbeat: .seconds(5)) { $0.frameTap = log.tap })
        try await client.open()
        try await log.wait { _ in log.frameNames(sent: false).contains("HEARTBEAT_CONF") }
        await client.close()
        try await log.wait { $0.last.map(Self.kindName) == "disconnected" }
        let ended = Self.wallClock()
        await simulator.stop()

        let events = log.all
        #expect(events.first.map(Self.kindName) == "connected")
        #expect(events.last.map(Self.kindName) == "disconnected")
        #expect(events.dropFirst().dropLast().allSatisfy { ["sent", "received"].contains(Self.kindName($0)) })
        #expect(Set(events.map(\.connection)).count == 1)
        let connection = try #require(events.first?.connection)
        #expect(connection.side == .a)
        #expect(connection.remote.ipAddress == "127.0.0.1" && connection.remote.port == simulator.port(.a))
        #expect(connection.local.ipAddress == "127.0.0.1" && connection.local.port != nil && connection.local.port != connection.remote.port)
        let sent = log.frameNames(sent: true)
        #expect(sent.first == "OPEN_REQ" && sent.last == "CLOSE_REQ" && sent.contains("HEARTBEAT_REQ"), "\(sent)")
        let received = log.frameNames(sent: false)
        #expect(received.first == "OPEN_CONF" && received.contains("HEARTBEAT_CONF") && received.contains("CLOSE_CONF"), "\(received)")
        let times = events.map(\.time)
        #expect(times == times.sorted())
        // The real-time clock, to the millisecond Date reads it with.
        #expect(times.first! >= started - .milliseconds(1) && times.last! <= ended + .milliseconds(1))
    }

    @Test func overTLSTheTapSeesTheFramesInClear() async throws {
        let ca = try ThrowawayCA()
        defer { ca.remove() }
        let simulator = try await TLSLoopbackTests.simulator(try ca.issueLoopbackServer())
        let log = TapLog()
        let client = CTIClient(configuration: LoopbackTests.configuration(simulator, heartbeat: nil) { configuration in
            configuration.tls = ClientTLS(caFile: ca.certificate)
            configuration.frameTap = log.tap
        })
        try await client.open()
        await client.close()
        try await log.wait { $0.last.map(Self.kindName) == "disconnected" }
        await simulator.stop()
        #expect(log.frameNames(sent: true) == ["OPEN_REQ", "CLOSE_REQ"])
        #expect(log.frameNames(sent: false).first == "OPEN_CONF")
        #expect(log.frameNames(sent: false).last == "CLOSE_CONF")
    }

    @Test func eachConnectionIsReportedOnItsOwn() async throws {
        let simulator = try await LoopbackTests.simulator()
        let log = TapLog()
        let client = CTIClient(configuration: LoopbackTests.configuration(simulator) { $0.frameTap = log.tap })
        try await client.open()
        #expect(await client.reconnectNow(to: .a))
        try await log.wait { _ in log.frameNames(sent: false).filter { $0 == "OPEN_CONF" }.count == 2 }
        await client.close()
        try await log.wait { $0.filter { Self.kindName($0) == "disconnected" }.count == 2 }
        await simulator.stop()

        let events = log.all
        let ids = events.map(\.connection.id).reduce(into: [Int]()) { if $0.last != $1 { $0.append($1) } }
        #expect(ids.count == 2, "one connection's events, then the other's: \(ids)")
        for id in ids {
            let own = events.filter { $0.connection.id == id }
            #expect(own.first.map(Self.kindName) == "connected" && own.last.map(Self.kindName) == "disconnected")
            #expect(log.frameNames(sent: true, connection: id).first == "OPEN_REQ")
            #expect(log.frameNames(sent: false, connection: id).first == "OPEN_CONF")
        }
        let first = try #require(events.first?.connection)
        let second = try #require(events.last?.connection)
        #expect(first.local.port != second.local.port)
        #expect(first.remote == second.remote)
    }
}
