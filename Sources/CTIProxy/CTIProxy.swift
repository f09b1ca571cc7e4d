import CTIClient
import CTIProtocol
import CTISimulator
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// A CTI proxy (issue 19, `cti proxy`): clients are pointed at its listening ports, it connects
/// on to the server of the route and relays the bytes both ways unchanged and at once (never
/// re-encoded, never held for a whole frame, frames that do not decode forwarded all the same),
/// one connection pair per client. Either end closing or resetting is passed on to the other;
/// the proxy goes on serving new connections. While relaying it cuts both directions into
/// frames and hands them to a ``ProxySink`` through a bounded queue (a slow sink never slows
/// the relay: what it misses is counted, ``ProxyTotals/notPrinted``), and to the
/// ``ProxyConfiguration/recording`` with secrets masked.
///
/// Usable in-process: ``start(_:sink:group:)``, ``listeners``, ``totals``, ``stop()``.
public final class CTIProxy: Sendable {
    /// A route and the address it is listening on (with the port chosen for port 0).
    public struct Listener: Sendable {
        public var route: ProxyRoute
        public var address: SocketAddress
    }

    public let listeners: [Listener]
    private let serverChannels: [any Channel]
    private let state: NIOLockedValueBox<CTIProxyState>
    private let totalsBox: NIOLockedValueBox<ProxyTotals>
    private let printer: PrintQueue

    private init(listeners: [Listener], serverChannels: [any Channel], state: NIOLockedValueBox<CTIProxyState>,
                 totals: NIOLockedValueBox<ProxyTotals>, printer: PrintQueue) {
        self.listeners = listeners
        self.serverChannels = serverChannels
        self.state = state
        self.totalsBox = totals
        self.printer = printer
    }

    /// What has been relayed so far.
    public var totals: ProxyTotals { totalsBox.withLockedValue { $0 } }

    /// Binds every route's listening address and starts serving; throws ``ProxyError`` when a
    /// TLS file cannot be used or an address cannot be bound (nothing is left listening then).
    public static func start(_ configuration: ProxyConfiguration, sink: any ProxySink,
                             group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws(ProxyError) -> CTIProxy {
        let listenContext: NIOSSLContext?
        let serverContext: NIOSSLContext?
        do {
            listenContext = try configuration.listenTLS?.makeContext()
        } catch {
            throw .tls(error.description)
        }
        do {
            serverContext = try configuration.serverTLS?.makeContext()
        } catch {
            throw .tls(error.description)
        }
        let state = NIOLockedValueBox(CTIProxyState())
        let totals = NIOLockedValueBox(ProxyTotals())
        let printer = PrintQueue(sink: sink, capacity: configuration.printQueueCapacity, version: configuration.version)
        let relay = Relay(configuration: configuration, listenContext: listenContext, serverContext: serverContext,
                          state: state, totals: totals, printer: printer)
        var listeners: [Listener] = []
        var channels: [any Channel] = []
        for route in configuration.routes {
            let bootstrap = ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelOption(.allowRemoteHalfClosure, value: true)
                .childChannelOption(.autoRead, value: false)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture { try relay.accept(channel, route: route) }
                }
            do {
                let channel = try await bootstrap.bind(host: route.listenHost, port: route.listenPort).get()
                channels.append(channel)
                listeners.append(Listener(route: route, address: channel.localAddress!))
            } catch {
                for channel in channels { try? await channel.close() }
                throw .bind(address: ProxyAddress.text(host: route.listenHost, port: route.listenPort), reason: "\(error)")
            }
        }
        return CTIProxy(listeners: listeners, serverChannels: channels, state: state, totals: totals, printer: printer)
    }

    /// Stops listening, closes every connection pair, waits until the sink has shown everything
    /// queued, and returns the totals.
    public func stop() async -> ProxyTotals {
        for channel in serverChannels { try? await channel.close() }
        let open = state.withLockedValue { state in
            state.stopped = true
            return state.channels.values.flatMap { $0 }
        }
        for channel in open { try? await channel.close() }
        // The pairs' taps report their ends on their loops: once those have run, the printer
        // has been handed everything.
        for channel in open {
            try? await channel.closeFuture.get()
            try? await channel.eventLoop.submit {}.get()
        }
        printer.drain()
        return totals
    }
}
