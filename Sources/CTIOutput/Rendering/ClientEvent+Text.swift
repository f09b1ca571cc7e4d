import CTIClient
import CTIProtocol

extension ClientEvent {
    /// One aligned line for a person: local time (UTC), side, name, then the key fields
    /// (``keyFields``); `verbose` shows every field instead.
    public func textLine(style: TextStyle = TextStyle(colored: false), verbose: Bool = false) -> String {
        var line: [UInt8] = []
        appendTextLine(style: style, verbose: verbose, to: &line)
        return String(decoding: line, as: UTF8.self)
    }

    /// ``textLine(style:verbose:)`` appended as UTF-8 bytes, without a newline (`cti watch -o
    /// text` makes one per event, and appending to a String costs some 300 instructions a piece).
    public func appendTextLine(style: TextStyle, verbose: Bool, to line: inout [UInt8]) {
        line.reserveCapacity(line.count + 192)
        ClientEvent.appendTextStamp(timestamp: timestamp, side: side, style: style, to: &line)
        switch kind {
        case .message(let message, _):
            ClientEvent.appendText(of: message, style: style, verbose: verbose, to: &line)
        case .undecodable(let error, _):
            style.paint("UNDECODABLE", "31;1", paddedTo: 30, into: &line)
            line.append(contentsOf: " \(error)".utf8)
        case .lifecycle(let event):
            style.paint("SESSION", "33", paddedTo: 30, into: &line)
            line.append(UInt8(ascii: " "))
            line.append(contentsOf: event.summary.utf8)
        }
    }

    /// What every line begins with: the time of day (UTC) and the side (`-` for none), each
    /// followed by a space.
    static func appendTextStamp(timestamp: Int64, side: CTISide?, style: TextStyle, to line: inout [UInt8]) {
        style.paint("2", into: &line) { UTCTime.appendTimeOfDay(epochMilliseconds: timestamp, to: &$0) }
        line.append(UInt8(ascii: " "))
        line.append(contentsOf: (side?.rawValue ?? "-").utf8)
        line.append(UInt8(ascii: " "))
    }

    /// A message's name in its colour, padded, then its key fields (every field if `verbose`).
    static func appendText(of message: CTIMessage, style: TextStyle, verbose: Bool, to line: inout [UInt8]) {
        let start = line.count
        style.paint(message.name, message.colorCode, paddedTo: 30, into: &line)
        if !verbose, let fields = message.fields {
            keyFields.appendSummary(of: fields, to: &line)
        } else {
            line.append(UInt8(ascii: " "))
            line.append(contentsOf: message.textLine().dropFirst(message.name.count).drop { $0 == " " }.utf8)
        }
        while line.count > start, line.last == UInt8(ascii: " ") { line.removeLast() }
    }

    /// The fields a person scans for, in this order, when the message carries them with a
    /// value (``SummaryFields``): the call and device, who, the state and why; the other call
    /// of a transfer or conference and the parties after it; what a query returned (the calls
    /// of a snapshot, the agent's skill groups, the kind of device); the caller's numbers and
    /// the call's data on call begin, delivery and data events; the outcome of a request.
    static let keyFields = SummaryFields([
        .init("call", [.connectionCallID, .primaryCallID, .newConnectionCallID, .activeConnectionCallID, .callConnectionCallID]),
        .init("secondary", [.secondaryCallID]),
        .init("device", [.connectionDeviceID, .agentInstrument, .newConnectionDeviceID, .eventDeviceID, .primaryDeviceID,
                         .callDeviceID, .callConnectionDeviceID]),
        .init("agent", [.agentID]),
        .init("ext", [.agentExtension]),
        .init("state", [.agentState, .localConnectionState, .callState, .callDeviceConnectionState]),
        .init("cause", [.eventCause]),
        .init("parties", [.connectedPartyDeviceID]),
        .init("skills", qualified: [("QUERY_AGENT_STATE_CONF", .skillGroupNumber)]),
        .init("peripheral", qualified: [("QUERY_DEVICE_INFO_CONF", .peripheralType)]),
        .init("type", [.typeOfDevice]),
        .init("class", [.classOfDevice]),
        .init("lines", qualified: [("QUERY_DEVICE_INFO_CONF", .lineType)]),
        .init("ani", [.ani]),
        .init("dnis", [.dnis]),
        .init("dialed", [.dialedNumber]),
    ] + zip(1..., Field.callVariables).map { SummaryFields.Group("var\($0)", [$1]) } + [
        .init("named", [.namedVariable]),
        .init("status", [.status, .failureCode]),
        .init("invoke", [.invokeID]),
    ])
}

extension LifecycleEvent {
    /// The record in words.
    public var summary: String {
        switch self {
        case .connecting(_, let endpoint): "connecting to \(endpoint)"
        case .connected(_, let endpoint): "connected to \(endpoint)"
        case .connectFailed(_, let reason, let next, let retryIn):
            reason + (next.map { "; trying side \($0)" + (retryIn.map { $0 > .zero ? " in \($0)" : "" } ?? "") } ?? "")
        case .opened(_, let confirmation, let version):
            // SessionType is 0 (unknown) before protocol 24 and on single-session servers: not shown.
            "session open (" + (confirmation.sessionType == .unknown ? "" : "\(confirmation.sessionType.name.lowercased()), ")
                + "protocol \(version)), granted "
                + MessageCatalog.standard.serviceMask.bitNames(of: confirmation.servicesGranted).joined(separator: "|")
        case .versionStepDown(_, let refused, let next):
            "protocol \(refused) refused (E_CTI_INVALID_VERSION): opening again with protocol \(next)"
        case .openRefused(_, let status): CTIClientError.openRefused(status: status).description
        case .heartbeatMissed(_, let count): "heartbeat unconfirmed (\(count) in a row)"
        case .sessionFailed(_, let reason): "session failed: \(reason)"
        case .failedOver(let from, let to): "failed over from side \(from) to side \(to)"
        case .maintenanceRequested(_, let accepted): "maintenance requested: \(accepted ? "accepted" : "rejected")"
        case .maintenance(_, let proceed): proceed ? "maintenance: handing over to the other side" : "maintenance cancelled"
        case .closed(_, let reason): "session closed: \(reason)"
        }
    }
}

extension CTIMessage {
    /// ANSI colour by family: call events cyan, agent events green, failures red, others plain.
    var colorCode: String {
        let name = self.name
        if name.containsASCII("FAILURE") || name == "CALL_FAILED_EVENT" { return "31" }
        if name.hasPrefix("AGENT_") { return "32" }
        if name.hasPrefix("CALL_") || name.hasSuffix("_CALL_EVENT") { return "36" }
        if name.hasSuffix("_CONF") || name.hasSuffix("_RESP") { return "35" }
        return "0"
    }
}

extension String {
    /// Whether the UTF-8 of `needle` occurs in the string's: a byte scan (the standard library's
    /// `contains` costs some 20,000 instructions a call, more than the rest of a text line).
    func containsASCII(_ needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        var text = self
        return text.withUTF8 { bytes in
            guard let first = pattern.first, bytes.count >= pattern.count else { return pattern.isEmpty }
            search: for start in 0...(bytes.count - pattern.count) where bytes[start] == first {
                for offset in 1..<pattern.count where bytes[start + offset] != pattern[offset] { continue search }
                return true
            }
            return false
        }
    }
}
