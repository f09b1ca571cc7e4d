import CTIClient
import CTIProtocol

extension ClientEvent {
    /// The event as one JSON Lines object: `ts` (ISO-8601 UTC, milliseconds), `seq`, `side`, then
    /// the message's keys (`type`, `typeId`, `fields`, ... see ``CTIMessage/writeJSONKeys(into:catalog:)``).
    /// Lifecycle records have `"type": "SESSION"` and `event`; undecodable frames have
    /// `"type": "UNDECODABLE"` with `error` and the frame as `hex`. `extra` adds keys at the end.
    public func jsonLine(extra: (inout JSONWriter) -> Void = { _ in }) -> [UInt8] {
        var line: [UInt8] = []
        appendJSONLine(extra: extra, to: &line)
        return line
    }

    /// ``jsonLine(extra:)`` appended to `output` (without a newline).
    public func appendJSONLine(extra: (inout JSONWriter) -> Void = { _ in }, to output: inout [UInt8]) {
        var writer = JSONWriter()
        writer.beginObject()
        ClientEvent.writeJSONStamp(timestamp: timestamp, sequence: sequence, side: side, into: &writer)
        switch kind {
        case .message(let message, _):
            message.writeJSONKeys(into: &writer)
        case .undecodable(let error, let frame):
            writer.key("type")
            writer.string("UNDECODABLE")
            writer.key("typeId")
            writer.number(frame.type)
            writer.key("error")
            writer.string(error.description)
            writer.key("hex")
            writer.string(HexDump.redactedHex(frame))
        case .lifecycle(let event):
            writer.key("type")
            writer.string("SESSION")
            writer.key("event")
            writer.string(event.name)
            event.writeJSONDetails(into: &writer)
        }
        extra(&writer)
        writer.endObject()
        writer.append(to: &output)
    }
}

extension ClientEvent {
    /// The keys every record of the stream begins with: `ts`, `seq`, `side` (`null` for none).
    static func writeJSONStamp(timestamp: Int64, sequence: UInt64, side: CTISide?, into writer: inout JSONWriter) {
        writer.key("ts")
        writer.timestamp(epochMilliseconds: timestamp)
        writer.key("seq")
        writer.number(sequence)
        writer.key("side")
        if let side { writer.string(side.rawValue) } else { writer.null() }
    }
}

extension LifecycleEvent {
    /// The event's own keys.
    func writeJSONDetails(into writer: inout JSONWriter) {
        func endpoint(_ value: Endpoint) {
            writer.key("endpoint")
            writer.string(value.description)
        }
        func reason(_ text: String) {
            writer.key("reason")
            writer.string(text)
        }
        switch self {
        case .connecting(_, let value), .connected(_, let value):
            endpoint(value)
        case .connectFailed(_, let text, let next, let retryIn):
            reason(text)
            writer.key("nextSide")
            if let next { writer.string(next.rawValue) } else { writer.null() }
            writer.key("retryInMs")
            if let retryIn { writer.number(retryIn.milliseconds) } else { writer.null() }
        case .versionStepDown(_, let refused, let next):
            writer.key("refused")
            writer.number(refused)
            writer.key("next")
            writer.number(next)
        case .opened(_, let confirmation, let version):
            let catalog = MessageCatalog.standard
            writer.key("protocolVersion")
            writer.number(version)
            writer.key("servicesGranted")
            writer.beginObject()
            writer.key("names")
            writer.beginArray()
            for name in catalog.serviceMask.bitNames(of: confirmation.servicesGranted) { writer.string(name) }
            writer.endArray()
            writer.key("value")
            writer.number(confirmation.servicesGranted)
            writer.endObject()
            writer.key("sessionType")
            writer.string(confirmation.sessionType.name)
            writer.key("peripheralOnline")
            writer.bool(confirmation.peripheralOnline)
        case .openRefused(_, let status):
            writer.key("status")
            writer.beginObject()
            writer.key("name")
            if let name = status.name { writer.string(name) } else { writer.null() }
            writer.key("value")
            writer.number(status.rawValue)
            writer.endObject()
        case .heartbeatMissed(_, let count):
            writer.key("count")
            writer.number(count)
        case .sessionFailed(_, let text), .closed(_, let text):
            reason(text)
        case .failedOver(let from, let to):
            writer.key("from")
            writer.string(from.rawValue)
            writer.key("to")
            writer.string(to.rawValue)
        case .maintenanceRequested(_, let accepted):
            writer.key("accepted")
            writer.bool(accepted)
        case .maintenance(_, let proceed):
            writer.key("proceed")
            writer.bool(proceed)
        }
    }
}

extension OpenConfirmation.SessionType {
    /// The project's names (`ERRATA.md`: SessionType has no Cisco symbols).
    public var name: String {
        switch self {
        case .unknown: "UNKNOWN"
        case .active: "ACTIVE"
        case .standby: "STANDBY"
        }
    }
}

extension Duration {
    /// Whole milliseconds.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
