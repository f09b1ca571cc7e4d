/// One virtual agent's identity (`--agents N` numbers them; `--agents-file` lists them): the
/// AgentID it logs in with, the instrument (extension) its desktop controls, its password and
/// skill groups for the login, and for `--persistent` the remote phone its persistent call
/// goes to.
struct LoadAgent: Hashable, Sendable {
    var agentID: String
    var instrument: String
    var password: String?
    var skillGroups: [UInt32]
    var remotePhone: String?

    init(agentID: String, instrument: String, password: String? = nil, skillGroups: [UInt32] = [], remotePhone: String? = nil) {
        self.agentID = agentID
        self.instrument = instrument
        self.password = password
        self.skillGroups = skillGroups
        self.remotePhone = remotePhone
    }

    /// `count` agents numbered from `firstAgentID` and `firstInstrument` (the simulator's 1001… and 2001…).
    static func numbered(_ count: Int, firstAgentID: Int, firstInstrument: Int) -> [LoadAgent] {
        (0..<count).map { LoadAgent(agentID: String(firstAgentID + $0), instrument: String(firstInstrument + $0)) }
    }
}
