import CTIClient
import CTIProtocol
#if canImport(Glibc)
import Glibc
#endif

/// The checks of `cti doctor` (issue 21), in order: name resolution and TCP for each side, TLS
/// when asked for, then a session on each reachable side (the client's own OPEN), from which
/// come the protocol versions, the OPEN's grant, a heartbeat round trip, the server's clock
/// and which side is active. Each check is handed to `emit` as soon as it is known.
struct DoctorRun {
    /// The settings, with the hosts resolved (the embedded simulator's, if it is used).
    var settings: ConsoleSettings
    var password: [UInt8]
    /// The most the server's clock may differ from ours before it is a WARN.
    static let clockTolerance: Int = 5

    /// A side as configured: its letter, endpoint and the option that sets it.
    struct Side {
        var letter: String
        var endpoint: Endpoint
        var option: String
    }

    var sides: [Side] {
        var sides = [Side(letter: "A", endpoint: settings.hostA!, option: "--host")]
        if let hostB = settings.hostB { sides.append(Side(letter: "B", endpoint: hostB, option: "--host-b")) }
        return sides
    }

    func run(emit: (DoctorCheck) -> Void) async -> DoctorReport {
        var report = DoctorReport()
        func add(_ check: DoctorCheck) {
            report.add(check)
            emit(check)
        }
        var resolved: [Side] = []
        for side in sides {
            let check = Self.resolveCheck(side)
            add(check)
            if check.status != .fail { resolved.append(side) }
        }
        var reachable: [Side] = []
        for side in resolved {
            let check = await tcpCheck(side)
            add(check)
            if check.status != .fail { reachable.append(side) }
        }
        report.reachedAnything = !reachable.isEmpty
        if let tls = settings.tls {
            for side in reachable {
                add(await DoctorTLS.check("tls \(side.letter)", side: side.letter, endpoint: side.endpoint, tls: tls, timeout: settings.connectTimeout))
            }
        }
        var sessions: [(side: Side, session: DoctorSideSession)] = []
        for side in reachable {
            sessions.append((side, await DoctorSideSession.probe(side.endpoint, settings: settings, password: password)))
        }
        // The session the version, grant, heartbeat and clock are read from: the active side's.
        let primary = sessions.first { entry in
            if case .opened(let confirmation, _) = entry.session.outcome { return confirmation.sessionType != .standby }
            return false
        } ?? sessions.first { if case .opened = $0.session.outcome { return true } else { return false } } ?? sessions.first
        if let primary {
            for check in checks(of: primary.session, side: primary.side) { add(check) }
        }
        if !sessions.isEmpty || !sides.isEmpty { add(sidesCheck(sessions)) }
        return report
    }

    // MARK: - Name resolution and TCP

    static func resolveCheck(_ side: Side) -> DoctorCheck {
        let name = "resolve \(side.letter)"
        let host = side.endpoint.host
        switch DoctorNetwork.resolve(host) {
        case .success(let addresses) where addresses == [host]:
            return .ok(name, "\(host) is an address")
        case .success(let addresses):
            return .ok(name, "\(host) is \(addresses.joined(separator: ", "))")
        case .failure(let failure):
            return .fail(name, "\(host): \(failure.reason)",
                         fix: "correct \(side.option) or the DNS / hosts entry of \(host) (side \(side.letter))")
        }
    }

    func tcpCheck(_ side: Side) async -> DoctorCheck {
        let name = "tcp \(side.letter)"
        switch await DoctorNetwork.connect(side.endpoint, timeout: settings.connectTimeout) {
        case .success(let elapsed):
            return .ok(name, "\(side.endpoint) connected in \(elapsed.doctorMilliseconds)")
        case .failure(let failure):
            let fix = failure.reason == "connect timeout"
                ? "check that side \(side.letter) is up and that no firewall drops port \(side.endpoint.port) on the way (or raise --connect-timeout)"
                : "start side \(side.letter)'s CTI Server, or correct \(side.option) (host and port)"
            return .fail(name, "side \(side.letter) \(side.endpoint): \(failure.reason)", fix: fix)
        }
    }

    // MARK: - The session

    /// The protocol, open, heartbeat and clock checks of the active side's session.
    func checks(of session: DoctorSideSession, side: Side) -> [DoctorCheck] {
        let refusedNewer = session.refusedVersions.isEmpty ? ""
            : "; refused \(session.refusedVersions.map(String.init).joined(separator: ", ")) (\(StatusCode.invalidVersion.name ?? "E_CTI_INVALID_VERSION"))"
        switch session.outcome {
        case .opened(let confirmation, let version):
            let asked = settings.protocolChoice.negotiates ? "" : " (--protocol \(version))"
            return [.ok("protocol", "side \(side.letter) accepts protocol \(version)\(asked)\(refusedNewer)"),
                    openCheck(confirmation, side: side),
                    heartbeatCheck(session.heartbeat, side: side),
                    clockCheck(confirmation, openedAt: session.openedAt, side: side)]
        case .refused(let status, let version) where status == .invalidVersion:
            return [.fail("protocol", "side \(side.letter) refused protocol \(version)\(refusedNewer)",
                          fix: settings.protocolChoice.negotiates ? "the server speaks none of cti's protocol versions (20-25: UCCE 11.5-15.0)"
                              : "give --protocol auto, or the version of the server's Unified CCE release")]
        case .refused(let status, _):
            return [.fail("open", "side \(side.letter) refused the OPEN: \(Self.statusName(status)) (\(status.rawValue))", fix: Self.fix(for: status))]
        case .failed(let reason):
            return [.fail("open", "side \(side.letter): no session: \(reason)",
                          fix: settings.tls != nil ? "fix what the tls \(side.letter) check names (or, if it passed, check that \(side.endpoint) is a CTI Server port)"
                              : "check that \(side.endpoint) is a CTI Server port, and whether it wants TLS (--tls)")]
        }
    }

