import NIOCore

/// Runs `arrived` when an accepted client's channel becomes active (its initializer runs
/// before), then leaves the pipeline.
final class ClientArrival: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    private let arrived: () -> Void

    init(_ arrived: @escaping () -> Void) {
        self.arrived = arrived
    }

    func channelActive(context: ChannelHandlerContext) {
        context.fireChannelActive()
        arrived()
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }
}
