import CTIProtocol
import NIOCore
import NIOTLS

/// The last handler of a side's pipeline: it cuts the bytes into frames and moves them to the
/// client core (and tells it when the connection ends). All session logic lives in
/// ``SessionStateMachine``. With a ``FrameTap`` it also shows the tap the bytes it moves, both
/// ways, and the connection's start and end.
///
/// The frames are cut here with a ``CTIFrameDecoder`` rather than in a `ByteToMessageHandler`
/// of their own: that would wrap every frame in `NIOAny` and pass it down the pipeline, which
/// costs more than cutting it.
final class ConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let core: ClientCore
    private let side: CTISide
    private let connectionID: Int
    private var closeReason = "closed by the server"
    /// TLS is on and its handshake has not completed: a failure now is a TLS failure.
    private var inTLSHandshake: Bool
    private var frames = NIOSingleStepByteToMessageProcessor(CTIFrameDecoder())
    /// A framing error ended the stream: nothing after it is a frame boundary.
    private var broken = false
    private let tap: FrameTap?
    /// The connection as the tap names it, once the tap has been told it is up.
    private var tapped: FrameTapConnection?

    init(core: ClientCore, side: CTISide, connectionID: Int, tls: Bool, tap: FrameTap? = nil) {
        self.core = core
        self.side = side
        self.connectionID = connectionID
        self.inTLSHandshake = tls
        self.tap = tap
    }

    func channelActive(context: ChannelHandlerContext) {
        if let tap { _ = tappedConnection(tap, context) }
        context.fireChannelActive()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if let tap, let connection = tappedConnection(tap, context) {
            tap(FrameTapEvent(kind: .sent(unwrapOutboundIn(data)), connection: connection, time: WallClock.now()))
        }
        context.write(data, promise: promise)
    }

    /// The connection as the tap names it. The first call tells the tap the connection is up:
    /// from `channelActive`, or from the first write, which comes before it (the client writes
    /// the OPEN_REQ when the connect succeeds, and NIO succeeds the connect before it fires
    /// `channelActive`).
    private func tappedConnection(_ tap: FrameTap, _ context: ChannelHandlerContext) -> FrameTapConnection? {
        if let tapped { return tapped }
        guard let local = context.channel.localAddress, let remote = context.channel.remoteAddress else { return nil }
        let connection = FrameTapConnection(id: connectionID, side: side, local: local, remote: remote)
        tapped = connection
        tap(FrameTapEvent(kind: .connected, connection: connection, time: WallClock.now()))
        return connection
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted? = event as? TLSUserEvent { inTLSHandshake = false }
        context.fireUserInboundEventTriggered(event)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        if let tap, let connection = tappedConnection(tap, context) {
            tap(FrameTapEvent(kind: .received(bytes), connection: connection, time: WallClock.now()))
        }
        guard !broken else { return }
        do {
            try frames.process(buffer: bytes) { frame in
                core.frameReceived(frame, side: side, connectionID: connectionID)
            }
        } catch {
            broken = true
            errorCaught(context: context, error: error)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        core.readComplete()
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        noteCloseReason(error)
        context.close(promise: nil)
    }

    private func noteCloseReason(_ error: any Error) {
        closeReason = ClientCore.describe(error)
        if inTLSHandshake && !closeReason.hasPrefix("TLS") {
            closeReason = "TLS handshake failed: \(closeReason) (does the server speak TLS?)"
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !broken {
            // Bytes left over at the end: a frame cut short.
            do {
                try frames.finishProcessing(seenEOF: true) { frame in
                    core.frameReceived(frame, side: side, connectionID: connectionID)
                }
            } catch {
                broken = true
                noteCloseReason(error)
            }
        }
        if inTLSHandshake && closeReason == "closed by the server" {
            closeReason = "TLS handshake failed: closed by the server (does the server speak TLS?)"
        }
        core.connectionClosed(side: side, connectionID: connectionID, reason: closeReason)
        if let tap, let tapped { tap(FrameTapEvent(kind: .disconnected, connection: tapped, time: WallClock.now())) }
        context.fireChannelInactive()
    }
}
