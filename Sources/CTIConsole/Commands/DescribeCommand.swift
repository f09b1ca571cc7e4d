import ArgumentParser
import CTICapture
import CTIOutput
import CTIProtocol
import CTISimulator

/// `cti describe masks|messages|events|status|failures|versions`: the protocol's names and
/// numbers, as a protocol version has them (`--protocol`, issue 20);
/// `cti describe --wireshark-lua`: the Wireshark dissector generated from the same catalog.
struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "List mask bits, messages, events, status codes, failure codes or protocol versions with their names and numbers.",
        discussion: """
        --protocol N shows what protocol version N has: `cti describe messages OPEN_CONF --protocol 23` \
        gives that version's layout; what arrived later is marked. `cti describe versions` lists \
        what changed in each version `cti` speaks (20-25), with the sources.

        --wireshark-lua prints a Wireshark Lua dissector for the CTI Server protocol, generated \
        from the same message table (`cti describe --wireshark-lua > cti-ged188.lua`); install it \
        in ~/.local/lib/wireshark/plugins/ or load it for one run with \
        `tshark -X lua_script:cti-ged188.lua`.
        """)

    enum Topic: String, ExpressibleByArgument, CaseIterable {
        case masks, messages, events, status, failures, versions
    }

    @Argument(help: "What to list: masks, messages, events, status, failures or versions.") var topic: Topic?
    @Argument(help: ArgumentHelp("One entry to look up, by name or number: a message (OPEN_REQ, 3, 0x3), a mask value (0x14, CLIENT_EVENTS), "
                                 + "a status or failure code (12, E_CTI_FUNCTION_NOT_AVAILABLE).", valueName: "name|number"),
              completion: .describedName)
    var name: String?

    @Option(name: .customLong("protocol"), help: ArgumentHelp("Describe protocol version 20-25 (auto: 25).", valueName: "version"), completion: .list(ProtocolChoice.spellings), transform: ProtocolChoice.parse)
    var protocolVersion: ProtocolChoice = .exactly(.v25)

    @Flag(name: .customLong("wireshark-lua"), help: "Print a Wireshark Lua dissector for the protocol, generated from the message table (no topic).")
    var wiresharkLua = false

    func run() throws {
        let lines: [String]
        do {
            lines = try wiresharkLua ? wiresharkDissector() : describe()
        } catch let error as ValidationError {
            StandardStream.diagnose("cti: describe: \(error.message)")
            throw ExitStatus.usage
        }
        for line in lines { try StandardStream.output.writeLine(line) }
        try StandardStream.output.flush()
    }

    /// The lines of the generated dissector.
    private func wiresharkDissector() throws -> [String] {
        guard topic == nil, name == nil else { throw ValidationError("--wireshark-lua takes no topic or name") }
        return LuaDissectorGenerator().generate().split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    private func describe() throws -> [String] {
        guard let topic else { throw ValidationError("give a topic (masks, messages, events, status, failures or versions) or --wireshark-lua") }
        let catalog = MessageCatalog.standard.forVersion(protocolVersion.version)
        /// ` [since 24]` after what the described version does not have yet.
        func since(_ version: UInt32?) -> String { version.map { " [since \($0)]" } ?? "" }
        var lines: [String] = []
        switch topic {
        case .versions:
            lines = try Self.describeVersions(name)
        case .masks:
            if let name {
                lines = try Self.lookUpMask(name, catalog: catalog)
                break
            }
            for (title, table) in Self.masks(catalog) {
                lines.append("\(title):")
                for entry in table.entries { lines.append("  0x\(String.hex8(entry.value))  \(entry.name)\(since(table.arrivals[entry.value]))") }
            }
            lines.append("Spellings: full names, short names (CLIENT_EVENTS, client-events), numbers (17, 0x11), lists (a,b or a|b), all.")
        case .messages, .events:
            if let name {
                let descriptor = try Self.message(name, catalog: catalog)
                lines.append("\(descriptor.name) (\(descriptor.typeID), \(descriptor.direction.rawValue), \(descriptor.service)), protocol \(catalog.version)"
                             + (descriptor.fixed.isEmpty ? "" : ": fixed part \(descriptor.fixedSize) bytes"))
                if let arrival = descriptor.arrivesIn { lines.append("  not in protocol \(catalog.version): it arrived in protocol \(arrival)") }
                for field in descriptor.fixed { lines.append("  fixed     \(field.name) \(field.type.rawValue)") }
                for field in descriptor.floating {
                    let extra = [field.isRequired ? "required" : nil, field.repeats ? "repeated" : nil].compactMap { $0 }.joined(separator: ", ")
                    lines.append("  floating  \(field.name) \(field.type.rawValue)\(field.maxSize.map { "[\($0)]" } ?? "") tag \(field.tag)"
                                 + (extra.isEmpty ? "" : " (\(extra))") + since(field.arrivesIn))
                }
                let later = VersionHistory.standard.arrivals.filter {
                    if case .fixedField(descriptor.name, _) = $0.subject { $0.since > catalog.version } else { false }
                }
                for arrival in later {
                    if case .fixedField(_, let field) = arrival.subject { lines.append("  (fixed field \(field) arrived in protocol \(arrival.since))") }
                }
            } else if topic == .messages {
                for descriptor in catalog.messages {
                    lines.append("\(String(descriptor.typeID).padded(6)) \(descriptor.name.padded(42)) \(descriptor.direction.rawValue.padded(8)) \(descriptor.hasLayout ? "" : "(no layout) ")\(descriptor.isExtension ? "[extension]" : "")\(since(descriptor.arrivesIn))")
                }
            } else {
                for descriptor in catalog.messages where descriptor.direction == .serverToClient && descriptor.name.hasSuffix("_EVENT") {
                    lines.append("\(String(descriptor.typeID).padded(6)) \(descriptor.name.padded(42)) \(descriptor.service)\(since(descriptor.arrivesIn))")
                }
            }
        case .status, .failures:
            let table = catalog.enumTable(named: topic == .status ? "StatusCode" : "ControlFailureCode")!
            if let name {
                let value = try Self.code(name, in: table)
                lines.append("\(String(value).padded(5)) \(table.name(of: value) ?? "(no name in the spec)")")
                break
            }
            for entry in table.entries { lines.append("\(String(entry.value).padded(5)) \(entry.name)\(since(table.arrivals[entry.value]))") }
            if topic == .failures {
                lines.append("")
                lines.append("How the simulator answers each mistake (the guide does not map mistakes to codes):")
                lines.append(SimulatorFailureTable.text)
            }
        }
        return lines
    }
}

