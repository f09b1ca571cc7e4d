import CTIProtocol

/// Configuration acquisition (`other-services.md` §8) for the simulated peripheral: the answers
/// to CONFIG_REQUEST_KEY_EVENT and CONFIG_REQUEST_EVENT, built from the agents and skill groups
/// of the contact-center model, as a pure function of the request.
///
/// - CONFIG_REQUEST_KEY_EVENT → CONFIG_KEY_EVENT with ConfigkeyStatus CONFIG_NO_KEY_SUPPORT
///   (the simulator keeps no configuration keys: a client uploads every time).
/// - CONFIG_REQUEST_EVENT → CONFIG_BEGIN_EVENT (ConfigType solicited, ConfigInformation = the
///   areas asked for that the simulator has), the records in the spec's upload order (skill
///   groups, agents, devices), up to ``maxRecords`` per message with NumRecords, then
///   CONFIG_END_EVENT CONFIGEND_SUCCESS. Areas the simulator has no records for (services,
///   call types, MRDs, ...) are left out of ConfigInformation.
///
/// The records: one CONFIG_SKILL_GROUP_EVENT record per skill group (PeripheralNumber, its
/// SkillGroupID as SkillGroupSkillTargetID); one CONFIG_AGENT_EVENT record per agent (LoginID
/// = AgentID, Extension = its phone, AgentSkillTargetID, its skill groups as
/// FltSkillGroupNumber); one CONFIG_DEVICE_EVENT record per skill group (DeviceType Skill Group)
/// and per agent phone (DeviceType Agent Device Extension).
struct ConfigurationUpload {
    /// The configuration requests the simulator answers.
    static let requests: Set<String> = ["CONFIG_REQUEST_KEY_EVENT", "CONFIG_REQUEST_EVENT"]

    /// NumRecords is at most 10 (`other-services.md` §8).
    static let maxRecords = 10

    /// ConfigInformation / ConfigMsgMask bits (`constants.md` §4).
    struct Area: OptionSet, Hashable {
        let rawValue: UInt32
        static let skillGroup = Area(rawValue: MessageCatalog.standard.value(of: "CONFIG_SKILL_GROUP", in: "ConfigMask"))
        static let agent = Area(rawValue: MessageCatalog.standard.value(of: "CONFIG_AGENT", in: "ConfigMask"))
        static let device = Area(rawValue: MessageCatalog.standard.value(of: "CONFIG_DEVICE", in: "ConfigMask"))
        /// What the simulator has records for.
        static let served: Area = [.skillGroup, .agent, .device]
    }

    /// CONFIG_BEGIN_EVENT.ConfigType SOLICITED (an answer to CONFIG_REQUEST_EVENT).
    static let solicited = MessageCatalog.standard.value(of: "SOLICITED", in: "ConfigType")
    /// CONFIG_KEY_EVENT.ConfigkeyStatus CONFIG_NO_KEY_SUPPORT.
    static let noKeySupport = MessageCatalog.standard.value(of: "CONFIG_NO_KEY_SUPPORT", in: "ConfigKeyStatus")
    /// CONFIG_END_EVENT.ConfigEndStatus CONFIGEND_SUCCESS.
    static let endSuccess = MessageCatalog.standard.value(of: "CONFIGEND_SUCCESS", in: "ConfigEndStatus")
    /// RecordType CONFIG_RECORD_ADD.
    static let recordAdd = MessageCatalog.standard.value(of: "CONFIG_RECORD_ADD", in: "RecordType")
    /// AgentType CONFIG_AGENT.
    static let agentType = MessageCatalog.standard.value(of: "CONFIG_AGENT", in: "AgentType")
    /// CONFIG_DEVICE_EVENT.DeviceType: skill group, agent device extension.
    static let deviceSkillGroup = MessageCatalog.standard.value(of: "SKILL_GROUP", in: "ConfigDeviceType")
    static let deviceAgentExtension = MessageCatalog.standard.value(of: "AGENT_DEVICE_EXTENSION", in: "ConfigDeviceType")

    var peripheralID: UInt32
    var skillGroups: [SkillGroup]
    var agents: [AgentRecord]

