import ArgumentParser
import CTIClient
import CTIOutput
import CTIProtocol
import NIOConcurrencyHelpers

/// `cti ladder CALLID`: one call's messages as a sequence diagram (issue 21), live from a
/// session opened as `watch` opens one, or from a recording (`--from FILE`).
struct LadderCommand: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "ladder",
        abstract: "Draw one call's messages as a sequence diagram (live, or --from a recording).",
        discussion: """
        Parties are columns (the CTI client, then each device as it takes part: \
        ConnectionDeviceID, AlertingDevice, CallingDevice, TransferringDevice, ...), time goes \
        down; each message is an arrow (requests from the client, confirmations back to it, \
        events from the calling or transferring party to the one they concern) or a note at \
        one party. The call's messages are those naming CALLID in a call ID field, those of a \
        call linked to it (the consult call, PrimaryCallID/SecondaryCallID of a transfer or \
        conference) and the requests and confirmations answering a request for them. --from \
        reads a pcap or pcapng capture (its first CTI connection with an OPEN_REQ; \
        --connection N for another), a raw recording (`watch --record`) or JSON Lines \
        (`watch -o json`, `decode --pcap -o json`, the proxy's -o json), by content. Live, \
        cti opens a session with --services ALL_EVENTS and every call mask bit and draws the \
        call's events until its END_CALL_EVENT, --count, --timeout or Ctrl-C (text draws each \
        message as it comes, mermaid and svg the whole diagram at the end). Exit status: 0; \
        1 if no message names CALLID; 2 no session; 64 bad flags; 65 a file that cannot be read.
        """
    )

    /// No message of the recording names the call (exit 1).
    static let unknownCall = ExitCode(1)

    @Argument(help: ArgumentHelp("The call: its ConnectionCallID.", valueName: "callid"))
    var callID: UInt32

    @Option(help: ArgumentHelp("Read a recording instead of a live session: pcap/pcapng, raw (watch --record) or JSON Lines (watch -o json).",
                               valueName: "file"),
            completion: .file())
    var from: String?

    @Option(help: ArgumentHelp("text (columns, times on the left), mermaid (sequenceDiagram) or svg.", valueName: "format"))
    var format: LadderFormat = .text

    @Option(name: .customLong("connection"),
            help: ArgumentHelp("With --from a capture: its N-th CTI connection with an OPEN_REQ (default 1).", valueName: "n"))
    var captureConnection: Int?

    @Option(help: "Live: stop after this many of the call's messages.")
    var count: Int?

    @Option(help: ArgumentHelp("Live: stop after this many seconds.", valueName: "seconds"))
    var timeout: Double?

    @OptionGroup(title: ConnectionOptions.title) var connection: ConnectionOptions

    func validate() throws {
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
        if let timeout { try SecondsOption.check(timeout, option: "--timeout") }
        if let captureConnection, captureConnection < 1 { throw ValidationError("--connection must be at least 1") }
        if from != nil, count != nil || timeout != nil { throw ValidationError("--count and --timeout apply to a live ladder, not --from") }
        if from == nil, captureConnection != nil { throw ValidationError("--connection applies to --from FILE") }
    }

    var title: String { "Call \(callID)" }

    func run(on provider: any SessionProvider) async throws {
        if let from { return try draw(from: from) }
        guard provider.console == nil else { throw ValidationError("a live ladder runs from the shell; in a REPL or script use --from FILE") }
        try await live(provider)
    }

    /// `--from FILE`: the call's messages of the whole recording.
    private func draw(from path: String) throws {
        let messages: [LadderMessage]
        do {
            messages = try LadderRecording.load(path: path, connection: captureConnection,
                                                version: connection.protocolVersion?.version ?? .v25)
        } catch {
            StandardStream.diagnose("cti: ladder: \(error)")
            throw ExitStatus.dataError
        }
        let selected = LadderCallFilter.select(messages, callID: callID)
        guard !selected.isEmpty else {
            StandardStream.diagnose("cti: ladder: no message in \(path) names call \(callID)")
            throw Self.unknownCall
        }
        var diagram = LadderDiagram()
        for message in selected { diagram.add(message) }
        try write(render(diagram))
    }

    private func render(_ diagram: LadderDiagram) -> String {
        switch format {
        case .text: LadderTextRenderer.render(diagram, title: title)
        case .mermaid: LadderMermaidRenderer.render(diagram, title: title)
        case .svg: LadderSVGRenderer.render(diagram, title: title)
        }
    }

    private func write(_ text: String) throws {
        do {
            try StandardStream.output.writeLine(String(text.dropLast()))
            try StandardStream.output.flush()
        } catch is StandardStream.BrokenPipe {
            return
        }
    }

    /// Live: the call's events as they come, until its END_CALL_EVENT, --count, --timeout or a signal.
    private func live(_ provider: any SessionProvider) async throws {
        let outputOptions = try EventOutputOptions.parse([])
        let state = NIOLockedValueBox(LiveLadder(callID: callID))
        let format = format, title = title, limit = count, timeout = timeout
        if format == .text { try write(title + "\n") }
        let (ending, neverOpened): (EventWait.Ending<Bool>, Bool) = try await provider.withSession(.events, connection, outputOptions) { session, _, _ in
            let client = session.client
            let ending = await EventWait.until(timeout: timeout, signal: true) { () -> Bool in
                for await event in client.events {
                    guard case .message(let message, _) = event.kind, let fields = message.fields else { continue }
                    let ladder = LadderMessage(fields, fromClient: false, time: Double(event.timestamp) / 1000)
                    let (lines, done) = state.withLockedValue { $0.take(ladder, text: format == .text, limit: limit) }
                    for line in lines { try? StandardStream.output.writeLine(line) }
                    try? StandardStream.output.flush()
                    if done { return true }
                }
                return false
            }
            return (ending, await client.status()?.sessionsOpened == 0)
        }
        if neverOpened {
            StandardStream.diagnose("cti: ladder: no session opened" + (timeout == nil ? "" : " before --timeout"))
            throw ExitStatus.connectionFailure
        }
        let ladder = state.withLockedValue { $0 }
        if format != .text, !ladder.diagram.steps.isEmpty { try write(render(ladder.diagram)) }
        if ladder.diagram.steps.isEmpty {
            StandardStream.diagnose("cti: ladder: no message named call \(callID)")
            throw Self.unknownCall
        }
        if case .done(false) = ending { throw ExitStatus.connectionFailure }
    }
}

/// The state of a live ladder: which messages belong, the diagram so far, the columns drawn.
struct LiveLadder: Sendable {
    var filter: LadderCallFilter
    var diagram = LadderDiagram()
    private var partiesDrawn = 0

    init(callID: UInt32) { filter = LadderCallFilter(callID: callID) }

    /// Takes a message: the text lines to print now (with `text`), and whether the ladder is done.
    mutating func take(_ message: LadderMessage, text: Bool, limit: Int?) -> ([String], Bool) {
        guard filter.admit(message) else { return ([], false) }
        let step = diagram.add(message)
        var lines: [String] = []
        if text {
            if diagram.parties.count != partiesDrawn {
                partiesDrawn = diagram.parties.count
                lines.append(LadderTextRenderer.header(diagram.parties))
            }
            lines.append(LadderTextRenderer.row(step, number: diagram.steps.count, partyCount: diagram.parties.count))
        }
        let done = filter.ends(message) || limit.map { diagram.steps.count >= $0 } == true
        return (lines, done)
    }
}
