import CTIProtocol
import NIOConcurrencyHelpers

/// The persistent calls a console knows (from PERSISTENT_CALL_CONF and from events flagged with
/// the named variable `user.PersistentCall=1`), and how their events are marked: `[PERSISTENT]`
/// in text, `"persistent": true` and the TAPI state (`persistent-calls-design.md` §6.3) in JSON.
public final class PersistentCallTracker: Sendable {
    /// One known persistent call.
    public struct Call: Hashable, Sendable {
        public var callID: UInt32
        public var device: String
        /// Milliseconds since 1970 when it became known.
        public var since: Int64
        public var lastEvent: String
    }

    /// The mark of one event.
    public struct Mark: Hashable, Sendable {
        /// The TAPI-equivalent state, e.g. `CONNECTED|PERSISTENT 0x20000100`.
        public var tapiState: String?

        public init(tapiState: String?) { self.tapiState = tapiState }
    }

    private let calls = NIOLockedValueBox<[UInt32: Call]>([:])

    public init() {}

    /// Adds a call (from the confirmation of PERSISTENT_CALL_REQ or a snapshot).
    public func add(callID: UInt32, device: String, at time: Int64) {
        calls.withLockedValue { $0[callID] = $0[callID] ?? Call(callID: callID, device: device, since: time, lastEvent: "created") }
    }

    /// After a reconnect: the persistent calls the server reports for `device` replace what was
    /// known for it (calls that ended meanwhile are forgotten, calls made meanwhile learned).
    public func rebuild(device: String, callIDs: [UInt32], at time: Int64) {
        calls.withLockedValue { known in
            for (id, call) in known where call.device == device && !callIDs.contains(id) { known[id] = nil }
            for id in callIDs where known[id] == nil { known[id] = Call(callID: id, device: device, since: time, lastEvent: "snapshot") }
        }
    }

    /// The known calls, oldest first.
    public var known: [Call] { calls.withLockedValue { Array($0.values) }.sorted { $0.since < $1.since } }

    /// Looks at an event: learns persistent calls from flagged events, forgets ended ones, and
    /// returns the mark when the event concerns a persistent call.
    public func observe(_ event: ClientEvent) -> Mark? {
        guard let message = event.message else { return nil }
        return observe(message, at: event.timestamp)
    }

    /// ``observe(_:)`` for a message received at `timestamp` (a request's confirmation).
    public func observe(_ message: CTIMessage, at timestamp: Int64) -> Mark? {
        guard let fields = message.fields, let callID = fields.number(.connectionCallID) else { return nil }
        // The floating fields themselves: looking NamedVariable up by name costs more than the
        // scan, and this runs for every event `cti watch` prints.
        let flagged = fields.floating.contains { field in
            if case .namedVariable(let name, let text) = field.value { return name.string == "user.PersistentCall" && text.string == "1" }
            return false
        }
        let name = fields.descriptor.name
        return calls.withLockedValue { known -> Mark? in
            if known[callID] == nil {
                guard flagged else { return nil }
                known[callID] = Call(callID: callID, device: fields.string(.connectionDeviceID) ?? "?", since: timestamp, lastEvent: name)
            }
            known[callID]?.lastEvent = name
            if name == "END_CALL_EVENT" || name == "CALL_CLEARED_EVENT" { known[callID] = nil }
            return Mark(tapiState: PersistentCallTracker.tapiState(for: name))
        }
    }

    /// §6.3: the TAPI-equivalent state of a persistent call after an event (0x20000000 = PERSISTENT).
    static func tapiState(for event: String) -> String? {
        switch event {
        case "BEGIN_CALL_EVENT": "NEWCALL 0x00004000"
        case "CALL_DELIVERED_EVENT": "OFFERING|PERSISTENT 0x20000002"
        case "CALL_ESTABLISHED_EVENT": "CONNECTED|PERSISTENT 0x20000100"
        case "CALL_FAILED_EVENT", "CALL_CONNECTION_CLEARED_EVENT", "CALL_CLEARED_EVENT": "DISCONNECTED|PERSISTENT 0x20004000"
        case "END_CALL_EVENT": "IDLE|PERSISTENT 0x20000001"
        default: nil
        }
    }
}
