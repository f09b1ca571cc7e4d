/// The simulated contact center behind the CTI Server: how many agents and CTI Remote Devices,
/// the inbound traffic, the seed of every random choice, and the timing of the simulated people.
///
/// Topology (`CallCenterTopology`): agent *i* (0-based) has AgentID `1001+i`, a phone whose
/// DN, instrument and extension are `2001+i`, SkillTargetID `5101+i` and the skill groups 10
/// (SkillGroupID 5010) and 11 (5011); CTI Remote Device *j* has line DN `5001+j`, device name
/// `CTRID5001+j` and two remote destinations `91955520jj1` (active) and `91955520jj2`. All on the
/// first configured peripheral (PT_ENTERPRISE_AGENT, UCCE).
public struct CallCenterConfiguration: Hashable, Sendable {
    /// Number of agents (IDs 1001…, phones 2001…).
    public var agents: Int
    /// Number of CTI Remote Devices (lines 5001…, `CTRID5001`…).
    public var remoteDevices: Int
    /// Inbound customer calls per simulated second (Poisson arrivals); 0 = none.
    public var callRate: Double
    /// Seeds every random choice (arrivals, ANIs, handle and wrap-up times).
    public var seed: UInt64
    /// The AgentState every agent starts in: AGENT_STATE_AVAILABLE (3) by default, so traffic
    /// reaches them at once; AGENT_STATE_LOGOUT (1) for a center that starts empty.
    public var initialAgentState: UInt32
    /// How long a customer talks once answered before hanging up (traffic calls only), seconds.
    public var handleSeconds: ClosedRange<Double>
    /// How long an agent stays in AGENT_STATE_WORK_READY after a routed call, seconds.
    public var wrapUpSeconds: ClosedRange<Double>
    /// How long an agent phone that no session controls rings before the simulated agent answers
    /// a routed call (phones a session holds never auto-answer), seconds.
    public var ringSeconds: ClosedRange<Double>
    /// How long the far end (an external number, a remote phone) takes to answer, seconds.
    public var farEndAnswerSeconds: Double
    /// Persistent calls on CTI Remote Devices (`persistent-calls-design.md` §6).
    public var persistentCalls = PersistentCallConfiguration()

    /// The most agents the numbering allows: their phones (2001...4999) stay below the CTI
    /// Remote Device lines (5001...), so that a number names one device.
    public static let maximumAgents = 2_999

    public init(agents: Int = 4, remoteDevices: Int = 2, callRate: Double = 0, seed: UInt64 = 1, initialAgentState: UInt32 = 3,
                handleSeconds: ClosedRange<Double> = 3...8, wrapUpSeconds: ClosedRange<Double> = 2...4,
                ringSeconds: ClosedRange<Double> = 1...2, farEndAnswerSeconds: Double = 1) {
        self.agents = agents
        self.remoteDevices = remoteDevices
        self.callRate = callRate
        self.seed = seed
        self.initialAgentState = initialAgentState
        self.handleSeconds = handleSeconds
        self.wrapUpSeconds = wrapUpSeconds
        self.ringSeconds = ringSeconds
        self.farEndAnswerSeconds = farEndAnswerSeconds
    }
}

/// The knobs of persistent calls (`persistent-calls-design.md` §6.5, ERRATA overrides).
public struct PersistentCallConfiguration: Hashable, Sendable {
    /// R5: persistent calls one node may hold (one simulator is one node).
    public var perNode: Int
    /// R5: persistent calls the cluster may hold.
    public var perCluster: Int
    /// R8: how long the remote destination rings before it answers, seconds; `nil`: it answers
    /// only on `rd answer DEVICE`.
    public var answerSeconds: Double?
    /// R8: leave out CALL_DELIVERED_EVENT (the console must not depend on it).
    public var suppressDelivered: Bool
    /// R13: leave persistent calls out of SNAPSHOT_DEVICE_CONF (the JTAPI way); by default they
    /// are in it, marked with the named variable `user.PersistentCall=1` (ERRATA override).
    public var hideFromSnapshotDevice: Bool
    /// R12: the maximum call duration, seconds, after which the call is torn down (CEC_TIME_OUT);
    /// `nil`: no limit (`timer expire CALLID` still expires it).
    public var maxDurationSeconds: Double?

    public init(perNode: Int = 2_000, perCluster: Int = 8_000, answerSeconds: Double? = 1, suppressDelivered: Bool = false,
                hideFromSnapshotDevice: Bool = false, maxDurationSeconds: Double? = nil) {
        self.perNode = perNode
        self.perCluster = perCluster
        self.answerSeconds = answerSeconds
        self.suppressDelivered = suppressDelivered
        self.hideFromSnapshotDevice = hideFromSnapshotDevice
        self.maxDurationSeconds = maxDurationSeconds
    }
}

/// Shortcuts to ``SimulatorConfiguration/callCenter`` (``SimulatorConfiguration/agents`` stays
/// the OPEN consistency table, hence `agentCount`).
extension SimulatorConfiguration {
    /// ``CallCenterConfiguration/agents``.
    public var agentCount: Int {
        get { callCenter.agents }
        set { callCenter.agents = newValue }
    }

    /// ``CallCenterConfiguration/remoteDevices``.
    public var remoteDevices: Int {
        get { callCenter.remoteDevices }
        set { callCenter.remoteDevices = newValue }
    }

    /// ``CallCenterConfiguration/callRate``.
    public var callRate: Double {
        get { callCenter.callRate }
        set { callCenter.callRate = newValue }
    }

    /// ``CallCenterConfiguration/seed``.
    public var seed: UInt64 {
        get { callCenter.seed }
        set { callCenter.seed = newValue }
    }
}
