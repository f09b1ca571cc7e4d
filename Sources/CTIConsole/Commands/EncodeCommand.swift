import ArgumentParser
import CTIOutput
import NIOCore
import CTIProtocol

/// `cti encode`: build a message from its name and fields, print its frame as hex.
struct EncodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Build a message from its name and Field=value pairs and print the frame as hex.",
        discussion: """
        Fields take their Cisco names (any case). Fixed fields not given are 0, count fields \
        (NumNamedVariables, NumCTIClients, ...) not given are filled in. Enums and masks take \
        names or numbers (CLIENT_EVENTS|ALL_EVENTS, 0x11, all); UNSPEC takes hex; \
        NamedVariable=name=value; NamedArray=name[index]=value. Give a repeated field once per \
        occurrence. Examples:
          cti encode HEARTBEAT_REQ InvokeID=1
          cti encode OPEN_REQ InvokeID=1 VersionNumber=25 IdleTimeout=60 PeripheralID=NONE \\
              ServicesRequested=ALL_EVENTS,CLIENT_CONTROL ClientID=me ClientPassword=
        """
    )

    @Argument(help: ArgumentHelp("Message name, e.g. OPEN_REQ.", valueName: "name"), completion: .buildableMessageNames)
    var name: String?

    @Argument(help: ArgumentHelp("Field values.", valueName: "field=value"), completion: .fieldAssignments)
    var assignments: [String] = []

    @Flag(name: .long, help: "List the message names that can be built, with their type numbers.")
    var list = false

    @Flag(name: .long, help: "Send mask bits the spec does not define (servers reject them).")
    var force = false

    @OptionGroup var protocolOptions: ProtocolOptions

    func validate() throws {
        if !list && name == nil { throw ValidationError("missing message name (see `cti encode --list`)") }
    }

    func run() throws {
        if list {
            for descriptor in MessageCatalog.standard.messages where descriptor.hasLayout {
                let tag = descriptor.isExtension ? "  [extension]" : ""
                try StandardStream.output.writeLine("\(descriptor.name)\t\(descriptor.typeID)\t\(descriptor.direction.rawValue)\(tag)")
            }
            try? StandardStream.output.flush()
            return
        }
        let version = protocolOptions.version
        let fields: MessageFields
        let frame: ByteBuffer
        do {
            fields = try FieldAssignment(allowUndefinedMaskBits: force).build(name!, assignments: assignments)
            frame = try CTIMessageEncoder(version: version, allowUndefinedMaskBits: force).encode(.fields(fields))
        } catch {
            StandardStream.diagnose("cti: encode: \(error)")
            throw ExitStatus.usage
        }
        if let size = NamedVariableSize(over: fields) { StandardStream.diagnose("cti: encode: warning: \(fields.descriptor.name): \(size)") }
        try? StandardStream.output.writeLine(Hex.encode(frame.readableBytesView))
        try? StandardStream.output.flush()
    }
}
