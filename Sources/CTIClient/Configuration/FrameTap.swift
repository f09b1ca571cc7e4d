/// Sees every byte the client's connections send and receive, and when each connection starts
/// and ends (``ClientConfiguration/frameTap``): what `cti watch --record FILE.pcap` writes. Each
/// TCP connection (a reconnect or a failover makes a new one) is reported on its own.
///
/// The bytes are those the client's channel handler moves: with TLS, the CTI frames in clear.
/// Heartbeats and every other message are included, in both directions, whether or not the
/// event stream shows them. The tap is called on the client's event loop, in the order things
/// happened on each connection: it must return quickly and not block.
public struct FrameTap: Sendable {
    private let observer: @Sendable (FrameTapEvent) -> Void

    public init(_ observer: @escaping @Sendable (FrameTapEvent) -> Void) {
        self.observer = observer
    }

    public func callAsFunction(_ event: FrameTapEvent) {
        observer(event)
    }
}
