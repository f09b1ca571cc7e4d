import CTIProtocol

extension ProtocolVersion {
    /// The version active/standby CTI Server arrived in (`spec/protocol-versions.json`, PV24
    /// "Changes and Additions"): STANDBY_ACTIVE_EVENT_MSG, the maintenance messages,
    /// CTI_SERVICE_ACTIVE_STANDBY, OPEN_CONF.SessionType and status codes 107-110. An older
    /// client connects to the active side only (PV25 guide, E_CTI_CTI_SERVER_OFFLINE).
    static let activeStandby = ProtocolVersion.v24
}