extension DescribeCommand {
    /// The four masks of a version's catalogue, with the option each goes to.
    static func masks(_ catalog: MessageCatalog = .standard) -> [(title: String, table: EnumTable)] {
        [("services (--services)", catalog.serviceMask), ("call events (--call-mask)", catalog.callEventMask),
                ("agent states (--agent-mask)", catalog.agentStateMask), ("configuration (--config-mask)", catalog.configMask)]
    }

    /// A message by name or type number.
    static func message(_ text: String, catalog: MessageCatalog = .standard) throws -> MessageDescriptor {
        if let descriptor = catalog.descriptor(named: text) { return descriptor }
        if let number = NumberParser.unsigned(text) {
            guard let descriptor = catalog.descriptor(type: number) else {
                throw ValidationError("no message has type number \(number) (see `cti describe messages`)")
            }
            return descriptor
        }
        throw ValidationError("unknown message '\(text)' (see `cti describe messages`)")
    }

    /// A number in each mask (its bits by name), or a bit name (its value and mask).
    static func lookUpMask(_ text: String, catalog: MessageCatalog = .standard) throws -> [String] {
        var lines: [String] = []
        if let number = NumberParser.unsigned(text) {
            lines.append("0x\(String.hex8(number)) (\(number)):")
            for (title, table) in masks(catalog) {
                let names = table.bitNames(of: number)
                let undefined = table.undefinedBits(in: number)
                let parts = names + (undefined != 0 ? ["undefined bits 0x\(String.hex8(undefined))"] : [])
                lines.append("  \(title.padded(30)) \(parts.isEmpty ? "(none)" : parts.joined(separator: " | "))")
            }
            return lines
        }
        for (title, table) in masks(catalog) {
            if let value = table.value(named: text) { lines.append("0x\(String.hex8(value))  \(table.name(of: value) ?? text)  \(title)") }
        }
        guard !lines.isEmpty else { throw ValidationError("'\(text)' is neither a number nor a bit of any mask (see `cti describe masks`)") }
        return lines
    }

    /// A status or failure code by number or name.
    static func code(_ text: String, in table: EnumTable) throws -> UInt32 {
        if let number = NumberParser.unsigned(text) ?? table.value(named: text) { return number }
        throw ValidationError("'\(text)' is neither a number nor a name in \(table.name) (see `cti describe \(table.name == "StatusCode" ? "status" : "failures")`)")
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