    func openCheck(_ confirmation: OpenConfirmation, side: Side) -> DoctorCheck {
        let table = MessageCatalog.standard.serviceMask
        let granted = table.bitNames(of: confirmation.servicesGranted).joined(separator: ",")
        let missing = settings.services & ~confirmation.servicesGranted
        if missing != 0 {
            return .warn("open", "side \(side.letter) granted \(granted.isEmpty ? "no services" : granted); not granted: "
                         + table.bitNames(of: missing).joined(separator: ","),
                         fix: "have the CTI Server allow these services to this client, or leave them out of --services")
        }
        if !confirmation.peripheralOnline {
            return .warn("open", "side \(side.letter) granted \(granted), but the peripheral is offline",
                         fix: "bring the peripheral (PG) online, or check --peripheral")
        }
        return .ok("open", "side \(side.letter) granted \(granted) (all requested)")
    }

    func heartbeatCheck(_ heartbeat: Result<Duration, CTIClientError>?, side: Side) -> DoctorCheck {
        switch heartbeat {
        case .success(let elapsed)?:
            return .ok("heartbeat", "side \(side.letter) answered HEARTBEAT_REQ in \(elapsed.doctorMilliseconds)")
        case .failure(let error)?:
            return .fail("heartbeat", "side \(side.letter): HEARTBEAT_REQ: \(error)",
                         fix: "side \(side.letter) opens sessions but does not answer heartbeats: check the CTI Server's health")
        case nil:
            return .fail("heartbeat", "side \(side.letter): no heartbeat sent", fix: "open a session first (see open)")
        }
    }

    func clockCheck(_ confirmation: OpenConfirmation, openedAt: time_t, side: Side) -> DoctorCheck {
        guard confirmation.centralControllerTime != 0 else {
            return .warn("clock", "side \(side.letter) sent no ICMCentralControllerTime",
                         fix: "none needed to work; the server's time cannot be compared with ours")
        }
        let difference = Int(confirmation.centralControllerTime) - Int(openedAt)
        let server = DoctorTLS.date(time_t(confirmation.centralControllerTime))
        if abs(difference) <= Self.clockTolerance {
            return .ok("clock", "side \(side.letter)'s central controller time \(server) is within \(Self.clockTolerance) s of ours")
        }
        return .warn("clock", "side \(side.letter)'s central controller time \(server) is \(abs(difference)) s "
                     + (difference > 0 ? "ahead of" : "behind") + " ours",
                     fix: "synchronise the clocks (NTP) of this machine and the Unified CCE central controller; event times will not line up")
    }

    // MARK: - Sides

    func sidesCheck(_ sessions: [(side: Side, session: DoctorSideSession)]) -> DoctorCheck {
        var roles: [String] = []
        var active: [String] = []
        var missing: [String] = []
        for side in sides {
            guard let session = sessions.first(where: { $0.side.letter == side.letter })?.session else {
                roles.append("side \(side.letter) unreachable")
                missing.append(side.letter)
                continue
            }
            switch session.outcome {
            case .opened(let confirmation, _):
                switch confirmation.sessionType {
                case .standby: roles.append("side \(side.letter) standby")
                case .active: roles.append("side \(side.letter) active"); active.append(side.letter)
                case .unknown: roles.append("side \(side.letter) serving (no SessionType before protocol 24)"); active.append(side.letter)
                }
            case .refused(let status, _) where CTIClientError.isTransientOpenStatus(status):
                roles.append("side \(side.letter) standby or offline (\(Self.statusName(status)))")
            case .refused(let status, _):
                roles.append("side \(side.letter) refuses the OPEN (\(Self.statusName(status)))")
                missing.append(side.letter)
            case .failed:
                roles.append("side \(side.letter) opens no session")
                missing.append(side.letter)
            }
        }
        let detail = roles.joined(separator: "; ")
        if active.isEmpty {
            return .fail("sides", detail, fix: "no side opened a session for this client: fix what the checks above name")
        }
        if !missing.isEmpty {
            let names = missing.map { "side \($0)" }.joined(separator: " and ")
            return .warn("sides", detail + ": no failover", fix: "bring \(names) up (or correct its address) so that a failover has somewhere to go")
        }
        if sides.count == 1 {
            return .ok("sides", detail + "; no side B configured (--host-b)")
        }
        return .ok("sides", detail)
    }

    // MARK: - Status names

    static func statusName(_ status: StatusCode) -> String {
        status.name ?? "status \(status.rawValue)"
    }

    /// What to do about an OPEN refusal.
    static func fix(for status: StatusCode) -> String {
        if CTIClientError.isTransientOpenStatus(status) { return "connect to the active side (the other one), or wait for this side to become active" }
        return "correct what \(statusName(status)) names in the OPEN_REQ (client ID and password, --peripheral, --agent-*/--instrument, --services, masks)"
    }
}
