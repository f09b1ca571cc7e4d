/// TLS for the connections to both sides: secured CTI Server connections (Unified CCE 12.x
/// and later). Certificate and host-name verification are on unless ``verifyPeer`` is turned off.
public struct ClientTLS: Hashable, Sendable {
    /// PEM file of the certificate authorities to trust; `nil`: the system's trust store.
    public var caFile: String?
    /// PEM certificate (chain) presented to a server that asks for client certificates.
    public var certificateFile: String?
    /// PEM private key of ``certificateFile``.
    public var keyFile: String?
    /// Verify the server's certificate chain and that it names the host connected to (an IP
    /// address is checked against the certificate's IP subject alternative names).
    public var verifyPeer: Bool

    public init(caFile: String? = nil, certificateFile: String? = nil, keyFile: String? = nil, verifyPeer: Bool = true) {
        self.caFile = caFile
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.verifyPeer = verifyPeer
    }
}
