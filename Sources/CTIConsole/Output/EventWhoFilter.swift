import CTIClient
import CTIProtocol
import NIOConcurrencyHelpers

/// `watch --device DN --agent ID --call CALLID`: the events that concern these devices, agents
/// or calls. Each option may repeat (any of its values matches); options of different kinds
/// must all match. A device matches any field naming a device (`...DeviceID`, AgentInstrument,
/// AgentExtension, ...), a call any call ID field (ConnectionCallID, PrimaryCallID,
/// NewConnectionCallID, ...), an agent AgentID; repeated fields (snapshot entries) count each.
struct EventWhoFilter: Sendable {
    var devices: Set<String> = []
    var agents: Set<String> = []
    var calls: Set<UInt32> = []

    var isEmpty: Bool { devices.isEmpty && agents.isEmpty && calls.isEmpty }

    /// Whether the event concerns what the filter names.
    func matches(_ fields: MessageFields) -> Bool {
        let names = Self.fieldNames(of: fields.descriptor)
        if !devices.isEmpty, !names.devices.contains(where: { fields.occurrences(of: $0).contains { $0.text.map(devices.contains) ?? false } }) {
            return false
        }
        if !agents.isEmpty, !names.agents.contains(where: { fields.occurrences(of: $0).contains { $0.text.map(agents.contains) ?? false } }) {
            return false
        }
        if !calls.isEmpty, !names.calls.contains(where: { fields.occurrences(of: $0).contains { $0.number.map(calls.contains) ?? false } }) {
            return false
        }
        return true
    }

    /// The fields of a layout that name devices, agents and calls.
    struct FieldNames: Sendable {
        var devices: [Field] = []
        var agents: [Field] = []
        var calls: [Field] = []
    }

    private static let deviceFields: Set<Field> = [.agentInstrument, .agentExtension, .supervisorInstrument, .instrument, .extension]
    private static let cache = NIOLockedValueBox<[UInt32: FieldNames]>([:])

    /// Worked out once per message type.
    static func fieldNames(of descriptor: MessageDescriptor) -> FieldNames {
        if let known = cache.withLockedValue({ $0[descriptor.typeID] }) { return known }
        var names = FieldNames()
        for field in descriptor.fixed.map(\.field) + descriptor.floating.map(\.field) {
            if field.name.hasSuffix("DeviceID") || deviceFields.contains(field) { names.devices.append(field) }
            if field == .agentID { names.agents.append(field) }
            if field.name.hasSuffix("CallID") && field != .routerCallKeyCallID { names.calls.append(field) }
        }
        cache.withLockedValue { $0[descriptor.typeID] = names }
        return names
    }
}
