import CTIProtocol
import NIOCore
import NIOTLS

/// The last handler of a side's pipeline: it only moves frames to the client core (and tells it
/// when the connection ends). All session logic lives in ``SessionStateMachine``.
final class ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = CTIFrame

    private let core: ClientCore
    private let side: CTISide
    private let connectionID: Int
    private var closeReason = "closed by the server"
    /// TLS is on and its handshake has not completed: a failure now is a TLS failure.
    private var inTLSHandshake: Bool

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
        core.frameReceived(unwrapInboundIn(data), side: side, connectionID: connectionID)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        core.readComplete()
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        closeReason = ClientCore.describe(error)
        if inTLSHandshake && !closeReason.hasPrefix("TLS") {
            closeReason = "TLS handshake failed: \(closeReason) (does the server speak TLS?)"
        }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if inTLSHandshake && closeReason == "closed by the server" {
            closeReason = "TLS handshake failed: closed by the server (does the server speak TLS?)"
        }
        core.connectionClosed(side: side, connectionID: connectionID, reason: closeReason)
        context.fireChannelInactive()
    }
}
