import ArgumentParser
import CTIClient
import CTIProtocol

/// `cti query ...`: QUERY_AGENT_STATE, QUERY_DEVICE_INFO, SNAPSHOT_CALL, SNAPSHOT_DEVICE.
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Ask the server about an agent, a device or a call.",
        subcommands: [Agent.self, Device.self, Call.self, Snapshot.self])

    struct Agent: SessionCommand {
        static let configuration = CommandConfiguration(abstract: "QUERY_AGENT_STATE_REQ for --instrument or --agent-id.")
        @OptionGroup var options: RequestOptions
        func run(on provider: any SessionProvider) async throws { try await Agent.query(options, on: provider) }

        /// QUERY_AGENT_STATE_REQ (also `agent state`).
        static func query(_ options: RequestOptions, on provider: any SessionProvider) async throws {
            try await options.run(on: provider) { client, settings in
                try await client.queryAgentState(peripheralID: settings.requestPeripheral, instrument: settings.instrument, agentID: settings.agentID)
            }
        }
    }

    struct Device: SessionCommand {
        static let configuration = CommandConfiguration(abstract: "QUERY_DEVICE_INFO_REQ for --instrument.")
        @OptionGroup var options: RequestOptions
        func run(on provider: any SessionProvider) async throws {
            let options = options
            try await options.run(on: provider) { client, settings in
                try await client.queryDeviceInfo(peripheralID: settings.requestPeripheral, instrument: try options.instrument(settings))
            }
        }
    }

    struct Call: SessionCommand {
        static let configuration = CommandConfiguration(abstract: "SNAPSHOT_CALL_REQ for CALLID on --device.")
        @Argument(help: "ConnectionCallID.") var callID: UInt32
        @OptionGroup var options: RequestOptions
        func run(on provider: any SessionProvider) async throws {
            let (options, callID) = (options, callID)
            try await options.run(on: provider) { client, settings in
                try await client.snapshotCall(try options.call(callID, settings), peripheralID: settings.requestPeripheral)
            }
        }
    }

    struct Snapshot: SessionCommand {
        static let configuration = CommandConfiguration(abstract: "SNAPSHOT_DEVICE_REQ for --instrument: the calls on the device.")
        @OptionGroup var options: RequestOptions
        func run(on provider: any SessionProvider) async throws {
            let options = options
            try await options.run(on: provider) { client, settings in
                try await client.snapshotDevice(peripheralID: settings.requestPeripheral, instrument: try options.instrument(settings))
            }
        }
    }
}
