import ArgumentParser
import CTIClient
import CTIProtocol

/// `cti agent ...`: agent state requests (SET_AGENT_STATE_REQ, QUERY_AGENT_STATE_REQ).
struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "Log agents in and out, change and query their state.",
        subcommands: [Login.self, Logout.self, Ready.self, NotReady.self, WorkReady.self, WorkNotReady.self, State.self])

    /// What a state change takes besides the connection.
    struct StateChange: ParsableArguments {
        @OptionGroup var options: RequestOptions

        @Option(help: "Reason code (EventReasonCode) for not-ready and logout.")
        var reason: UInt32 = 0

        @Option(name: .customLong("agent-password-file"), help: ArgumentHelp("Read the agent's password from this file.", valueName: "file"))
        var agentPasswordFile: String?

        /// SET_AGENT_STATE_REQ with `state` (constants.md §9); a mobile agent's `remoteNumber`
        /// goes after the instrument (`instrument;phone`).
        func run(on provider: any SessionProvider, state: AgentState, workMode: AgentWorkMode = .unspecified, remoteNumber: String? = nil) async throws {
            let password: String?
            if let agentPasswordFile {
                guard let text = ConfigFile.readFile(agentPasswordFile) else {
                    throw ValidationError("--agent-password-file \(agentPasswordFile): cannot be read")
                }
                password = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init)
            } else {
                password = nil
            }
            let (options, reason) = (options, reason)
            try await options.run(on: provider) { client, settings in
                let instrument = try options.instrument(settings) + (remoteNumber.map { ";\($0)" } ?? "")
                return try await client.setAgentState(peripheralID: settings.requestPeripheral, instrument: instrument, state: state,
                                               agentID: settings.agentID, password: password, workMode: workMode, reasonCode: reason)
            }
        }
    }

    struct Login: SessionCommand {
        static let configuration = CommandConfiguration(
            abstract: "Log the agent in (AGENT_STATE_LOGIN); mobile agents with --nailed or --call-by-call and --remote-number.",
            discussion: """
            --nailed logs a mobile agent in with a nailed connection (AgentWorkMode RA_NAILED_CONNECTION, \
            AgentInstrument `instrument;remote-number`): the documented way to keep a call up to the agent's \
            remote phone on real Unified CCE servers; `agent logout` drops it.
            """)
        @OptionGroup var change: StateChange

        @Flag(help: "Mobile agent with a nailed connection (RA_NAILED_CONNECTION).") var nailed = false
        @Flag(name: .customLong("call-by-call"), help: "Mobile agent, call by call (RA_CALL_BY_CALL).") var callByCall = false
        @Option(name: .customLong("remote-number"), help: ArgumentHelp("The mobile agent's phone number.", valueName: "number"))
        var remoteNumber: String?

        func validate() throws {
            if nailed && callByCall { throw ValidationError("--nailed and --call-by-call exclude each other") }
            if (nailed || callByCall) != (remoteNumber != nil) {
                throw ValidationError("a mobile-agent login needs both --nailed (or --call-by-call) and --remote-number")
            }
        }

        func run(on provider: any SessionProvider) async throws {
            try await change.run(on: provider, state: .login, workMode: nailed ? .raNailedConnection : (callByCall ? .raCallByCall : .unspecified), remoteNumber: remoteNumber)
        }
    }

    struct Logout: SessionCommand {
        static let configuration = CommandConfiguration(abstract: "Log the agent out (AGENT_STATE_LOGOUT).")
        @OptionGroup var change: StateChange
        func run(on provider: any SessionProvider) async throws { try await change.run(on: provider, state: .logout) }
    }

    struct Ready: SessionCommand {
        static let configuration = CommandConfiguration(abstract: "Make the agent available (AGENT_STATE_AVAILABLE).")
        @OptionGroup var change: StateChange
        func run(on provider: any SessionProvider) async throws { try await change.run(on: provider, state: .available) }
    }

    struct NotReady: SessionCommand {
        static let configuration = CommandConfiguration(commandName: "not-ready", abstract: "Not ready, with --reason (AGENT_STATE_NOT_READY).")
        @OptionGroup var change: StateChange
        func run(on provider: any SessionProvider) async throws { try await change.run(on: provider, state: .notReady) }
    }

    struct WorkReady: SessionCommand {
        static let configuration = CommandConfiguration(commandName: "work-ready", abstract: "After-call work, then ready (AGENT_STATE_WORK_READY).")
        @OptionGroup var change: StateChange
        func run(on provider: any SessionProvider) async throws { try await change.run(on: provider, state: .workReady) }
    }

    struct WorkNotReady: SessionCommand {
        static let configuration = CommandConfiguration(commandName: "work-not-ready", abstract: "After-call work, then not ready (AGENT_STATE_WORK_NOT_READY).")
        @OptionGroup var change: StateChange
        func run(on provider: any SessionProvider) async throws { try await change.run(on: provider, state: .workNotReady) }
    }

    struct State: SessionCommand {
        static let configuration = CommandConfiguration(abstract: "QUERY_AGENT_STATE_REQ for --instrument or --agent-id.")
        @OptionGroup var options: RequestOptions
        func run(on provider: any SessionProvider) async throws { try await QueryCommand.Agent.query(options, on: provider) }
    }
}
