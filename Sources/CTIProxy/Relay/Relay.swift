import CTIClient
import CTIProtocol
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// What a ``CTIProxy`` does with each client it accepts: its connection (TLS terminated when the
/// proxy has a certificate) is kept from reading until the connection to the route's server is
/// up, on the same event loop; then the two are glued (``GlueHandler``) with a
/// ``ConnectionTap`` between them. A server that cannot be reached gets the client reset.
struct Relay: Sendable {
    let configuration: ProxyConfiguration
    let listenContext: NIOSSLContext?
    let serverContext: NIOSSLContext?
    let state: NIOLockedValueBox<CTIProxyState>
    let totals: NIOLockedValueBox<ProxyTotals>
    let printer: PrintQueue

    /// Sets up an accepted client's channel (on its event loop) and connects on to the server.
    func accept(_ channel: any Channel, route: ProxyRoute) throws {
        let number: Int? = state.withLockedValue { state in
            guard !state.stopped else { return nil }
            defer { state.nextConnection += 1 }
            state.channels[state.nextConnection] = [channel]
            return state.nextConnection
        }
        guard let number else {
            _ = channel.close()
            return
        }
        totals.withLockedValue { $0.connections += 1 }
        if let listenContext {
            try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: listenContext))
        }
        // The connect starts once the client's channel is active: a loopback connect can
        // complete at once, before the accepted channel is.
        try channel.pipeline.syncOperations.addHandler(ClientArrival { connect(number: number, client: channel, route: route) })
    }

    /// Connects to the route's server for the client's connection `number`.
    private func connect(number: Int, client channel: any Channel, route: ProxyRoute) {
        let client = channel.remoteAddress
        let clientText = client.map(Self.text) ?? "?"
        let loop = channel.eventLoop
        let serverContext = self.serverContext
        let bootstrap = ClientBootstrap(group: loop)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .channelOption(.autoRead, value: false)
            .channelInitializer { server in
                loop.makeCompletedFuture {
                    if let serverContext {
                        try server.pipeline.syncOperations.addHandler(ClientTLS.handler(context: serverContext, host: route.serverHost))
                    }
                }
            }
        bootstrap.connect(host: route.serverHost, port: route.serverPort).whenComplete { result in
            switch result {
            case .success(let server):
                glue(number: number, client: channel, server: server, route: route, clientAddress: client, clientText: clientText)
            case .failure(let error):
                forget(number)
                printer.note(.connectFailed(connection: number, side: route.side, client: clientText, server: route.server, reason: "\(error)"))
                GlueHandler.resetOnClose(channel)
                channel.close(promise: nil)
            }
        }
    }

    /// Both ends up: the handlers are added and reading starts.
    private func glue(number: Int, client: any Channel, server: any Channel, route: ProxyRoute,
                      clientAddress: SocketAddress?, clientText: String) {
        let going = state.withLockedValue { state in
            guard !state.stopped, client.isActive else { return false }
            state.channels[number] = [client, server]
            return true
        }
        guard going, let clientAddress else {
            forget(number)
            GlueHandler.resetOnClose(server)
            server.close(promise: nil)
            client.close(promise: nil)
            return
        }
        let tap = ConnectionTap(connection: number, side: route.side, client: clientAddress, clientText: clientText, server: route.server,
                                proxyAddress: client.localAddress, version: configuration.version, printer: printer, totals: totals,
                                recording: configuration.recording, caughtUpAfter: configuration.printerCaughtUpAfter)
        printer.note(.connected(connection: number, side: route.side, client: clientText, server: route.server))
        var endings: [Bool] = []
        let (clientHandler, serverHandler) = GlueHandler.pair(tap: tap) { reset in
            endings.append(reset)
            guard endings.count == 2 else { return }
            tap.finish()
            forget(number)
            printer.note(.closed(connection: number, side: route.side, reset: endings.contains(true)))
        }
        do {
            try client.pipeline.syncOperations.addHandler(clientHandler)
            try server.pipeline.syncOperations.addHandler(serverHandler)
        } catch {
            client.close(promise: nil)
            server.close(promise: nil)
            return
        }
        _ = client.setOption(ChannelOptions.autoRead, value: true)
        _ = server.setOption(ChannelOptions.autoRead, value: true)
    }

    private func forget(_ number: Int) {
        state.withLockedValue { _ = $0.channels.removeValue(forKey: number) }
    }

    /// `address:port` (`[v6]:port`).
    static func text(_ address: SocketAddress) -> String {
        ProxyAddress.text(host: address.ipAddress ?? "?", port: address.port ?? 0)
    }
}

/// The connections a ``CTIProxy`` has up (both channels of each pair), and the next number.
struct CTIProxyState {
    var nextConnection = 1
    var channels: [Int: [any Channel]] = [:]
    var stopped = false
}
