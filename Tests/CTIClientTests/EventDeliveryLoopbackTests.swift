import CTIProtocol
import CTISimulator
import Foundation
import Synchronization
import Testing
@testable import CTIClient

/// ``EventDelivery/handler(_:)`` and ``ClientConfiguration/receiveBufferSize`` against CTISimulator
/// over loopback: the records a stream would carry, in order, to the closure, `nil` at the end;
/// a receive buffer far smaller than the messages loses nothing.
@Suite(.timeLimit(.minutes(1)))
struct EventDeliveryLoopbackTests {
    /// What a handler was given (`nil` marks the end).
    final class Delivered: Sendable {
        private let events = Mutex<[ClientEvent?]>([])

        var handler: EventDelivery { .handler { event in self.events.withLock { $0.append(event) } } }
        var all: [ClientEvent?] { events.withLock { $0 } }

        func wait(until predicate: ([ClientEvent?]) -> Bool) async throws {
            for _ in 0..<300 where !predicate(all) { try await Task.sleep(for: .milliseconds(50)) }
        }
    }

    static func ended(_ events: [ClientEvent?]) -> Bool {
        if case .some(.none) = events.last { return true }
        return false
    }

    @Test func theHandlerGetsEveryRecordInOrderThenNilAndTheStreamEndsAtOnce() async throws {
        let simulator = try await LoopbackTests.simulator()
        defer { Task { await simulator.stop() } }
        let delivered = Delivered()
        let client = CTIClient(configuration: LoopbackTests.configuration(simulator) { $0.eventDelivery = delivered.handler })
        var iterator = client.events.makeAsyncIterator()
        #expect(await iterator.next() == nil)
        try await client.open()
        _ = await simulator.flood(count: 3)
        try await delivered.wait { events in events.compactMap { $0?.message }.count >= 3 }
        await client.close()
        try await delivered.wait { Self.ended($0) }
        let events = delivered.all
        #expect(Self.ended(events), "the end is marked")
        #expect(events.dropLast().allSatisfy { $0 != nil }, "nil only at the end")
        let records = events.compactMap { $0 }
        #expect(records.map(\.sequence) == Array(1...UInt64(records.count)), "in order, none missing")
        #expect(records.first?.lifecycle?.name == "connecting")
        #expect(records.contains { $0.lifecycle?.name == "opened" })
        #expect(records.compactMap(\.message).count >= 3)
        #expect(records.last?.lifecycle?.name == "closed")
    }

    @Test func aSmallReceiveBufferStillDecodesLargeMessages() async throws {
        let simulator = try await LoopbackTests.simulator()
        defer { Task { await simulator.stop() } }
        let delivered = Delivered()
        let client = CTIClient(configuration: LoopbackTests.configuration(simulator) {
            $0.eventDelivery = delivered.handler
            $0.receiveBufferSize = 64
        })
        try await client.open()
        // 200 events of a few hundred bytes each, read 64 bytes at a time at first.
        _ = await simulator.flood(count: 200)
        try await delivered.wait { events in events.compactMap { $0?.message }.count >= 200 }
        #expect(delivered.all.compactMap { $0?.message }.count >= 200)
        #expect(!delivered.all.contains { if case .undecodable? = $0?.kind { return true } else { return false } })
        await client.close()
    }
}
