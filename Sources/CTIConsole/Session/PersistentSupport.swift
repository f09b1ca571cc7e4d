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
        let ids = fields.values(of: "CallConnectionCallID").compactMap(\.number)
        let states = fields.values(of: "CallState").compactMap(\.number)
        var found: [Found] = []
        for (index, id) in ids.enumerated() {
            guard let call = try? await client.snapshotCall(CallReference(callID: id, deviceID: device), peripheralID: peripheralID).fields,
                  isPersistent(call) else { continue }
            let state = index < states.count ? (MessageCatalog.standard.enumTable(named: "LocalConnectionState")?.name(of: states[index]) ?? "\(states[index])") : "?"
            let remote = call.string("DialedNumber") ?? call.values(of: "CallDeviceID").compactMap(\.text).first { $0 != device }
            found.append(Found(callID: id, state: state, callingID: namedVariable("user.PersistCgpn", in: call), remote: remote))
        }
        return found
    }

    static func isPersistent(_ fields: MessageFields) -> Bool { namedVariable("user.PersistentCall", in: fields) == "1" }

    static func namedVariable(_ name: String, in fields: MessageFields) -> String? {
        for case .namedVariable(let key, let value) in fields.values(of: "NamedVariable") where key.string == name { return value.string }
        return nil
    }
}

/// Waiting for a persistent call to connect (`persistent make --wait connected`).
enum PersistentWait {
    enum Outcome: Equatable { case connected, failed(String), timedOut }

    /// Decides from one event.
    static func decide(_ event: ClientEvent, callID: UInt32) -> Outcome? {
        guard let fields = event.message?.fields, fields.number("ConnectionCallID") == callID else { return nil }
        switch fields.descriptor.name {
        case "CALL_ESTABLISHED_EVENT": return .connected
        case "CALL_FAILED_EVENT", "CALL_CLEARED_EVENT", "END_CALL_EVENT":
            let cause = fields.number("EventCause").flatMap { MessageCatalog.standard.enumTable(named: "EventCause")?.name(of: $0) } ?? "cleared"
            return .failed("\(fields.descriptor.name) \(cause)")
        default: return nil
        }
    }

    /// Waits until the call connects, fails, or `timeout` passes. The events are not printed
    /// here: a one-shot `persistent make` prints only the call ID (or its confirmation as JSON),
    /// so `ID=$(cti persistent make ...)` holds the ID; in a REPL or script they print as usual.
    static func connected(callID: UInt32, client: CTIClient, timeout: Double) async -> Outcome {
        if let context = ConsoleContext.current {
            return await context.waitForEvent(timeout: timeout) { decide($0, callID: callID) } ?? .timedOut
        }
        return await withTaskGroup(of: Outcome.self) { group in
            group.addTask {
                for await event in client.events {
                    if let outcome = decide(event, callID: callID) { return outcome }
                }
                return .failed("the session ended")
            }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(Int64(timeout * 1000)))
                return .timedOut
            }
            let first = await group.next()!
            group.cancelAll()
            return first
        }
    }
}

extension RequestOptions {
    /// Runs `body` on a session: the REPL's or script's (left open), or a one-shot one
    /// (CLIENT_EVENTS|CLIENT_CONTROL by default) that is closed afterwards. Refusals are exit 1,
    /// usage mistakes 64, connection failures 2.
    func runSession(_ body: @escaping @Sendable (ConsoleSession, ConsoleSettings, EventPrinter) async throws -> Void) async throws {
        if let context = ConsoleContext.current {
            let session = try await context.sessionForRequest(connection, quiet: output.quiet)
            let settings = session.settings.actingFor(connection)
            try await SessionCommandSupport.mappingErrors { try await body(session, settings, context.printer) }
            return
        }
        let session = try await SessionCommandSupport.makeSession(connection, defaults: .request, reconnect: false, quiet: output.quiet)
        try await SessionCommandSupport.open(session, output: output)
        let printer = EventPrinter(options: output, environment: SessionCommandSupport.environment)
        do {
            try await SessionCommandSupport.mappingErrors { try await body(session, session.settings, printer) }
        } catch {
            await session.shutdown()
            throw error
        }
        await session.shutdown()
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
