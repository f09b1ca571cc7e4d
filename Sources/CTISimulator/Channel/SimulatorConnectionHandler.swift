import CTIProtocol
import NIOCore

/// The last handler of a client connection's pipeline
/// (`ByteToMessageHandler(CTIFrameDecoder())` → `MessageToByteHandler(CTIFrameEncoder())` → this):
/// it only hands frames and channel state to the ``SimulatorEngine``, which writes frames back
/// through the channel.
///
/// Frames go to the engine at once, in order. Closes, errors and writability changes go on the
/// loop's next turn: they can fire in the middle of one of the engine's own writes or closes,
/// and the engine must not be re-entered there.
final class SimulatorConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = CTIFrame

    private let engine: SimulatorEngine
    private let side: CTISide
    private var id: ConnectionID?

    init(engine: SimulatorEngine, side: CTISide) {
        self.engine = engine
        self.side = side
    }

    func channelActive(context: ChannelHandlerContext) {
        id = engine.connectionOpened(on: side, channel: context.channel)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard let id else { return }
        engine.received(unwrapInboundIn(data), on: id)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let id {
            let engine = engine
            context.eventLoop.execute { engine.connectionClosed(id) }
        }
        context.fireChannelInactive()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if let id {
            let engine = engine
            let isWritable = context.channel.isWritable
            context.eventLoop.execute { engine.writabilityChanged(id, isWritable: isWritable) }
        }
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let id else {
            context.close(promise: nil)
            return
        }
        let engine = engine
        context.eventLoop.execute { engine.connectionFailed(id, error: error) }
    }
}
