import CTIClient
import CTIProtocol
import NIOConcurrencyHelpers
#if canImport(Glibc)
import Glibc
#endif

/// What `cti doctor` learns from opening a session on one side with the given settings
/// (the client's own OPEN, `--protocol auto` step-downs included): the versions refused, the
/// OPEN's outcome, a HEARTBEAT_REQ round trip, and the local time OPEN_CONF came.
struct DoctorSideSession: Sendable {
    enum Outcome: Sendable {
        /// OPEN_CONF: what was granted, with the version the session speaks.
        case opened(OpenConfirmation, protocolVersion: UInt32)
        /// FAILURE_CONF to the OPEN_REQ (the last version tried).
        case refused(StatusCode, protocolVersion: UInt32)
        /// No session, for this reason (TLS, timeout, connection closed).
        case failed(String)
    }

    var outcome: Outcome
    /// Versions the side answered with E_CTI_INVALID_VERSION, newest first.
    var refusedVersions: [UInt32]
    /// The HEARTBEAT_REQ round trip, or why there was none.
    var heartbeat: Result<Duration, CTIClientError>?
    /// Local time (seconds since 1970) when the session opened.
    var openedAt: time_t

    /// Opens a session on `endpoint` alone with `settings`' OPEN_REQ, times one heartbeat, and
    /// closes it.
    static func probe(_ endpoint: Endpoint, settings: ConsoleSettings, password: [UInt8]) async -> DoctorSideSession {
        var settings = settings
        settings.hostA = endpoint
        settings.hostB = nil
        settings.embedded = false
        let session: ConsoleSession
        do {
            session = try await ConsoleSession.make(settings: settings, password: password, reconnect: false, quiet: true)
        } catch {
            return DoctorSideSession(outcome: .failed("\(error)"), refusedVersions: [], heartbeat: nil, openedAt: 0)
        }
        let seen = NIOLockedValueBox(Seen())
        await session.client.observeLifecycle { event in
            guard let record = event.lifecycle else { return }
            seen.withLockedValue { seen in
                switch record {
                case .versionStepDown(_, let refused, let next):
                    seen.refused.append(refused)
                    seen.version = next
                case .opened(_, _, let version):
                    seen.version = version
                case .openRefused(_, let status):
                    seen.status = status
                case .connectFailed(_, let reason, _, _), .sessionFailed(_, let reason):
                    seen.reason = reason
                default:
                    break
                }
            }
        }
        let outcome: Outcome
        var heartbeat: Result<Duration, CTIClientError>?
        var openedAt: time_t = 0
        do {
            let confirmation = try await session.client.open()
            openedAt = time(nil)
            outcome = .opened(confirmation, protocolVersion: seen.withLockedValue { $0.version } ?? settings.protocolChoice.version.number)
            heartbeat = await roundTrip(session.client)
        } catch CTIClientError.openRefused(let status) {
            outcome = .refused(status, protocolVersion: seen.withLockedValue { $0.version } ?? settings.protocolChoice.version.number)
        } catch {
            // A refusal that means "try the other side" (standby, offline) is thrown as no side
            // reachable: the lifecycle has its status.
            let (status, version, reason) = seen.withLockedValue { ($0.status, $0.version, $0.reason) }
            outcome = status.map { .refused($0, protocolVersion: version ?? settings.protocolChoice.version.number) } ?? .failed(reason ?? "\(error)")
        }
        await session.shutdown()
        return DoctorSideSession(outcome: outcome, refusedVersions: seen.withLockedValue { $0.refused }, heartbeat: heartbeat, openedAt: openedAt)
    }

    /// Sends one HEARTBEAT_REQ and times its HEARTBEAT_CONF.
    static func roundTrip(_ client: CTIClient) async -> Result<Duration, CTIClientError> {
        var request = MessageFields(MessageCatalog.standard.descriptor(named: "HEARTBEAT_REQ")!)
        request.fixed = [0]
        let clock = ContinuousClock()
        let start = clock.now
        do {
            _ = try await client.send(request)
            return .success(clock.now - start)
        } catch let error as CTIClientError {
            return .failure(error)
        } catch {
            return .failure(.connectionLost("\(error)"))
        }
    }

    /// What the lifecycle observer saw.
    private struct Seen {
        var refused: [UInt32] = []
        var version: UInt32?
        var reason: String?
        var status: StatusCode?
    }
}
