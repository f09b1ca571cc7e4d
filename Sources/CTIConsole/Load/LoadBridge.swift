import CTIClient
import CTIProtocol
import NIOCore

/// `cti load --bridge` (issue 22): one ALL_EVENTS + CLIENT_CONTROL session for all the virtual
/// agents, as a bridge application (a CTI OS server, a recording connector) holds, instead of a
/// session per agent. Every agent sends its requests through it; its events are routed to the
/// agents they are about: AGENT_STATE_EVENT by AgentInstrument (else AgentID), call events by
/// the agent instruments their device fields name and by the calls those agents are on (so that
/// CALL_CLEARED_EVENT and END_CALL_EVENT reach them). Lifecycle records (the session opened,
/// lost) go to every agent. Routing runs on the client's event loop, as the events come.
final class LoadBridge: Sendable {
    let client: CTIClient
    private let recorder: LoadRecorder
    private let router: Router

    /// The device fields a call event names agents by.
    static let deviceFields: [Field] = [.alertingDeviceID, .answeringDeviceID, .releasingDeviceID, .connectionDeviceID,
                                        .callingDeviceID, .calledDeviceID, .failingDeviceID]

    init(configuration: ClientConfiguration, eventLoopGroup: any EventLoopGroup, recorder: LoadRecorder) {
        self.recorder = recorder
        let router = Router(recorder: recorder)
        self.router = router
        var configuration = configuration
        configuration.eventDelivery = .handler { event in router.route(event) }
        client = CTIClient(configuration: configuration, eventLoopGroup: eventLoopGroup)
    }

    /// The agents the events go to (before ``open()``).
    func attach(_ agents: [VirtualAgent]) { router.attach(agents) }

    /// Opens the session; false (counted, with why) when it does not open.
    func open() async -> Bool {
        do {
            try await client.open()
            return true
        } catch {
            recorder.record { $0.openFailed(VirtualAgent.openFailureReason(error)) }
            return false
        }
    }

    func close() async {
        await client.close()
        recorder.record { $0.sessionClosed() }
    }

    /// The routing table and the calls each agent is on: touched only on the client's loop.
    final class Router: @unchecked Sendable {
        private let recorder: LoadRecorder
        private var agents: [VirtualAgent] = []
        private var byInstrument: [String: Int] = [:]
        private var byAgentID: [String: Int] = [:]
        /// The agents on each call, as its events named them.
        private var calls: [UInt32: Set<Int>] = [:]
        private var opened = false

        init(recorder: LoadRecorder) { self.recorder = recorder }

        func attach(_ agents: [VirtualAgent]) {
            self.agents = agents
            for agent in agents {
                byInstrument[agent.setup.agent.instrument] = agent.setup.index
                byAgentID[agent.setup.agent.agentID] = agent.setup.index
            }
        }

        func route(_ event: ClientEvent?) {
            guard let event else {
                for agent in agents { agent.send(.lost) }
                return
            }
            switch event.kind {
            case .lifecycle(.opened(_, _, let version)):
                recorder.record { [opened] in
                    $0.sessionOpened(again: opened)
                    $0.spoke(version)
                }
                opened = true
                for agent in agents { agent.send(.opened) }
            case .lifecycle(.sessionFailed):
                recorder.record { $0.sessionLost() }
                for agent in agents { agent.send(.lost) }
            case .lifecycle:
                break
            case .message(let message, _):
                let targets = self.targets(of: message)
                if targets.isEmpty { recorder.record { $0.eventForNoAgent(message.name) } }
                for index in targets {
                    let agent = agents[index]
                    recorder.record { $0.event(index, message.name) }
                    for input in VirtualAgent.inputs(for: message, setup: agent.setup, recorder: recorder) { agent.send(input) }
                }
            case .undecodable:
                recorder.record { $0.eventForNoAgent(StatisticsRecorder.undecodable) }
            }
        }

        /// The agents `message` is about.
        private func targets(of message: CTIMessage) -> [Int] {
            guard let fields = message.fields else { return [] }
            if message.name == "AGENT_STATE_EVENT" {
                let index = fields.string(.agentInstrument).flatMap { byInstrument[$0] } ?? fields.string(.agentID).flatMap { byAgentID[$0] }
                return index.map { [$0] } ?? []
            }
            guard let callID = fields.number(.connectionCallID) else { return [] }
            var named = Set(LoadBridge.deviceFields.compactMap { fields.string($0).flatMap { byInstrument[$0] } })
            named.formUnion(calls[callID] ?? [])
            if message.name == "END_CALL_EVENT" || message.name == "CALL_CLEARED_EVENT" {
                calls[callID] = nil
            } else if !named.isEmpty {
                calls[callID] = named
            }
            return named.sorted()
        }
    }
}
