import CTIProtocol

/// Terminal colours for text output (ANSI), decided by the caller (TTY, `NO_COLOR`, `--color`).
public struct TextStyle: Sendable {
    public var colored: Bool

    public init(colored: Bool) { self.colored = colored }

    func paint(_ text: String, _ code: String) -> String { colored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func dim(_ text: String) -> String { paint(text, "2") }
    func bold(_ text: String) -> String { paint(text, "1") }
}

extension ClientEvent {
    /// One aligned line for a person: local time (UTC), side, name, then the key fields (call,
    /// device, agent, state, cause); `verbose` shows every field instead.
    public func textLine(style: TextStyle = TextStyle(colored: false), verbose: Bool = false) -> String {
        let time = String(UTCTime.iso8601(epochMilliseconds: timestamp).dropFirst(11).dropLast())  // HH:MM:SS.mmm
        let sideText = side?.rawValue ?? "-"
        switch kind {
        case .message(let message, _):
            let name = message.name.padding(to: 30)
            var line = "\(style.dim(time)) \(sideText) \(style.paint(name, message.colorCode))"
            if verbose {
                let all = message.textLine()
                line += " " + all.dropFirst(message.name.count).drop { $0 == " " }
            } else if let fields = message.fields {
                line += " " + ClientEvent.keyFields(fields).joined(separator: " ")
            } else {
                line += " " + message.textLine().dropFirst(message.name.count).drop { $0 == " " }
            }
            return trimmed(line)
        case .undecodable(let error, _):
            return "\(style.dim(time)) \(sideText) \(style.paint("UNDECODABLE".padding(to: 30), "31;1")) \(error)"
        case .lifecycle(let event):
            return "\(style.dim(time)) \(sideText) \(style.paint("SESSION".padding(to: 30), "33")) \(event.summary)"
        }
    }

    private func trimmed(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }

    private static let keyFieldNames: [(label: String, names: [String])] = [
        ("call", ["ConnectionCallID", "NewConnectionCallID", "ActiveConnectionCallID"]),
        ("device", ["ConnectionDeviceID", "AgentInstrument", "NewConnectionDeviceID", "EventDeviceID"]),
        ("agent", ["AgentID"]),
        ("state", ["AgentState", "LocalConnectionState", "CallState"]),
        ("cause", ["EventCause"]),
        ("status", ["Status", "FailureCode"]),
        ("invoke", ["InvokeID"]),
    ]

    /// The fields a person scans for, in a fixed order, when present.
    static func keyFields(_ fields: MessageFields) -> [String] {
        var out: [String] = []
        for (label, names) in keyFieldNames {
            for name in names {
                if let field = fields.displayField(named: name) {
                    out.append("\(label)=\(field.value.text)")
                    break
                }
            }
        }
        return out
    }
}

extension LifecycleEvent {
    /// The record in words.
    public var summary: String {
        switch self {
        case .connecting(_, let endpoint): "connecting to \(endpoint)"
        case .connected(_, let endpoint): "connected to \(endpoint)"
        case .connectFailed(_, let reason, let next, let retryIn):
            reason + (next.map { "; trying side \($0)" + (retryIn.map { $0 > .zero ? " in \($0)" : "" } ?? "") } ?? "")
        case .opened(_, let confirmation):
            "session open (\(confirmation.sessionType.name.lowercased())), granted "
                + MessageCatalog.standard.serviceMask.bitNames(of: confirmation.servicesGranted).joined(separator: "|")
        case .openRefused(_, let status): "OPEN refused: \(CTIClientError.statusName(status)) (\(status))"
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
    func padding(to width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }

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
