import CTIProtocol
import NIOCore

/// The last handler of a side's pipeline: it only moves frames to the client core (and tells it
/// when the connection ends). All session logic lives in ``SessionStateMachine``.
final class ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = CTIFrame

    private let core: ClientCore
    private let side: CTISide
    private let connectionID: Int
    private var closeReason = "closed by the server"

    init(core: ClientCore, side: CTISide, connectionID: Int) {
        self.core = core
        self.side = side
        self.connectionID = connectionID
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        core.frameReceived(unwrapInboundIn(data), side: side, connectionID: connectionID)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        closeReason = "\(error)"
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        core.connectionClosed(side: side, connectionID: connectionID, reason: closeReason)
        context.fireChannelInactive()
    }
}
