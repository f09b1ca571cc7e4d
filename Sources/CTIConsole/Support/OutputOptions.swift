import ArgumentParser
import CTIProtocol

/// How messages are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// One line per message, `NAME Field=value …`.
    case text
    /// JSON Lines: one complete object per message.
    case json
}

/// `--protocol` and `--numbering`, shared by the commands that decode or encode.
struct ProtocolOptions: ParsableArguments {
    @Option(name: .customLong("protocol"), help: "CTI Server protocol version (24 or 25).")
    var protocolVersion: UInt32 = ProtocolVersion.v25.number

    @Option(help: ArgumentHelp("Message numbering for the network-recording messages (pv25 or pv24).", valueName: "table"))
    var numbering: NumberingChoice = .pv25

    func validate() throws {
        guard ProtocolVersion(protocolVersion) != nil else {
            throw ValidationError("unsupported protocol version \(protocolVersion): cti speaks 24 and 25")
        }
    }

    var version: ProtocolVersion { ProtocolVersion(protocolVersion, numbering: numbering.numbering)! }
}

enum NumberingChoice: String, ExpressibleByArgument, CaseIterable {
    case pv25, pv24

    var numbering: MessageNumbering { self == .pv24 ? .pv24 : .pv25 }
}
