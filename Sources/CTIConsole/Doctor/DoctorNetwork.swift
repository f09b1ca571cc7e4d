import CTIClient
import Foundation
import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// The network probes of `cti doctor` below the CTI session: name resolution and a TCP connect
/// to a side.
enum DoctorNetwork {
    /// The addresses `host` resolves to (numeric, in the resolver's order), or why it does not.
    static func resolve(_ host: String) -> Result<[String], ResolveFailure> {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let code = getaddrinfo(host, nil, &hints, &list)
        guard code == 0, let list else { return .failure(ResolveFailure(reason: String(cString: gai_strerror(code)).lowercased())) }
        defer { freeaddrinfo(list) }
        var addresses: [String] = []
        var entry: UnsafeMutablePointer<addrinfo>? = list
        while let current = entry {
            var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(current.pointee.ai_addr, current.pointee.ai_addrlen, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0 {
                let address = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if !addresses.contains(address) { addresses.append(address) }
            }
            entry = current.pointee.ai_next
        }
        return .success(addresses)
    }

    /// Why a name did not resolve (the resolver's words).
    struct ResolveFailure: Error {
        var reason: String
    }

    /// Connects to `endpoint` and closes again; the time the connect took, or why it failed.
    static func connect(_ endpoint: Endpoint, timeout: Duration) async -> Result<Duration, ConnectFailure> {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(TimeAmount(timeout))
                .connect(host: endpoint.host, port: endpoint.port).get()
            let elapsed = clock.now - start
            try? await channel.close()
            return .success(elapsed)
        } catch {
            return .failure(ConnectFailure(reason: describe(error)))
        }
    }

    /// Why a TCP connect failed, in a few words.
    struct ConnectFailure: Error {
        var reason: String
    }

    /// A connection error in a few words: `connection refused`, `connect timeout`.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as NIOConnectionError:
            if error.dnsAError != nil || error.dnsAAAAError != nil { return "cannot resolve \(error.host)" }
            return error.connectionErrors.first.map { describe($0.error) } ?? "no address for \(error.host)"
        case let error as IOError:
            return String(cString: strerror(error.errnoCode)).lowercased()
        case ChannelError.connectTimeout:
            return "connect timeout"
        default:
            return TLSFailure.describe(error)
        }
    }
}

extension Duration {
    /// Milliseconds with one decimal, for the doctor's details: `0.4 ms`.
    var doctorMilliseconds: String {
        String(format: "%.1f ms", fractionalMilliseconds)
    }
}
