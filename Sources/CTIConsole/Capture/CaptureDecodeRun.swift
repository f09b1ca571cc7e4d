import CTICapture
import CTIOutput
import CTIProtocol

/// One `cti decode --pcap FILE` run: the capture read packet by packet (``CaptureFileReader``),
/// its CTI connections found and reassembled (``CaptureDecoder``), each message decoded and
/// written to the sink as an ``OutputRecord/captured(_:_:_:version:)`` record. Gaps, bytes that
/// make no frame and damaged packets are noted on stderr with where they are; a file that is
/// not a capture, or ends inside a packet, is reported after everything before it was decoded
/// and written. With `--protocol auto` each connection is decoded in the version its OPEN_REQ
/// asked for (issue 20); before one is seen, and otherwise, in the given version.
struct CaptureDecodeRun {
    /// Damaged packets named one by one on stderr; past this they are only counted.
    static let damagedPacketNotes = 20

    let sink: OutputSink
    let decoder: CTIMessageDecoder
    /// Whether a connection's OPEN_REQ sets the version its messages are decoded with.
    let followsOpenRequests: Bool
    /// Connections whose OPEN_REQ asked for another version than ``decoder``'s: their decoders.
    private var connectionDecoders: [Int: CTIMessageDecoder] = [:]
    let serverPorts: CTIServerPorts
    /// Message names to show (`--filter`); empty shows all.
    let filter: Set<String>
    /// Undecodable frames and file errors: the run's exit status is 65 when there are any.
    private(set) var failures = 0
    private(set) var statistics = CaptureStatistics()
    private(set) var counters = CaptureCounters()
    private var file = ""
    private var damagedPackets = 0
    /// Whether the file could be opened as a capture (else there is nothing to count).
    private(set) var opened = false
    /// Stdout's reader has gone (EPIPE): reading stopped.
    private(set) var readerGone = false
    /// Each connection's client and server as text, made once.
    private var endpoints: [Int: (client: String, server: String)] = [:]

    init(sink: OutputSink, version: ProtocolVersion, followsOpenRequests: Bool = false, serverPorts: CTIServerPorts, filter: Set<String>) {
        self.sink = sink
        self.decoder = CTIMessageDecoder(version: version)
        self.followsOpenRequests = followsOpenRequests
        self.serverPorts = serverPorts
        self.filter = filter
    }

    /// Decodes the capture at `path` (`-`: stdin), until its end (or the packet it ends inside:
    /// everything before is decoded and written, then the error reported) or until stdout's
    /// reader has gone (``readerGone``). Throws ``StandardStream/BrokenPipe`` from the last flush.
    mutating func run(path: String) throws {
        file = path == "-" ? "stdin" : path
        let reader: CaptureFileReader
        do {
            reader = try CaptureFileReader(path: path)
        } catch {
            fail(error)
            return
        }
        opened = true
        var capture = CaptureDecoder(serverPorts: serverPorts, version: decoder.version)
        var readError: CaptureFileError?
        while true {
            let packet: CapturedPacket?
            do {
                packet = try reader.next()
            } catch {
                readError = error
                break
            }
            guard let packet else { break }
            capture.receive(packet, linkType: reader.linkType) { event in handle(event) }
            if readerGone { return }
        }
        capture.finish { event in handle(event) }
        if readerGone { return }
        counters = capture.counters
        try sink.output.flush()
        if let readError { fail(readError) }
        if damagedPackets > Self.damagedPacketNotes {
            note("\(damagedPackets - Self.damagedPacketNotes) more damaged packets skipped (\(damagedPackets) in all)")
        }
    }

    /// One event of the decoder (which cannot throw: a write that finds stdout's reader gone
    /// sets ``readerGone``, and what follows is dropped).
    private mutating func handle(_ event: CaptureEvent) {
        guard !readerGone else { return }
        switch event {
        case .connection(let connection):
            statistics.found(connection)
            endpoints[connection.number] = (connection.client.description, connection.server.description)
        case .frame(let captured):
            do {
                try write(captured)
            } catch {
                readerGone = true
            }
        case .gap(let connection, let direction, let gap):
            statistics.gap(gap, connection)
            note("\(Self.place(connection, direction)): gap: \(gap.length) bytes missing at stream offset \(gap.offset) (seq \(gap.sequence)); "
                + "the stream resumes at \(Self.timestamp(gap.resumedAt)) at the next frame header")
        case .skippedBytes(let connection, let direction, let offset, let length, let time):
            note("\(Self.place(connection, direction)): \(length) bytes at stream offset \(offset) skipped (no whole frame), by \(Self.timestamp(time))")
        case .damagedPacket(let number, let time, let reason):
            damagedPackets += 1
            if damagedPackets <= Self.damagedPacketNotes { note("packet \(number) (\(Self.timestamp(time))): skipped: \(reason)") }
        }
    }

    private mutating func write(_ captured: CapturedFrame) throws {
        if followsOpenRequests, captured.direction == .clientToServer, let version = OpenRequest.versionNumber(in: captured.frame) {
            connectionDecoders[captured.connection.number] = ProtocolVersion(version, numbering: decoder.version.numbering)
                .map { CTIMessageDecoder(version: $0) }
        }
        let decoder = connectionDecoders[captured.connection.number] ?? decoder
        let message: CTIMessage
        do {
            message = try decoder.decode(captured.frame)
        } catch {
            report("\(Self.place(captured.connection, captured.direction)): packet \(captured.packet), stream offset \(captured.offset): \(error)\n"
                + "  frame: \(HexDump.redactedHex(captured.frame, version: decoder.version))")
            return
        }
        statistics.message(message.name, captured)
        if let fields = message.fields, let size = NamedVariableSize(over: fields) {
            note("warning: \(Self.place(captured.connection, captured.direction)): packet \(captured.packet) (\(message.name)): \(size)")
        }
        guard filter.isEmpty || filter.contains(message.name) else { return }
        let (client, server) = endpoints[captured.connection.number]
            ?? (captured.connection.client.description, captured.connection.server.description)
        let context = CaptureContext(seconds: captured.time.seconds, nanoseconds: captured.time.nanoseconds, packet: captured.packet,
                                     client: client, server: server, fromClient: captured.direction == .clientToServer,
                                     side: captured.connection.side)
        try sink.write(.captured(message, captured.frame, context, version: decoder.version))
    }

    /// `connection 1 (127.0.0.1:50000 → 127.0.0.1:42027) client→server`.
    private static func place(_ connection: CTIConnection, _ direction: CaptureDirection) -> String {
        "connection \(connection.number) (\(connection.client) → \(connection.server)) \(direction)"
    }

    private static func timestamp(_ time: CaptureTime) -> String {
        CaptureContext.timestamp(seconds: time.seconds, nanoseconds: time.nanoseconds)
    }

    /// A note on stderr naming the file, after the messages before it.
    private func note(_ text: String) {
        try? sink.output.flush()
        StandardStream.diagnose("cti: decode: \(file): \(text)")
    }

    /// A frame that does not decode, on stderr (the exit status becomes 65).
    private mutating func report(_ text: String) {
        failures += 1
        note(text)
    }

    /// The file cannot be read (any more): on stderr (the exit status becomes 65).
    private mutating func fail(_ error: CaptureFileError) {
        failures += 1
        try? sink.output.flush()
        StandardStream.diagnose("cti: decode: \(error)")
    }
}
