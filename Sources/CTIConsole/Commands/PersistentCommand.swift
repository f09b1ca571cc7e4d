import ArgumentParser
import CTIClient
import CTIOutput
import CTIProtocol

/// `cti persistent make|drop|list`: persistent connections to a CTI Remote Device's active
/// remote destination (`persistent-calls-design.md`). Made with the project's extension
/// PERSISTENT_CALL_REQ, dropped with the standard CLEAR_CONNECTION_REQ; real Unified CCE servers
/// offer the nailed connection instead (`agent login --nailed`).
struct PersistentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "persistent",
        abstract: "Make, drop and list persistent calls (a project extension; see `agent login --nailed` for real servers).",
        subcommands: [Make.self, Drop.self, List.self])

    struct Make: SessionCommand {
        static let configuration = CommandConfiguration(
            abstract: "PERSISTENT_CALL_REQ to the active remote destination of a CTI Remote Device; prints the new call ID.")

        @Option(name: .customLong("calling-id"), help: ArgumentHelp("The DN shown at the remote destination.", valueName: "dn")) var callingID: String
        @Option(name: .customLong("calling-name"), help: ArgumentHelp("The name shown with it.", valueName: "name")) var callingName: String?
        @Option(help: "Wait until the call is `connected` (bounded by --timeout).") var wait: WaitTarget?
        @Option(help: ArgumentHelp("Seconds --wait may take.", valueName: "seconds")) var timeout: Double = 30
        @OptionGroup var options: RequestOptions

        enum WaitTarget: String, ExpressibleByArgument { case connected }

        func validate() throws {
            if options.device == nil { throw ValidationError("give the CTI Remote Device's line DN with --device") }
            try SecondsOption.check(timeout, option: "--timeout")
        }

        func run(on provider: any SessionProvider) async throws {
            let (device, callingID, callingName, waitConnected, timeout) = (options.device!, callingID, callingName, wait != nil, timeout)
            var adjusted = options
            if adjusted.connection.instrument == nil { adjusted.connection.instrument = device }
            try await provider.withSession(.request, adjusted.connection, adjusted.output) { session, settings, printer in
                var request = try MessageFields(named: "PERSISTENT_CALL_REQ")
                try request.set(.peripheralID, .number(settings.requestPeripheral))
                try request.set(.devSpecificFlags, .number(PersistentCallFlags.create))
                try request.set(.agentInstrument, .text(device))
                try request.set(.callingDeviceID, .text(callingID))
                if let callingName { try request.set(.text, .text(callingName)) }
                let confirmation: CTIMessage
                do {
                    confirmation = try await session.client.send(request)
                } catch let error as CTIClientError {
                    try? printer.sink.write(.refusal(PersistentRefusal.explain(error, device: device)))
                    throw error.exitStatus
                }
                guard let callID = confirmation.fields?.number(.newConnectionCallID) else { throw ExitStatus.connectionFailure }
                printer.persistentCalls.add(callID: callID, device: device, at: WallClock.milliseconds())
                provider.remember(callID: callID, invokeID: confirmation.fields?.number(.invokeID))
                PersistentCallBook(settings: settings)?.add(callID: callID, device: device)
                if printer.format is TextFormat {
                    try StandardStream.output.writeLine(String(callID))
                } else {
                    // JSON Lines stay JSON: the confirmation as an object (its NewConnectionCallID is the call ID).
                    try printer.print(confirmation: confirmation)
                }
                try StandardStream.output.flush()
                guard waitConnected else { return }
                let outcome = await PersistentWait.connected(callID: callID, on: session, provider: provider, timeout: timeout)
                switch outcome {
                case .connected: return
                case .failed(let cause):
                    StandardStream.diagnose("cti: the persistent call \(callID) failed: \(cause)")
                    throw ExitStatus.refused
                case .timedOut:
                    StandardStream.diagnose("cti: the persistent call \(callID) was not connected within \(timeout) s")
                    throw ExitStatus.timeout
                }
            }
        }
    }

    struct Drop: SessionCommand {
        static let configuration = CommandConfiguration(
            abstract: "Drop a persistent call (CLEAR_CONNECTION_REQ) by CALLID, or the one on --device (found with SNAPSHOT_DEVICE).",
            discussion: "CALLID alone works for a call this user's cti made on the same server (in this REPL or script, or in an earlier run: "
                + "see the README's Persistent calls); otherwise give its --device too.")

        @Argument(help: "ConnectionCallID of the persistent call.") var callID: UInt32?
        @OptionGroup var options: RequestOptions

        func validate() throws {
            if callID == nil && options.device == nil && options.connection.instrument == nil {
                throw ValidationError("give CALLID or --device")
            }
        }

        func run(on provider: any SessionProvider) async throws {
            let (callID, deviceOption) = (callID, options.device)
            var adjusted = options
            if adjusted.connection.instrument == nil { adjusted.connection.instrument = deviceOption }
            let known = provider.persistentCalls?.known ?? []
            try await provider.withSession(.request, adjusted.connection, adjusted.output) { session, settings, printer in
                let book = PersistentCallBook(settings: settings)
                let remembered = callID.flatMap { id in known.first { $0.callID == id }?.device ?? book?.device(of: id) }
                guard let device = deviceOption ?? settings.instrument ?? remembered else {
                    throw ValidationError("give --device: the server knows a call by its ID and a device, and this console did not make call "
                                          + "\(callID.map(String.init) ?? "?") on this server")
                }
                let peripheral = settings.requestPeripheral
                let target: UInt32
                if let callID {
                    target = callID
                } else {
                    let found = try await PersistentLookup.calls(on: device, client: session.client, peripheralID: peripheral)
                    guard let first = found.first else {
                        StandardStream.diagnose("cti: no persistent call on \(device)")
                        throw ExitStatus.refused
                    }
                    target = first.callID
                }
                do {
                    let confirmation = try await session.client.clearConnection(CallReference(callID: target, deviceID: device), peripheralID: peripheral)
                    book?.remove(callID: target)
                    try StandardStream.output.writeLine("\(confirmation.name) call=\(target) device=\(device)")
                    try StandardStream.output.flush()
                } catch let error as CTIClientError {
                    try? printer.sink.write(.refusal(PersistentRefusal.explain(error, device: device)))
                    throw error.exitStatus
                }
            }
        }
    }

    struct List: SessionCommand {
        static let configuration = CommandConfiguration(
            abstract: "The persistent calls this console knows; with --device, those the server reports for that device.",
            discussion: "Text: one line per call (`known ...` from this console, `server ...` from SNAPSHOT_DEVICE). "
                + "JSON (-o json): one object per call with source, callID, device, remote, state, callingID, ageSeconds.")

        @OptionGroup var options: RequestOptions

        /// One line of the listing.
        struct Entry: Sendable {
            var source: String
            var callID: UInt32
            var device: String
            var remote: String?
            var state: String
            var callingID: String?
            /// Known for the calls this console has seen; the protocol does not carry it.
            var ageSeconds: Int64?

            var text: String {
                let age = ageSeconds.map { "\($0)s" } ?? "?"
                return source == "known"
                    ? "known   call=\(callID) device=\(device) last=\(state) age=\(age)"
                    : "server  call=\(callID) device=\(device) remote=\(remote ?? "-") state=\(state) calling=\(callingID ?? "-") age=\(age)"
            }

            var json: [UInt8] {
                var writer = JSONWriter()
                writer.beginObject()
                writer.key("source"); writer.string(source)
                writer.key("callID"); writer.number(callID)
                writer.key("device"); writer.string(device)
                writer.key("remote"); if let remote { writer.string(remote) } else { writer.null() }
                writer.key("state"); writer.string(state)
                writer.key("callingID"); if let callingID { writer.string(callingID) } else { writer.null() }
                writer.key("ageSeconds"); if let ageSeconds { writer.number(ageSeconds) } else { writer.null() }
                writer.endObject()
                return writer.bytes
            }
        }

        func run(on provider: any SessionProvider) async throws {
            let tracker = provider.persistentCalls
            let now = WallClock.milliseconds()
            let known = (tracker?.known ?? []).map {
                Entry(source: "known", callID: $0.callID, device: $0.device, state: $0.lastEvent, ageSeconds: (now - $0.since) / 1000)
            }
            let json = options.output.output.isJSON
            @Sendable func write(_ entries: [Entry]) throws {
                for entry in entries {
                    if json { try StandardStream.output.writeLine(bytes: entry.json) } else { try StandardStream.output.writeLine(entry.text) }
                }
            }
            try write(known)
            guard let device = options.device ?? options.connection.instrument else {
                if known.isEmpty && !json { try StandardStream.output.writeLine("no persistent calls known (give --device to ask the server)") }
                try StandardStream.output.flush()
                return
            }
            var adjusted = options
            if adjusted.connection.instrument == nil { adjusted.connection.instrument = device }
            try await provider.withSession(.request, adjusted.connection, adjusted.output) { session, settings, _ in
                let found = try await PersistentLookup.calls(on: device, client: session.client, peripheralID: settings.requestPeripheral)
                try write(found.map { call in
                    Entry(source: "server", callID: call.callID, device: device, remote: call.remote, state: call.state, callingID: call.callingID,
                          ageSeconds: tracker?.known.first { $0.callID == call.callID }.map { (WallClock.milliseconds() - $0.since) / 1000 })
                })
                if found.isEmpty && !json { try StandardStream.output.writeLine("no persistent call on \(device)") }
                try StandardStream.output.flush()
            }
        }
    }
}

extension CTIClientError {
    /// A refusal by the server (exit 1), not a connection problem.
    var isRefusal: Bool {
        switch self {
        case .requestFailed, .controlFailed, .cancelled: true
        default: false
        }
    }

    /// The documented exit status: 1 refused, 64 a request that cannot be built (a value that
    /// does not fit its field), else 2 (connection or session failure).
    var exitStatus: ExitCode {
        if isRefusal { return ExitStatus.refused }
        if case .encoding = self { return ExitStatus.usage }
        return ExitStatus.connectionFailure
    }
}
