/// The CTI service bits the client, simulator and console act on (`constants.md` §1), read from
/// the embedded spec's service mask by name.
public enum ServiceMaskBits {
    public static let clientEvents = bit("CTI_SERVICE_CLIENT_EVENTS")
    public static let allEvents = bit("CTI_SERVICE_ALL_EVENTS")
    public static let clientControl = bit("CTI_SERVICE_CLIENT_CONTROL")
    public static let supervisor = bit("CTI_SERVICE_SUPERVISOR")
    /// Only agent state control, not call control (a persistent call needs CLIENT_CONTROL without it).
    public static let agentStateControlOnly = bit("CTI_AGENT_STATE_CONTROL_ONLY")
    /// PV24+: the client follows an active/standby pair (`session.md` §9).
    public static let activeStandby = bit("CTI_SERVICE_ACTIVE_STANDBY")

    private static func bit(_ name: String) -> UInt32 {
        guard let value = MessageCatalog.standard.serviceMask.value(named: name) else { preconditionFailure("ServiceMask has no \(name)") }
        return value
    }

    /// `ALL_EVENTS|ACTIVE_STANDBY`, or `0` for an empty mask; undefined bits in hex.
    public static func describe(_ mask: UInt32) -> String {
        let table = MessageCatalog.standard.serviceMask
        var names = table.bitNames(of: mask).map { name in
            for prefix in ["CTI_SERVICE_", "CTI_"] where name.hasPrefix(prefix) { return String(name.dropFirst(prefix.count)) }
            return name
        }
        let undefined = table.undefinedBits(in: mask)
        if undefined != 0 { names.append("0x" + String(undefined, radix: 16)) }
        return names.isEmpty ? "0" : names.joined(separator: "|")
    }
}