    /// What answers `request` (a CONFIG_REQUEST_KEY_EVENT or CONFIG_REQUEST_EVENT).
    func answer(_ request: MessageFields) -> [CTIMessage] {
        switch request.descriptor.name {
        case "CONFIG_REQUEST_KEY_EVENT": [keyEvent()]
        default: upload(Area(rawValue: request.number(.configInformation) ?? 0))
        }
    }

    /// CONFIG_KEY_EVENT CONFIG_NO_KEY_SUPPORT, without keys.
    func keyEvent() -> CTIMessage {
        var fields = try! MessageFields(named: "CONFIG_KEY_EVENT")
        try! fields.set(.configkeyStatus, .number(Self.noKeySupport))
        return .fields(fields)
    }

    /// BEGIN, the records of `asked` ∩ ``Area/served``, END.
    func upload(_ asked: Area) -> [CTIMessage] {
        let areas = asked.intersection(.served)
        var begin = try! MessageFields(named: "CONFIG_BEGIN_EVENT")
        try! begin.set(.configType, .number(Self.solicited))
        try! begin.set(.configInformation, .number(areas.rawValue))
        var messages: [CTIMessage] = [.fields(begin)]
        if areas.contains(.skillGroup) { messages += batches("CONFIG_SKILL_GROUP_EVENT", skillGroups.map(skillGroupRecord)) }
        if areas.contains(.agent) { messages += batches("CONFIG_AGENT_EVENT", agents.map(agentRecord)) }
        if areas.contains(.device) {
            messages += batches("CONFIG_DEVICE_EVENT", skillGroups.map(skillGroupDevice) + agents.map(agentDevice))
        }
        var end = try! MessageFields(named: "CONFIG_END_EVENT")
        try! end.set(.configEndStatus, .number(Self.endSuccess))
        messages.append(.fields(end))
        return messages
    }

    /// One record: its floating fields in the spec's order.
    typealias Record = [(Field, FieldValue)]

    /// `records` in messages of up to ``maxRecords`` each, NumRecords set.
    func batches(_ name: String, _ records: [Record]) -> [CTIMessage] {
        stride(from: 0, to: records.count, by: Self.maxRecords).map { start in
            let batch = records[start..<min(start + Self.maxRecords, records.count)]
            var fields = try! MessageFields(named: name)
            try! fields.set(.numRecords, .number(UInt32(batch.count)))
            for record in batch {
                for (field, value) in record { try! fields.append(field, value) }
            }
            return .fields(fields)
        }
    }

    func skillGroupRecord(_ group: SkillGroup) -> Record {
        [(.recordType, .number(Self.recordAdd)), (.fltPeripheralID, .number(peripheralID)), (.peripheralNumber, .number(group.number)),
         (.skillGroupSkillTargetID, .number(group.id)), (.peripheralName, .text("SkillGroup\(group.number)"))]
    }

    func agentRecord(_ agent: AgentRecord) -> Record {
        [(.recordType, .number(Self.recordAdd)), (.fltPeripheralID, .number(peripheralID)), (.agentType, .number(Self.agentType)),
         (.loginID, .text(agent.agentID)), (.loginName, .text("agent\(agent.agentID)")), (.lastName, .text("Agent")),
         (.firstName, .text(agent.agentID)), (.extension, .text(agent.agentExtension)),
         (.agentSkillTargetID, .number(agent.skillTargetID)), (.numSkills, .number(UInt32(agent.skillGroups.count))),
         (.ssoEnabled, .number(0)), (.numMRDs, .number(0)), (.fltSkillGroupNumber, .numbers(agent.skillGroups.map(\.number)))]
    }

    func skillGroupDevice(_ group: SkillGroup) -> Record {
        [(.recordType, .number(Self.recordAdd)), (.fltPeripheralID, .number(peripheralID)), (.peripheralNumber, .number(group.number)),
         (.deviceType, .number(Self.deviceSkillGroup))]
    }

    func agentDevice(_ agent: AgentRecord) -> Record {
        [(.recordType, .number(Self.recordAdd)), (.fltPeripheralID, .number(peripheralID)),
         (.peripheralNumber, .number(UInt32(agent.instrument) ?? 0)), (.deviceType, .number(Self.deviceAgentExtension)),
         (.extension, .text(agent.agentExtension))]
    }
}
