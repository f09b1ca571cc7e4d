import CTIProtocol
import NIOCore

/// How a ``CTISimulator`` is set up: where each side listens, what it checks in OPEN_REQ, and
/// the time limits of the active/standby procedures.
public struct SimulatorConfiguration: Sendable {
    /// The address both sides listen on.
    public var host: String
    /// The port of each side; `0` picks an ephemeral port (read it back with
    /// ``CTISimulator/port(_:)``). Defaults: 42027 / 43027 (`wire-format.md` §1).
    public var ports: [CTISide: Int]
    /// The peripherals the simulated PG serves: an ALL_EVENTS session gets one SYSTEM_EVENT
    /// per peripheral after OPEN_CONF, and a CLIENT_EVENTS OPEN_REQ must name one of them.
    public var peripherals: [UInt32]
    /// The newest protocol version the simulator speaks (`cti simulate --max-protocol`, issue 20),
    /// to model an older CTI Server: an OPEN_REQ whose VersionNumber is newer (or not one of
    /// ``ProtocolVersion/supported``) gets E_CTI_INVALID_VERSION (1), and each session speaks the
    /// version it opened with. Below ``ProtocolVersion/v24`` there is no active/standby (no
    /// maintenance hand-off; a standby side refuses every client). Default: 25.
    public var maxProtocol: ProtocolVersion
    /// When set, OPEN_REQ.ClientPassword must equal these bytes (trailing NULs ignored), else
    /// E_CTI_INVALID_PASSWORD (36). `nil`: passwords are not checked.
    public var password: [UInt8]?
    /// The agent table used for the consistency rule (E_CTI_INCONSISTENT_AGENT_DATA, 32). Empty:
    /// the rule is off.
    public var agents: [SimulatedAgent]
    /// How long one second of OPEN_REQ.IdleTimeout lasts. **Test-only** knob: the guide's
    /// minimum IdleTimeout is 20 s, so tests shrink the unit (e.g. 50 ms makes 20 "seconds" last
    /// one second). Leave it at one second for anything that pretends to be a CTI Server.
    public var idleTimeoutUnit: TimeAmount
    /// How long the active side waits for ACTIVE_MAINTENANCE_RESP_MSG (`session.md` §9: 5 s;
    /// silence is a rejection).
    public var maintenanceResponseTimeout: TimeAmount
    /// How long the old side waits for STOPPING_REQUESTS_TO_THIS_SIDE_IND after
    /// ACTIVE_MAINTENANCE_EVENT_MSG(1) before closing the sessions left (`session.md` §9: 5 s).
    public var stoppingRequestsTimeout: TimeAmount
    /// Write-buffer water marks of each client connection: above `high` bytes queued the
    /// connection is not writable and ``CTISimulator/flood(count:ratePerSecond:)`` pauses.
    public var writeBufferWaterMark: ChannelOptions.Types.WriteBufferWaterMark
    /// SO_SNDBUF of each client connection; `nil` leaves it to the kernel (which grows it up to
    /// several MB). Smaller makes a slow client hold a flood back sooner.
    public var sendBufferSize: Int?
    /// Receives one line per event (sessions, faults, hand-offs). Default: standard error.
    public var log: @Sendable (String) -> Void
    /// The simulated contact center: agents, phones, CTI Remote Devices, traffic and its seed
    /// (see ``CallCenterConfiguration``). Independent of ``agents``, which only feeds the OPEN
    /// consistency rule.
    public var callCenter: CallCenterConfiguration
    /// TLS on both sides; `nil`: plain TCP.
    public var tls: SimulatorTLS?
    /// A scenario's steps or a replay (issue 19), run on the sessions ``ServerScript/scope``
    /// names; outcome: ``CTISimulator/scriptOutcome()``. `nil`: none.
    public var script: ServerScript?

    public init(
        host: String = "127.0.0.1",
        ports: [CTISide: Int] = [.a: CTISide.a.defaultPort, .b: CTISide.b.defaultPort],
        peripherals: [UInt32] = [DefaultPeripheral.id],
        maxProtocol: ProtocolVersion = .v25,
        password: [UInt8]? = nil,
        agents: [SimulatedAgent] = [],
        idleTimeoutUnit: TimeAmount = .seconds(1),
        maintenanceResponseTimeout: TimeAmount = .seconds(5),
        stoppingRequestsTimeout: TimeAmount = .seconds(5),
        writeBufferWaterMark: ChannelOptions.Types.WriteBufferWaterMark = .init(low: 32 * 1024, high: 256 * 1024),
        sendBufferSize: Int? = nil,
        log: @escaping @Sendable (String) -> Void = StandardErrorLog.write,
        callCenter: CallCenterConfiguration = CallCenterConfiguration()
    ) {
        self.callCenter = callCenter
        self.host = host
        self.ports = ports
        self.peripherals = peripherals
        self.maxProtocol = maxProtocol
        self.password = password
        self.agents = agents
        self.idleTimeoutUnit = idleTimeoutUnit
        self.maintenanceResponseTimeout = maintenanceResponseTimeout
        self.stoppingRequestsTimeout = stoppingRequestsTimeout
        self.writeBufferWaterMark = writeBufferWaterMark
        self.sendBufferSize = sendBufferSize
        self.log = log
    }

    /// Both sides on ephemeral ports of 127.0.0.1, logging nowhere: the usual test set-up.
    public static func ephemeral(log: @escaping @Sendable (String) -> Void = { _ in }) -> SimulatorConfiguration {
        SimulatorConfiguration(ports: [.a: 0, .b: 0], log: log)
    }
}

/// One agent of the simulated peripheral, for the OPEN_REQ consistency rule.
public struct SimulatedAgent: Hashable, Sendable {
    public var agentID: String
    public var agentExtension: String?
    public var agentInstrument: String?

    public init(agentID: String, agentExtension: String? = nil, agentInstrument: String? = nil) {
        self.agentID = agentID
        self.agentExtension = agentExtension
        self.agentInstrument = agentInstrument
    }
}
