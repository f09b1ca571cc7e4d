import ArgumentParser
import CTIClient
import CTIOutput
import CTIProtocol

/// Finding persistent calls on a device: SNAPSHOT_DEVICE lists the device's calls, and each call
/// whose SNAPSHOT_CALL carries the named variable `user.PersistentCall=1` is one (ERRATA:
/// the simulator marks them so; real servers have none).
enum PersistentLookup {
    struct Found {
        var callID: UInt32
        var state: String
        var callingID: String?
        /// The remote destination the call goes to (the call's other device).
        var remote: String?
    }

    static func calls(on device: String, client: CTIClient, peripheralID: UInt32) async throws -> [Found] {
        let snapshot = try await client.snapshotDevice(peripheralID: peripheralID, instrument: device)
        guard let fields = snapshot.fields else { return [] }
        let ids = fields.values(of: .callConnectionCallID).compactMap(\.number)
        let states = fields.values(of: .callState).compactMap(\.number)
        var found: [Found] = []
        for (index, id) in ids.enumerated() {
            guard let call = try? await client.snapshotCall(CallReference(callID: id, deviceID: device), peripheralID: peripheralID).fields,
                  isPersistent(call) else { continue }
            let state = index < states.count ? LocalConnectionState(rawValue: states[index]).description : "?"
            let remote = call.string(.dialedNumber) ?? call.values(of: .callDeviceID).compactMap(\.text).first { $0 != device }
            found.append(Found(callID: id, state: state, callingID: namedVariable("user.PersistCgpn", in: call), remote: remote))
        }
        return found
    }

    static func isPersistent(_ fields: MessageFields) -> Bool { namedVariable("user.PersistentCall", in: fields) == "1" }

    static func namedVariable(_ name: String, in fields: MessageFields) -> String? {
        for case .namedVariable(let key, let value) in fields.values(of: .namedVariable) where key.string == name { return value.string }
        return nil
    }
}

/// Waiting for a persistent call to connect (`persistent make --wait connected`).
enum PersistentWait {
    enum Outcome: Equatable { case connected, failed(String), timedOut }

    /// Decides from one event.
    static func decide(_ event: ClientEvent, callID: UInt32) -> Outcome? {
        guard let fields = event.message?.fields, fields.number(.connectionCallID) == callID else { return nil }
        switch fields.descriptor.name {
        case "CALL_ESTABLISHED_EVENT": return .connected
        case "CALL_FAILED_EVENT", "CALL_CLEARED_EVENT", "END_CALL_EVENT":
            let cause = fields.number(.eventCause).map { EventCause(rawValue: $0).description } ?? "cleared"
            return .failed("\(fields.descriptor.name) \(cause)")
        default: return nil
        }
    }

    /// Waits until the call connects, fails, or `timeout` passes. The events are not printed
    /// here: a one-shot `persistent make` prints only the call ID (or its confirmation as JSON),
    /// so `ID=$(cti persistent make ...)` holds the ID; in a REPL or script they print as usual.
    static func connected(callID: UInt32, on session: ConsoleSession, provider: any SessionProvider, timeout: Double) async -> Outcome {
        switch await provider.waitForEvent(on: session, timeout: timeout, signal: false, echo: nil, { decide($0, callID: callID) }) {
        case .event(let outcome): outcome
        case .timedOut, .interrupted: .timedOut
        case .streamEnded: .failed("the session ended")
        }
    }
}

extension SessionCommandSupport {
    /// Runs `body`, turning client, encoding and validation errors into the documented exit codes
    /// (refusal 1, connection 2, usage 64), each named on stderr.
    static func mappingErrors<Value>(_ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch let error as CTIClientError {
            StandardStream.diagnose("cti: \(RequestRunner.explain(error))")
            throw error.exitStatus
        } catch let error as CTIEncodeError {
            StandardStream.diagnose("cti: \(error)")
            throw ExitStatus.usage
        } catch let error as ValidationError {
            StandardStream.diagnose("cti: \(error.message)")
            throw ExitStatus.usage
        }
    }
}
