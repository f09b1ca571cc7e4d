import CTIProtocol
import NIOCore
import NIOTLS

/// The last handler of a side's pipeline: it cuts the bytes into frames and moves them to the
/// client core (and tells it when the connection ends). All session logic lives in
/// ``SessionStateMachine``.
///
/// The frames are cut here with a ``CTIFrameDecoder`` rather than in a `ByteToMessageHandler`
/// of their own: that would wrap every frame in `NIOAny` and pass it down the pipeline, which
/// costs more than cutting it.
final class ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let core: ClientCore
    private let side: CTISide
    private let connectionID: Int
    private var closeReason = "closed by the server"
    /// TLS is on and its handshake has not completed: a failure now is a TLS failure.
    private var inTLSHandshake: Bool
    private var frames = NIOSingleStepByteToMessageProcessor(CTIFrameDecoder())
    /// A framing error ended the stream: nothing after it is a frame boundary.
    private var broken = false

    init(core: ClientCore, side: CTISide, connectionID: Int, tls: Bool) {
        self.core = core
        self.side = side
        self.connectionID = connectionID
        self.inTLSHandshake = tls
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted? = event as? TLSUserEvent { inTLSHandshake = false }
        context.fireUserInboundEventTriggered(event)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !broken else { return }
        do {
            try frames.process(buffer: unwrapInboundIn(data)) { frame in
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
        context.fireChannelInactive()
    }
}
