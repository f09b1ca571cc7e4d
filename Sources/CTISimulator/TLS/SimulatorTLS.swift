import NIOSSL
#if canImport(Glibc)
import Glibc
#endif

/// TLS for both listening sides (`cti simulate --tls-cert --tls-key`), as a secured CTI Server
/// (Unified CCE 12.x and later) serves it.
public struct SimulatorTLS: Hashable, Sendable {
    /// PEM certificate (chain) the server presents.
    public var certificateFile: String
    /// PEM private key of the certificate.
    public var keyFile: String
    /// When set, clients must present a certificate signed by one of these PEM CAs.
    public var clientCAFile: String?

    public init(certificateFile: String, keyFile: String, clientCAFile: String? = nil) {
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.clientCAFile = clientCAFile
    }

    /// Reads the files; errors name the file and what is wrong with it.
    public func makeContext() throws(SimulatorError) -> NIOSSLContext {
        func read<T>(_ path: String, _ what: String, _ load: (String) throws -> T) throws(SimulatorError) -> T {
            guard access(path, R_OK) == 0 else {
                throw SimulatorError(.tls, "\(what) \(path): \(String(cString: strerror(errno)).lowercased())")
            }
            do {
                return try load(path)
            } catch {
                throw SimulatorError(.tls, "\(what) \(path): not PEM")
            }
        }
        let chain = try read(certificateFile, "certificate", NIOSSLCertificate.fromPEMFile)
        guard !chain.isEmpty else { throw SimulatorError(.tls, "certificate \(certificateFile): no PEM certificate in it") }
        let key = try read(keyFile, "key", { try NIOSSLPrivateKey(file: $0, format: .pem) })
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        if let clientCAFile {
            configuration.trustRoots = .certificates(try read(clientCAFile, "client CA file", NIOSSLCertificate.fromPEMFile))
            configuration.certificateVerification = .noHostnameVerification
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw SimulatorError(.tls, "cannot set up TLS with \(certificateFile) and \(keyFile): \(error)")
        }
    }
}
