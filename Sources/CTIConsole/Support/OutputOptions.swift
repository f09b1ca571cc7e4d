import ArgumentParser
import CTIOutput
import CTIProtocol

/// An `-o`/`--output` value: a format of the output table (``OutputFormats``), which gives the
/// values, their help and their completion.
struct OutputChoice: ExpressibleByArgument, Sendable {
    let format: any OutputFormat

    /// The default, the table's first format (text).
    static let standard = OutputChoice(format: OutputFormats.all[0])

    /// The option's help: every format in the table.
    static let help = ArgumentHelp("Output format: \(OutputFormats.help).")

    init(format: any OutputFormat) { self.format = format }

    init?(argument: String) {
        guard let format = OutputFormats.named(argument) else { return nil }
        self.format = format
    }

    static var allValueStrings: [String] { OutputFormats.names }
    static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
    var defaultValueDescription: String { format.name }

    /// Whether it is the format for people (which colours and notes apply to).
    var isText: Bool { format is TextFormat }
    /// Whether it is JSON Lines.
    var isJSON: Bool { format is JSONLinesFormat }
}

/// `--protocol` and `--numbering`, shared by the commands that decode or encode.
struct ProtocolOptions: ParsableArguments {
    @Option(name: .customLong("protocol"), help: ArgumentHelp("CTI Server protocol version 20-25, or auto (default and auto: 25).", valueName: "version"), completion: .list(ProtocolChoice.spellings), transform: ProtocolChoice.parse)
    var protocolVersion: ProtocolChoice = .exactly(.v25)

    @Option(help: ArgumentHelp("Message numbering for the network-recording messages (pv25 or pv24).", valueName: "table"))
    var numbering: NumberingChoice = .pv25

    var version: ProtocolVersion { ProtocolVersion(protocolVersion.version.number, numbering: numbering.numbering)! }
}

enum NumberingChoice: String, ExpressibleByArgument, CaseIterable {
    case pv25, pv24

    var numbering: MessageNumbering { self == .pv24 ? .pv24 : .pv25 }
}
