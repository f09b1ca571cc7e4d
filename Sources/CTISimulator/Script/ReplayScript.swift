import CTIProtocol
import NIOCore

/// Compiles a recorded session into a replay ``ServerScript`` (issue 19): the server's side of
/// it, to play to whatever client connects.
///
/// - The frames before the recorded OPEN_CONF are skipped; the simulator answers OPEN_REQ,
///   HEARTBEAT_REQ and CLOSE_REQ itself, so those requests and OPEN_CONF, HEARTBEAT_CONF and
///   CLOSE_CONF are skipped too. A recording without OPEN_CONF (`watch --record` keeps only
///   what `watch` shows) is played from its first frame.
/// - Each other server message becomes a `send` at its offset from OPEN_CONF divided by the
///   speed (no offset at `max` or without times: then as fast as the client reads).
/// - A confirmation (a message with an InvokeID that answers a request) becomes `expect`
///   the request then `reply` with the client's InvokeID: the request type is the recorded
///   request with the same InvokeID, else the confirmation's name with `_REQ` for `_CONF`. A
///   request that does not come within ``requestWait`` is skipped with its reply (logged).
public enum ReplayScript {
    /// How long a replay waits for a client request the recording answers.
    public static let requestWait = TimeAmount.seconds(5)
    /// Requests the simulator answers itself (`session.md` §2, §6, §8), and their answers.
    static let sessionRequests: Set<String> = ["OPEN_REQ", "HEARTBEAT_REQ", "CLOSE_REQ"]
    static let sessionConfirmations: Set<String> = ["OPEN_CONF", "HEARTBEAT_CONF", "CLOSE_CONF"]

    /// The replay of `frames` (a recorded session, recorded with protocol `version`).
    public static func compile(_ frames: [RecordedFrame], version: ProtocolVersion, speed: ReplaySpeed,
                               catalog: MessageCatalog = .standard) -> ServerScript {
        let named = frames.map { (recorded: $0, descriptor: catalog.descriptor(wireType: $0.frame.type, version: version)) }
        let opened = named.firstIndex { !$0.recorded.fromClient && $0.descriptor?.name == "OPEN_CONF" }
        let start = opened.map { $0 + 1 } ?? 0
        let origin = opened.flatMap { named[$0].recorded.time } ?? named.first?.recorded.time
        var requests: [UInt32: String] = [:]
        var steps: [ScriptStep] = []
        for (recorded, descriptor) in named.dropFirst(start) {
            let name = descriptor?.name ?? "UNKNOWN"
            let invokeID = descriptor?.hasInvokeID == true ? recorded.frame.body.getInteger(at: recorded.frame.body.readerIndex, as: UInt32.self) : nil
            if recorded.fromClient {
                if !sessionRequests.contains(name), let invokeID { requests[invokeID] = name }
                continue
            }
            if sessionConfirmations.contains(name) { continue }
            let message = ScriptMessage.frame(recorded.frame, version: version)
            if let descriptor, descriptor.isConfirmation, let invokeID {
                let request = requests.removeValue(forKey: invokeID) ?? requestName(answeredBy: name, catalog: catalog)
                if let request, sessionRequests.contains(request) { continue }
                if let request, let expected = try? ExpectedRequest(name: request) {
                    steps.append(.expect(expected, timeout: requestWait))
                    steps.append(.reply(message))
                    continue
                }
            }
            steps.append(.send(message, at: offset(of: recorded.time, from: origin, speed: speed)))
        }
        return ServerScript(steps: steps, mode: .replay, scope: .everySession)
    }

    /// `MAKE_CALL_CONF` → `MAKE_CALL_REQ`, when the catalogue has it.
    static func requestName(answeredBy confirmation: String, catalog: MessageCatalog) -> String? {
        guard confirmation.hasSuffix("_CONF") else { return nil }
        let request = confirmation.dropLast("_CONF".count) + "_REQ"
        return catalog.descriptor(named: request) == nil ? nil : String(request)
    }

    /// The recorded offset divided by the speed; `nil` at `max` or without times.
    static func offset(of time: TimeAmount?, from origin: TimeAmount?, speed: ReplaySpeed) -> TimeAmount? {
        guard case .factor(let factor) = speed, let time, let origin else { return nil }
        return .nanoseconds(Int64((Double(max(time - origin, .zero).nanoseconds) / factor).rounded()))
    }
}
