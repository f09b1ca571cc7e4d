import NIOCore
import NIOSSL
#if canImport(Glibc)
import Glibc
#endif

/// TLS errors in a few words, for connection-failure reasons and `cti` diagnostics: BoringSSL's
/// `error:...:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED` becomes
/// `certificate verify failed`.
public enum TLSFailure {
    public static func describe(_ error: any Error) -> String {
        switch error {
        case NIOSSLError.handshakeFailed(let stack):
            return "TLS handshake failed: " + reasons(stack)
        case let error as NIOSSLExtraError where error == .failedToValidateHostname:
            return "TLS: the server's certificate does not name this host"
        case NIOSSLError.uncleanShutdown:
            return "closed by the server (no TLS close_notify)"
        case let error as BoringSSLError:
            return "TLS: \(reasons(error))"
        default:
            return "\(error)"
        }
    }

    static func describeFileError(_ error: any Error, expected: String) -> String {
        if let error = error as? IOError { return systemError(error.errnoCode) }
        if error is BoringSSLError || error is NIOSSLError { return "not \(expected)" }
        return "\(error)"
    }

    /// A system error number in words, lower-cased: `no such file or directory`.
    static func systemError(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }

    /// The reason codes of an error stack, lower-cased words: the part after
    /// `OPENSSL_internal:` of each entry, without the source location.
    private static func reasons(_ error: BoringSSLError) -> String {
        guard case .sslError(let stack) = error else { return "\(error)" }
        let words = stack.map { entry -> String in
            var text = Substring(entry.description)
            if let range = text.firstRange(of: "OPENSSL_internal:") { text = text[range.upperBound...] }
            if let range = text.firstRange(of: " at ") { text = text[..<range.lowerBound] }
            return String(text.map { $0 == "_" ? " " : $0 }).lowercased()
        }
        return words.isEmpty ? "no reason given" : words.joined(separator: "; ")
    }
}
