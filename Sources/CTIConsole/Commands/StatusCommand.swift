import ArgumentParser
import CTIClient

/// `status`: the session the REPL or script holds.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the session held by the REPL or script: server, client ID, services, whether it is open.")

    func run() async throws {
        guard let context = ConsoleContext.current, let session = context.session else {
            try StandardStream.output.writeLine("no session")
            try StandardStream.output.flush()
            return
        }
        let settings = session.settings
        let open = await session.client.isOpen
        let lines = [
            "session   \(open ? "open" : "not open (connecting or reconnecting)")",
            "side A    \(settings.hostA.map(\.description) ?? "-")" + (session.simulator != nil ? " (embedded simulator)" : ""),
            "side B    \(settings.hostB.map(\.description) ?? "-")",
            "client    \(settings.clientID)",
            "protocol  \(settings.protocolVersion)",
            "services  " + CTIProtocolNames.services(settings.services),
        ]
        for line in lines { try StandardStream.output.writeLine(line) }
        try StandardStream.output.flush()
    }
}
