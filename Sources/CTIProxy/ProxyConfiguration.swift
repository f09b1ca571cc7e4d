import CTIClient
import CTIProtocol
import CTISimulator
import NIOCore

/// What a ``CTIProxy`` relays and how (issue 19): its routes, TLS towards the clients and the
/// servers, the protocol version frames are decoded with, and how far the printer may fall
/// behind before frames are counted as not printed.
public struct ProxyConfiguration: Sendable {
    /// Default ``printQueueCapacity``: frames waiting for the printer.
    public static let defaultPrintQueueCapacity = 65_536

    public var routes: [ProxyRoute]
    /// TLS towards the servers (the session commands' `--tls*` options, same meanings); nil:
    /// plain TCP.
    public var serverTLS: ClientTLS?
    /// TLS terminated for the clients (`--listen-tls-cert`, `--listen-tls-key`, `--listen-tls-ca`
    /// to ask clients for a certificate signed by that CA): the certificate the proxy presents,
    /// as a secured CTI Server (and `cti simulate --tls-cert`) does; nil: plain TCP, and a TLS
    /// stream from a client is relayed untouched and not decoded.
    public var listenTLS: SimulatorTLS?
    /// The version frames are decoded, framed and masked with.
    public var version: ProtocolVersion
    /// Frames the printer may have waiting; past this, frames are relayed (and recorded) but
    /// counted as not printed.
    public var printQueueCapacity: Int
    /// How long the printer must keep up again, after it fell behind, before a leg's
    /// ``ProxyNote/printerCaughtUp(_:notPrinted:)`` is given: a printer that falls behind over
    /// and over gets one pair of notes for the whole spell (the rest comes when the connection ends).
    public var printerCaughtUpAfter: TimeAmount = .seconds(1)
    /// Sees every whole frame relayed, secrets masked (``CTIFrame/maskingSecrets(version:catalog:)``),
    /// and each connection coming up and ending: `--record`. The connection is the client's leg
    /// (the client's address as `local`, the proxy's listening address as `remote`); frames from
    /// the client are ``FrameTapEvent/Kind/sent(_:)``, frames from the server `received`.
    public var recording: FrameTap?

    public init(routes: [ProxyRoute], serverTLS: ClientTLS? = nil, listenTLS: SimulatorTLS? = nil, version: ProtocolVersion = .v25,
                printQueueCapacity: Int = ProxyConfiguration.defaultPrintQueueCapacity, recording: FrameTap? = nil) {
        self.routes = routes
        self.serverTLS = serverTLS
        self.listenTLS = listenTLS
        self.version = version
        self.printQueueCapacity = printQueueCapacity
        self.recording = recording
    }
}
