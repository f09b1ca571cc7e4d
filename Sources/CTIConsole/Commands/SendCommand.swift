import ArgumentParser
import CTIClient
import CTIProtocol

/// `cti send NAME Field=value ...`: any request by name (the InvokeID is filled in).
struct SendCommand: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send any request by name with Field=value pairs (as `cti encode` takes them) and print the confirmation.")

    @Argument(help: "Message name, e.g. QUERY_DEVICE_INFO_REQ.", completion: .requestNames) var name: String
    @Argument(help: ArgumentHelp("Field values.", valueName: "field=value"), completion: .fieldAssignments) var assignments: [String] = []
    @Flag(help: "Send mask bits the spec does not define.") var force = false
    @OptionGroup var options: RequestOptions

    func validate() throws {
        guard let descriptor = MessageCatalog.standard.descriptor(named: name) else {
            throw ValidationError("unknown message '\(name)' (see `cti encode --list`)")
        }
        guard descriptor.direction != .serverToClient else {
            throw ValidationError("\(descriptor.name) is sent by the server, not a request")
        }
        do {
            _ = try FieldAssignment(allowUndefinedMaskBits: force).build(name, assignments: assignments + ["InvokeID=0"])
        } catch {
            throw ValidationError("\(error)")
        }
    }

    func run(on provider: any SessionProvider) async throws {
        let request = try FieldAssignment(allowUndefinedMaskBits: force).build(name, assignments: assignments)
        try await options.run(on: provider) { client, _ in try await client.send(request) }
    }
}
