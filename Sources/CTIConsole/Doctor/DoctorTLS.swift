import CTIClient
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS

/// The TLS check of `cti doctor`: a handshake with the session's TLS settings (the client's
/// ``ClientTLS/makeContext()`` and handler), and, to say what is wrong with a certificate the
/// handshake refused, one more without verification that reads the peer certificate: its
/// validity dates and the names it carries.
enum DoctorTLS {
    /// Days before expiry from which a valid certificate is a WARN.
    static let expiryWarningDays = 30

    /// The `tls A` / `tls B` check of `endpoint` with `tls`, at `now` (seconds since 1970).
    static func check(_ name: String, side: String, endpoint: Endpoint, tls: ClientTLS, timeout: Duration, now: time_t = time(nil)) async -> DoctorCheck {
        let verified: Result<NIOSSLCertificate?, Failure>
        do {
            verified = await handshake(endpoint, context: try tls.makeContext(), timeout: timeout)
        } catch {
            return .fail(name, "\(error)", fix: "correct the --tls-ca / --tls-cert / --tls-key file named")
        }
        switch verified {
        case .success(let certificate):
            let about = certificate.map { describe($0) } ?? "no certificate"
            guard tls.verifyPeer else {
                return .warn(name, "handshake done without verification (--tls-insecure): \(about)",
                             fix: "give the CA of side \(side)'s certificate with --tls-ca and leave --tls-insecure out")
            }
            if let certificate {
                if Int(certificate.notValidAfter) - Int(now) < expiryWarningDays * 86_400 {
                    return .warn(name, "verified, but the certificate expires within \(expiryWarningDays) days: \(about)",
                                 fix: "renew side \(side)'s server certificate before \(date(certificate.notValidAfter))")
                }
            }
            return .ok(name, "verified: \(about)")
        case .failure(let failure):
            // Read the certificate without verification, to name what is wrong with it.
            var unverified = tls
            unverified.verifyPeer = false
            guard tls.verifyPeer, let context = try? unverified.makeContext(),
                  case .success(let certificate?) = await handshake(endpoint, context: context, timeout: timeout) else {
                return .fail(name, failure.reason, fix: "check that side \(side) serves TLS on \(endpoint) (without TLS, leave the --tls options out)")
            }
            if Int(certificate.notValidAfter) < Int(now) {
                return .fail(name, "the certificate expired on \(date(certificate.notValidAfter)): \(describe(certificate))",
                             fix: "renew side \(side)'s server certificate")
            }
            if Int(certificate.notValidBefore) > Int(now) {
                return .fail(name, "the certificate is not valid before \(date(certificate.notValidBefore)): \(describe(certificate))",
                             fix: "check the clocks of this machine and of side \(side), or the certificate's dates")
            }
            let names = alternativeNames(certificate)
            if !names.isEmpty && !names.contains(where: { matches($0, host: endpoint.host) }) {
                return .fail(name, "the certificate names \(names.joined(separator: ", ")), not \(endpoint.host)",
                             fix: "connect by a name the certificate carries, or reissue side \(side)'s certificate with \(endpoint.host) as a subject alternative name")
            }
            return .fail(name, "the certificate is not trusted (\(failure.reason)): \(describe(certificate))",
                         fix: "give the CA that issued side \(side)'s certificate with --tls-ca FILE")
        }
    }

    /// Why a handshake failed, in a few words.
    struct Failure: Error {
        var reason: String
    }

    /// Connects and completes a TLS handshake; the peer's certificate.
    static func handshake(_ endpoint: Endpoint, context: NIOSSLContext, timeout: Duration) async -> Result<NIOSSLCertificate?, Failure> {
        let group = MultiThreadedEventLoopGroup.singleton
        let done = group.next().makePromise(of: Void.self)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(TimeAmount(timeout))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ClientTLS.handler(context: context, host: endpoint.host))
                        try channel.pipeline.syncOperations.addHandler(HandshakeWatcher(done: done))
                    }
                }
                .connect(host: endpoint.host, port: endpoint.port).get()
        } catch {
            done.fail(error)
            return .failure(Failure(reason: DoctorNetwork.describe(error)))
        }
        channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) { done.fail(Failure(reason: "no TLS handshake within \(timeout)")) }
        defer { channel.close(promise: nil) }
        do {
            try await done.futureResult.get()
            return .success(try await channel.nioSSL_peerCertificate().get())
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(Failure(reason: TLSFailure.describe(error)))
        }
    }

    /// Completes `done` when the handshake has completed, failed, or the connection closed.
    private final class HandshakeWatcher: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        let done: EventLoopPromise<Void>

        init(done: EventLoopPromise<Void>) { self.done = done }

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if case .handshakeCompleted = event as? TLSUserEvent { done.succeed() }
            context.fireUserInboundEventTriggered(event)
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            done.fail(error)
            context.close(promise: nil)
        }

        func channelInactive(context: ChannelHandlerContext) {
            done.fail(Failure(reason: "closed by side during the TLS handshake"))
            context.fireChannelInactive()
        }
    }

    /// `certificate for localhost, 127.0.0.1, valid until 2026-12-07 22:10 UTC`.
    static func describe(_ certificate: NIOSSLCertificate) -> String {
        let names = alternativeNames(certificate)
        return "certificate " + (names.isEmpty ? "without subject alternative names" : "for \(names.joined(separator: ", "))")
            + ", valid until \(date(certificate.notValidAfter))"
    }

    /// The DNS names and IP addresses of the certificate's subject alternative names.
    static func alternativeNames(_ certificate: NIOSSLCertificate) -> [String] {
        certificate._subjectAlternativeNames().compactMap { name -> String? in
            let bytes = Array(name.contents)
            switch name.nameType {
            case .dnsName:
                return String(decoding: bytes, as: UTF8.self)
            case .ipAddress where bytes.count == 4:
                return bytes.map(String.init).joined(separator: ".")
            case .ipAddress where bytes.count == 16:
                return (try? SocketAddress(packedIPAddress: ByteBuffer(bytes: bytes), port: 0).ipAddress) ?? nil
            default:
                return nil
            }
        }
    }

    /// Whether a certificate name covers `host` (a `*.` wildcard covers one label).
    static func matches(_ name: String, host: String) -> Bool {
        let name = name.lowercased(), host = host.lowercased()
        if name.hasPrefix("*."), let dot = host.firstIndex(of: ".") { return host[dot...] == name.dropFirst() }
        return name == host
    }

    /// `2026-12-07 22:10 UTC`.
    static func date(_ seconds: time_t) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
