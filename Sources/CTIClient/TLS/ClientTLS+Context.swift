import NIOCore
import NIOSSL

extension ClientTLS {
    /// The TLS context for these settings; the files are read here, so a missing or unreadable
    /// file fails ``CTIClient/open()`` at once with ``CTIClientError/tls(_:)`` naming it.
    public func makeContext() throws(CTIClientError) -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        configuration.certificateVerification = verifyPeer ? .fullVerification : .none
        if let caFile {
            configuration.trustRoots = .certificates(try TLSFiles.certificates(caFile, role: "CA file"))
        }
        switch (certificateFile, keyFile) {
        case (nil, nil):
            break
        case (let certificateFile?, let keyFile?):
            configuration.certificateChain = try TLSFiles.certificates(certificateFile, role: "certificate").map { .certificate($0) }
            configuration.privateKey = .privateKey(try TLSFiles.privateKey(keyFile))
        default:
            throw .tls("a client certificate needs both its certificate file and its key file")
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw .tls("cannot set up TLS: \(TLSFailure.describe(error))")
        }
    }

    /// The handler for a connection to `host`: SNI and host-name verification by name, or by
    /// the peer's IP address when `host` is an address literal (SNI carries names only).
    public static func handler(context: NIOSSLContext, host: String) throws -> NIOSSLClientHandler {
        let isAddress = (try? SocketAddress(ipAddress: host, port: 0)) != nil
        return try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : host)
    }
}
