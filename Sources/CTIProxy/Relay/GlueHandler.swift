import CTICapture
import NIOCore
import NIOPosix

/// One end of a relayed connection pair, glued to the handler of the other end (as
/// swift-nio-examples' connect-proxy `GlueHandler`): every buffer read is written unchanged to
/// the partner at once and flushed when the read completes; the tap sees the same buffer.
/// Backpressure: while the partner cannot take more, this end stops reading. A half-close is
/// passed on as a half-close (the partner's output is shut), a reset or failure as a reset
/// (the partner is closed with SO_LINGER 0).
final class GlueHandler {
    private var partner: GlueHandler?
    private var context: ChannelHandlerContext?
    private var pendingRead = false
    /// This end sent its FIN (a half-close).
    private var inputClosed = false
    /// The partner's FIN was passed on to this end.
    private var outputClosed = false
    /// This end was closed because the partner's had gone (its end is not what failed).
    private var closedByPartner = false
    private let tap: ConnectionTap
    /// Which way the bytes this end reads go.
    private let direction: CaptureDirection
    /// Called once, when this end's channel has gone (with whether it ended by reset).
    private let ended: (Bool) -> Void

    private init(tap: ConnectionTap, direction: CaptureDirection, ended: @escaping (Bool) -> Void) {
        self.tap = tap
        self.direction = direction
        self.ended = ended
    }

    /// The handlers of the client's and the server's end.
    static func pair(tap: ConnectionTap, ended: @escaping (Bool) -> Void) -> (client: GlueHandler, server: GlueHandler) {
        let client = GlueHandler(tap: tap, direction: .clientToServer, ended: ended)
        let server = GlueHandler(tap: tap, direction: .serverToClient, ended: ended)
        client.partner = server
        server.partner = client
        return (client, server)
    }

    private func partnerWrite(_ data: NIOAny) {
        context?.write(data, promise: nil)
    }

    private func partnerFlush() {
        context?.flush()
    }

    /// The partner's end half-closed: so does this end's output (when both halves are done, the
    /// channel closes).
    private func partnerWriteEOF() {
        guard let context, !outputClosed else { return }
        outputClosed = true
        context.close(mode: .output, promise: nil)
        if inputClosed { context.close(promise: nil) }
    }

    /// The partner's channel has gone: this one closes too; with a reset when the partner's did.
    private func partnerClosed(reset: Bool) {
        guard let context else { return }
        closedByPartner = true
        if reset { Self.resetOnClose(context.channel) }
        context.close(promise: nil)
    }

    private var partnerWritable: Bool { context?.channel.isWritable ?? false }

    private func partnerBecameWritable() {
        if pendingRead {
            pendingRead = false
            context?.read()
        }
    }

    /// Makes the channel's close a reset (RST, SO_LINGER 0).
    static func resetOnClose(_ channel: any Channel) {
        _ = (channel as? any SocketOptionProvider)?.setSoLinger(linger(l_onoff: 1, l_linger: 0))
    }
}

extension GlueHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        partner = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        tap.read(unwrapInboundIn(data), direction)
        partner?.partnerWrite(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        partner?.partnerFlush()
    }

    func channelInactive(context: ChannelHandlerContext) {
        let reset = !inputClosed && !closedByPartner
        if !inputClosed { tap.ended(direction) }
        partner?.partnerClosed(reset: reset)
        ended(reset)
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard case ChannelEvent.inputClosed = event else { return context.fireUserInboundEventTriggered(event) }
        inputClosed = true
        tap.ended(direction)
        partner?.partnerWriteEOF()
        if outputClosed { context.close(promise: nil) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { partner?.partnerBecameWritable() }
    }

    func read(context: ChannelHandlerContext) {
        if partner?.partnerWritable ?? false {
            context.read()
        } else {
            pendingRead = true
        }
    }
}
