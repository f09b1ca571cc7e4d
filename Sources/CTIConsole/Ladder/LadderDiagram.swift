import CTIProtocol

/// One row of a ladder: an arrow between two parties, or a note at one (``from`` == ``to``).
struct LadderStep: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case request, confirmation, event
    }

    var kind: Kind
    var label: String
    /// Seconds since the diagram's first message; `nil` when the input has no times.
    var time: Double?
    /// Columns (indexes into ``LadderDiagram/parties``).
    var from: Int
    var to: Int

    var isNote: Bool { from == to }
}

/// A call's messages as a sequence diagram (issue 21, the way sngrep draws SIP): the parties as
/// columns (the CTI client first, then each device in the order it first takes part) and one
/// step per message, built message by message so it can be drawn live.
struct LadderDiagram: Sendable {
    /// The column of the CTI client (requests start there, confirmations end there).
    static let client = "CTI client"

    private(set) var parties: [String] = [Self.client]
    private(set) var steps: [LadderStep] = []
    private var origin: Double?
    /// The device each request went to, by InvokeID: its confirmation comes back from there.
    private var requestTargets: [UInt32: Int] = [:]

    /// Where an event happens: the first of these fields it has.
    static let concernedFields: [Field] = [.transferredDeviceID, .addedPartyDeviceID, .answeringDeviceID, .alertingDeviceID, .holdingDeviceID,
                                           .releasingDeviceID, .connectionDeviceID, .newConnectionDeviceID, .activeConnectionDeviceID,
                                           .agentInstrument, .calledDeviceID]
    /// Where an event comes from, when it names another party than the one it concerns.
    static let sourceFields: [Field] = [.transferringDeviceID, .controllerDeviceID, .callingDeviceID]

    /// Adds `message` as a step (and its parties as columns); the step.
    @discardableResult
    mutating func add(_ message: LadderMessage) -> LadderStep {
        let time = message.time.map { time in
            let start = origin ?? time
            origin = start
            return time - start
        }
        // Any device when none of the usual fields is there (sorted by field name: the same every time).
        let concernedDevice = Self.first(Self.concernedFields, in: message)
            ?? message.devices.sorted { $0.key.name < $1.key.name }.first?.value
        let concerned = concernedDevice.map { column(for: $0) }
        let step: LadderStep
        if message.fromClient {
            let target = concerned ?? 0
            if let invokeID = message.invokeID { requestTargets[invokeID] = target }
            step = LadderStep(kind: .request, label: message.name, time: time, from: 0, to: target)
        } else if message.isConfirmation || message.name == "FAILURE_CONF" {
            let source = message.invokeID.flatMap { requestTargets[$0] } ?? concerned ?? 0
            step = LadderStep(kind: .confirmation, label: message.name, time: time, from: source, to: 0)
        } else {
            let at = concerned ?? 0
            let source = Self.first(Self.sourceFields, in: message).map { column(for: $0) } ?? at
            step = LadderStep(kind: .event, label: message.name, time: time, from: source, to: at)
        }
        steps.append(step)
        return step
    }

    private static func first(_ fields: [Field], in message: LadderMessage) -> String? {
        fields.lazy.compactMap { message.devices[$0] }.first
    }

    private mutating func column(for device: String) -> Int {
        if let index = parties.firstIndex(of: device) { return index }
        parties.append(device)
        return parties.count - 1
    }
}
