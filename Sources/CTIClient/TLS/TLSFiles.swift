import NIOSSL
#if canImport(Glibc)
import Glibc
#endif

/// Reads PEM certificates and keys with errors that name the file and what it should hold.
enum TLSFiles {
    static func certificates(_ path: String, role: String) throws(CTIClientError) -> [NIOSSLCertificate] {
        try readable(path, role: role)
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(path)
        } catch {
            throw .tls("\(role) \(path): \(TLSFailure.describeFileError(error, expected: "PEM certificates"))")
        }
        guard !certificates.isEmpty else { throw .tls("\(role) \(path): no PEM certificate in it") }
        return certificates
    }

    static func privateKey(_ path: String) throws(CTIClientError) -> NIOSSLPrivateKey {
        try readable(path, role: "key")
        do {
            return try NIOSSLPrivateKey(file: path, format: .pem)
        } catch {
            throw .tls("key \(path): \(TLSFailure.describeFileError(error, expected: "a PEM private key"))")
        }
    }

    /// Missing and unreadable files are named as such (NIOSSL only says it could not load them).
    private static func readable(_ path: String, role: String) throws(CTIClientError) {
        guard access(path, R_OK) == 0 else { throw .tls("\(role) \(path): \(TLSFailure.systemError(errno))") }
    }
}
