import ArgumentParser
import CTIClient
import CTIProtocol

/// What every request subcommand takes: the connection, the output, and `--follow`.
struct RequestOptions: ParsableArguments {
    @OptionGroup(title: ConnectionOptions.title) var connection: ConnectionOptions
    @OptionGroup(title: EventOutputOptions.title) var output: EventOutputOptions

    @Option(help: ArgumentHelp("After the confirmation, also print the events of the next S seconds.", valueName: "seconds"))
    var follow: Double?

    @Option(help: ArgumentHelp("The call's device (ConnectionDeviceID; default: --instrument).", valueName: "dn"))
    var device: String?

    func validate() throws {
        if let follow { try SecondsOption.check(follow, option: "--follow") }
    }

    /// Runs a request on the session `provider` gives (see ``RequestRunner``).
    func run(on provider: any SessionProvider, _ request: @escaping @Sendable (CTIClient, ConsoleSettings) async throws -> CTIMessage) async throws {
        try await RequestRunner.run(on: provider, connection, output, follow: follow, request)
    }

    /// The call `id` on the device given (or the instrument).
    func call(_ id: UInt32, _ settings: ConsoleSettings) throws -> CallReference {
        guard let device = device ?? settings.instrument else {
            throw ValidationError("give the call's device with --device (or --instrument)")
        }
        return CallReference(callID: id, deviceID: device)
    }

    /// The instrument the request acts for (or `--device`).
    func instrument(_ settings: ConsoleSettings) throws -> String {
        guard let instrument = settings.instrument ?? device else {
            throw ValidationError("give the device with --instrument")
        }
        return instrument
    }
}
