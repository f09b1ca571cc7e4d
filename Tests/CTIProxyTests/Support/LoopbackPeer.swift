import CTIClient
import CTIProxy
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// What one end of a test connection has seen.
struct PeerRecord: Sendable {
    var bytes: [UInt8] = []
    /// The other end half-closed (FIN).
    var inputClosed = false
    /// The channel has gone.
    var inactive = false
    /// An error reading (a reset shows as one).
    var error: String?
}

/// Records what a channel reads, and its end; half-closure allowed.
final class PeerHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let record = NIOLockedValueBox(PeerRecord())

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        record.withLockedValue { $0.bytes.append(contentsOf: buffer.readableBytesView) }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event { record.withLockedValue { $0.inputClosed = true } }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        record.withLockedValue { $0.error = "\(error)" }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        record.withLockedValue { $0.inactive = true }
    }
}

/// One end of a test connection on 127.0.0.1.
struct Peer: Sendable {
    let channel: any Channel
    let handler: PeerHandler

    var record: PeerRecord { handler.record.withLockedValue { $0 } }

    /// Writes the bytes in pieces cut at `cuts` (each flushed on its own).
    func send(_ bytes: [UInt8], cuts: [Int] = []) async throws {
        var start = 0
        for cut in cuts + [bytes.count] where cut > start && cut <= bytes.count {
            try await channel.writeAndFlush(ByteBuffer(bytes: bytes[start..<cut]))
            start = cut
        }
    }

    func halfClose() async throws { try await channel.close(mode: .output) }

    /// Closes with a reset (SO_LINGER 0).
    func reset() async throws {
        try await (channel as! any SocketOptionProvider).setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        try await channel.close()
    }

    static func connect(port: Int) async throws -> Peer {
        let handler = PeerHandler()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .channelInitializer { channel in channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(handler) } }
            .connect(host: "127.0.0.1", port: port).get()
        return Peer(channel: channel, handler: handler)
    }
}

/// A server on 127.0.0.1 (ephemeral port) keeping each connection it accepts as a ``Peer``.
final class LoopbackServer: Sendable {
    let channel: any Channel
    private let accepted: NIOLockedValueBox<[Peer]>

    var port: Int { channel.localAddress!.port! }
    var peers: [Peer] { accepted.withLockedValue { $0 } }

    private init(channel: any Channel, accepted: NIOLockedValueBox<[Peer]>) {
        self.channel = channel
        self.accepted = accepted
    }

    static func start() async throws -> LoopbackServer {
        let accepted = NIOLockedValueBox<[Peer]>([])
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = PeerHandler()
                    try channel.pipeline.syncOperations.addHandler(handler)
                    accepted.withLockedValue { $0.append(Peer(channel: channel, handler: handler)) }
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return LoopbackServer(channel: channel, accepted: accepted)
    }

    /// The `index`th connection accepted, once it is there.
    func peer(_ index: Int) async throws -> Peer {
        try await eventually { peers.count > index }
        return peers[index]
    }

    func stop() async { try? await channel.close() }
}

/// A sink keeping what it is shown.
final class CollectingSink: ProxySink {
    let records = NIOLockedValueBox<[ProxyRecord]>([])

    func show(_ record: ProxyRecord) { records.withLockedValue { $0.append(record) } }

    var messages: [String] {
        records.withLockedValue { $0.compactMap { if case .message(let message, _, _, _) = $0 { message.name } else { nil } } }
    }
    var notes: [ProxyNote] {
        records.withLockedValue { $0.compactMap { if case .note(let note) = $0 { note } else { nil } } }
    }
    var undecodable: Int {
        records.withLockedValue { $0.filter { if case .undecodable = $0 { true } else { false } }.count }
    }
}

struct Timeout: Error {}

/// Waits until `condition` holds (checked every 10 ms), failing after 30 s: a completion
/// deadline, not a speed check.
func eventually(_ condition: () -> Bool) async throws {
    for _ in 0..<3000 {
        if condition() { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    throw Timeout()
}

/// A proxy on 127.0.0.1 (ephemeral port, side A) relaying to `port`.
func startProxy(to port: Int, sink: any ProxySink, capacity: Int = ProxyConfiguration.defaultPrintQueueCapacity,
                recording: FrameTap? = nil) async throws -> (CTIProxy, Int) {
    let route = ProxyRoute(side: .a, listenHost: "127.0.0.1", listenPort: 0, serverHost: "127.0.0.1", serverPort: port)
    let proxy = try await CTIProxy.start(ProxyConfiguration(routes: [route], printQueueCapacity: capacity, recording: recording), sink: sink)
    return (proxy, proxy.listeners[0].address.port!)
}
