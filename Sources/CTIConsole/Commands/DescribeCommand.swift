import ArgumentParser
import CTIProtocol
import CTISimulator

/// `cti describe masks|messages|events|status|failures`: the protocol's names and numbers.
struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "List mask bits, messages, events, status codes or failure codes with their names and numbers.")

    enum Topic: String, ExpressibleByArgument, CaseIterable {
        case masks, messages, events, status, failures
    }

    @Argument(help: "What to list: masks, messages, events, status or failures.") var topic: Topic
    @Argument(help: "For messages: one message name, to list its fields.", completion: .describedName) var name: String?

    func run() throws {
        let catalog = MessageCatalog.standard
        var lines: [String] = []
        switch topic {
        case .masks:
            for (title, table) in [("services (--services)", catalog.serviceMask), ("call events (--call-mask)", catalog.callEventMask),
                                   ("agent states (--agent-mask)", catalog.agentStateMask), ("configuration (--config-mask)", catalog.configMask)] {
                lines.append("\(title):")
                for entry in table.entries { lines.append("  0x\(String.hex8(entry.value))  \(entry.name)") }
            }
            lines.append("Spellings: full names, short names (CLIENT_EVENTS, client-events), numbers (17, 0x11), lists (a,b or a|b), all.")
        case .messages:
            if let name {
                guard let descriptor = catalog.descriptor(named: name) else {
                    throw ValidationError("unknown message '\(name)' (see `cti describe messages`)")
                }
                lines.append("\(descriptor.name) (\(descriptor.typeID), \(descriptor.direction.rawValue), \(descriptor.service))")
                for field in descriptor.fixed { lines.append("  fixed     \(field.name) \(field.type.rawValue)") }
                for field in descriptor.floating {
                    let extra = [field.isRequired ? "required" : nil, field.repeats ? "repeated" : nil].compactMap { $0 }.joined(separator: ", ")
                    lines.append("  floating  \(field.name) \(field.type.rawValue)\(field.maxSize.map { "[\($0)]" } ?? "") tag \(field.tag)" + (extra.isEmpty ? "" : " (\(extra))"))
                }
            } else {
                for descriptor in catalog.messages {
                    lines.append("\(String(descriptor.typeID).padded(6)) \(descriptor.name.padded(42)) \(descriptor.direction.rawValue.padded(8)) \(descriptor.hasLayout ? "" : "(no layout) ")\(descriptor.isExtension ? "[extension]" : "")")
                }
            }
        case .events:
            for descriptor in catalog.messages where descriptor.direction == .serverToClient && descriptor.name.hasSuffix("_EVENT") {
                lines.append("\(String(descriptor.typeID).padded(6)) \(descriptor.name.padded(42)) \(descriptor.service)")
            }
        case .status:
            for entry in catalog.enumTable(named: "StatusCode")!.entries { lines.append("\(String(entry.value).padded(5)) \(entry.name)") }
        case .failures:
            for entry in catalog.enumTable(named: "ControlFailureCode")!.entries { lines.append("\(String(entry.value).padded(5)) \(entry.name)") }
            lines.append("")
            lines.append("How the simulator answers each mistake (the guide does not map mistakes to codes):")
            lines.append(SimulatorFailureTable.text)
        }
        for line in lines { try StandardStream.output.writeLine(line) }
        try StandardStream.output.flush()
    }
}

extension String {
    func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }

    /// Eight hex digits.
    static func hex8(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: Swift.max(0, 8 - digits.count)) + digits
    }
}
