import CTIProtocol

/// Which sessions get an event of the call-center model (`session.md`, `constants.md` §2-3):
/// an ALL_EVENTS session gets every event, a CLIENT_EVENTS session those about its own agent
/// device; either only when the event's bit is set in its CallMsgMask (call events) or
/// AgentStateMask (AGENT_STATE_EVENT, by the new AgentState). Only the active side's sessions
/// get events (the engine's ``SimulatorEngine/publishTargets()`` rule).
enum EventRouting {
    /// Whether `session`, whose agent device is `device`, gets `message` about `devices`.
    static func accepts(_ message: CTIMessage, about devices: Set<String>, session: OpenSession, device: String?) -> Bool {
        let concerned = session.receivesAllEvents
            || (session.services & ServiceBits.clientEvents != 0 && device.map(devices.contains) == true)
        guard concerned else { return false }
        if message.name == "AGENT_STATE_EVENT" {
            let state = message.fields?.number(.agentState) ?? 0xFFFF
            return session.agentStateMask & AgentStates.maskBit(state) != 0
        }
        guard let bit = callMaskBit(message.name) else { return true }
        return session.callMessageMask & bit != 0
    }

    /// The CallMsgMask bit of a call event (`constants.md` §2), looked up by the event name.
    static func callMaskBit(_ name: String) -> UInt32? { callMaskBits[name] }

    private static let callMaskBits: [String: UInt32] = {
        let table = MessageCatalog.standard.callEventMask
        let names: [(String, String)] = [
            ("CALL_DELIVERED_EVENT", "CALL_DELIVERED_MASK"), ("CALL_QUEUED_EVENT", "CALL_QUEUED_MASK"),
            ("CALL_ESTABLISHED_EVENT", "CALL_ESTABLISHED_MASK"), ("CALL_HELD_EVENT", "CALL_HELD_MASK"),
            ("CALL_RETRIEVED_EVENT", "CALL_RETRIEVED_MASK"), ("CALL_CLEARED_EVENT", "CALL_CLEARED_MASK"),
            ("CALL_CONNECTION_CLEARED_EVENT", "CALL_CONNECTION_CLEARED_MASK"), ("CALL_ORIGINATED_EVENT", "CALL_ORIGINATED_MASK"),
            ("CALL_CONFERENCED_EVENT", "CALL_CONFERENCED_MASK"), ("CALL_TRANSFERRED_EVENT", "CALL_TRANSFERRED_MASK"),
            ("BEGIN_CALL_EVENT", "BEGIN_CALL_MASK"), ("END_CALL_EVENT", "END_CALL_MASK"),
            ("CALL_DATA_UPDATE_EVENT", "CALL_DATA_UPDATE_MASK"), ("CALL_FAILED_EVENT", "CALL_FAILED_MASK"),
            ("AGENT_PRE_CALL_EVENT", "AGENT_PRE_CALL_MASK"),
        ]
        var bits: [String: UInt32] = [:]
        for (event, mask) in names {
            guard let bit = table.value(named: mask) else { preconditionFailure("CallMsgMask has no \(mask)") }
            bits[event] = bit
        }
        return bits
    }()
}
