import CTIProtocol
import CTISimulator

/// One message as `cti ladder` sees it (issue 21): who sent it, when, the calls it names and
/// the devices it names, whether it came from a decoded frame or a JSON line of `watch -o json`.
struct LadderMessage: Hashable, Sendable {
    /// The message type's name, e.g. `CALL_DELIVERED_EVENT`.
    var name: String
    /// Sent by the CTI client (a request), else by the server (an event or a confirmation).
    var fromClient: Bool
    /// Seconds from an origin the whole recording shares; `nil` when the input has no times.
    var time: Double?
    /// Every call ID the message names (ConnectionCallID, PrimaryCallID, NewConnectionCallID, ...), 0 left out.
    var calls: [UInt32]
    /// InvokeID of a request or confirmation.
    var invokeID: UInt32?
    /// The devices the message names, by field, in layout order (empty values left out).
    var devices: [Field: String]
    /// Whether it is a confirmation (or FAILURE_CONF) answering a request.
    var isConfirmation: Bool

    init(name: String, fromClient: Bool, time: Double?, calls: [UInt32], invokeID: UInt32?, devices: [Field: String], isConfirmation: Bool) {
        self.name = name
        self.fromClient = fromClient
        self.time = time
        self.calls = calls
        self.invokeID = invokeID
        self.devices = devices
        self.isConfirmation = isConfirmation
    }

    /// A decoded message: the fields ``EventWhoFilter`` counts as devices and calls.
    init(_ fields: MessageFields, fromClient: Bool, time: Double?) {
        let names = EventWhoFilter.fieldNames(of: fields.descriptor)
        var devices: [Field: String] = [:]
        for field in names.devices {
            if let text = fields.occurrences(of: field).lazy.compactMap(\.text).first(where: { !$0.isEmpty }) { devices[field] = text }
        }
        let calls = names.calls.flatMap { fields.occurrences(of: $0).compactMap(\.number) }.filter { $0 != 0 }
        self.init(name: fields.descriptor.name, fromClient: fromClient, time: time, calls: calls,
                  invokeID: fields.descriptor.hasInvokeID ? fields.number(.invokeID) : nil, devices: devices,
                  isConfirmation: fields.descriptor.isConfirmation)
    }

    /// A JSON line's `type` and `fields` (as `watch -o json`, `decode --pcap -o json` and the
    /// proxy write them): numbers, strings, `{"name", "value"}` enumerations, arrays of repeats.
    /// Its direction is the line's `direction` when it has one, else the catalogue's.
    init?(type: String, fields: [String: Any], direction: String?, time: Double?) {
        guard let descriptor = MessageCatalog.standard.descriptor(named: type) else { return nil }
        let names = EventWhoFilter.fieldNames(of: descriptor)
        func values(_ field: Field) -> [Any] {
            guard let value = fields[field.name] else { return [] }
            return (value as? [Any]) ?? [value]
        }
        func number(_ value: Any) -> UInt32? {
            if let object = value as? [String: Any] { return object["value"].flatMap(number) }
            if let integer = value as? Int, let exact = UInt32(exactly: integer) { return exact }
            return nil
        }
        var devices: [Field: String] = [:]
        for field in names.devices {
            if let text = values(field).lazy.compactMap({ $0 as? String }).first(where: { !$0.isEmpty }) { devices[field] = text }
        }
        let fromClient = direction.map { $0.hasPrefix("client") } ?? RecordedFrame.isFromClient(descriptor)
        self.init(name: descriptor.name, fromClient: fromClient, time: time,
                  calls: names.calls.flatMap { values($0).compactMap(number) }.filter { $0 != 0 },
                  invokeID: descriptor.hasInvokeID ? values(.invokeID).first.flatMap(number) : nil,
                  devices: devices, isConfirmation: descriptor.isConfirmation)
    }
}
