import ArgumentParser
import CTICapture
import CTIOutput
import CTIProtocol
import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// `cti decode`: frames from hex or a raw stream, printed as text or JSON Lines.
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode CTI Server frames given as hex (arguments or stdin lines), a raw stream (--file) or a packet capture (--pcap).",
        discussion: """
        Each HEX argument, or each line of stdin when none is given, holds one or more whole \
        frames (MHDR + body) as hex; spaces and a 0x prefix are ignored, and stdin lines starting \
        with # are comments. --file reads back-to-back binary frames (as `watch --record` writes \
        them; - for stdin). --pcap reads a pcap or pcapng capture (- for stdin: \
        `tcpdump -w - port 42027 | cti decode --pcap -`): Ethernet (VLAN tags too), Linux cooked \
        (SLL, SLL2), loopback and raw IP; IPv4 and IPv6. Each direction of each CTI connection is \
        reassembled (segments out of order, repeated or overlapping give each message once); a \
        connection is CTI by its server port (--port; 42027 and 43027 by default) or by the \
        OPEN_REQ its client sends first. Each message shows the capture time (UTC), the side \
        when the server port is a default one (42027: A, 43027: B), the client, an arrow for \
        the direction (pointing right: client to server; left: server to client) and the server, then the line `watch` prints \
        (-v: every field); JSON adds time, packet, connection {client, server}, direction and \
        side. A gap (a segment the capture lost) is noted on stderr with where it is, and \
        decoding resumes at the next plausible frame header. Bad input is reported on stderr \
        with where it is, the other frames are still decoded, and the exit status is 65 (for \
        --pcap: a file that is not a capture or ends inside a packet, after the messages before \
        it; a frame that does not decode). An unknown message type, a gap or a damaged packet is \
        not bad input.
        """
    )

    @Argument(help: ArgumentHelp("Frames as hex.", valueName: "hex"))
    var hex: [String] = []

    @Option(name: .long, help: ArgumentHelp("Read a raw binary stream of back-to-back frames (- for stdin).", valueName: "file"))
    var file: String?

    @Option(name: .long, help: ArgumentHelp("Read a packet capture, pcap or pcapng (- for stdin), and decode its CTI connections.",
                                            valueName: "file"))
    var pcap: String?

    @Option(name: [.short, .long], help: OutputChoice.help)
    var output: OutputChoice = .standard

    @Flag(name: [.customLong("show-hex"), .customLong("hex")], help: "Also print each frame's bytes as hex (passwords blanked).")
    var showHex = false

    @Option(name: .long, help: ArgumentHelp("With --pcap: a CTI server port; repeatable, replaces the defaults (42027, 43027).",
                                            valueName: "port"))
    var port: [UInt16] = []

    @Option(help: ArgumentHelp("With --pcap: show only these message types: NAME,NAME,...", valueName: "types"), completion: .messageNameList)
    var filter: String?

    @Flag(name: .shortAndLong, help: "With --pcap: show every field of each message.")
    var verbose = false

    @Flag(help: "With --pcap: print per-connection and per-type counts at the end (after the messages on stdout for text output, on stderr for the other formats).")
    var stats = false

    @OptionGroup var protocolOptions: ProtocolOptions

    func validate() throws {
        if file != nil && !hex.isEmpty { throw ValidationError("give frames as hex arguments or --file, not both") }
        if pcap != nil && (file != nil || !hex.isEmpty) { throw ValidationError("--pcap reads a capture: give no hex arguments and no --file") }
        if pcap == nil {
            for (given, flag) in [(!port.isEmpty, "--port"), (filter != nil, "--filter"), (verbose, "--verbose"), (stats, "--stats")] where given {
                throw ValidationError("\(flag) applies to --pcap only")
            }
        }
        if port.contains(0) { throw ValidationError("--port: 0 is not a server port") }
        try MessageTypeFilter.validate(filter)
    }

    func run() throws {
        if let pcap { return try decodeCapture(path: pcap) }
        var session = DecodeSession(sink: OutputSink(format: output.format, settings: OutputSettings(hex: showHex)), version: protocolOptions.version)
        do {
            if let file {
                try session.decodeStream(path: file)
            } else if !hex.isEmpty {
                for (index, text) in hex.enumerated() { try session.decodeHexInput(text, source: "argument \(index + 1)") }
            } else {
                var lineNumber = 0
                while let line = readLine(strippingNewline: true) {
                    lineNumber += 1
                    let trimmed = line.drop { $0 == " " || $0 == "\t" }
                    if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                    try session.decodeHexInput(String(trimmed), source: "line \(lineNumber)")
                    try StandardStream.output.flush()
                }
            }
            try StandardStream.output.flush()
        } catch is StandardStream.BrokenPipe {
            return
        }
        if session.failures > 0 { throw ExitStatus.dataError }
    }
}

extension DecodeCommand {
    /// `--pcap`: the capture's messages, then with `--stats` the counts.
    func decodeCapture(path: String) throws {
        let sink = OutputSink(format: output.format, settings: OutputSettings(verbose: verbose, hex: showHex))
        let names = MessageTypeFilter.names(filter)
        var run = CaptureDecodeRun(sink: sink, version: protocolOptions.version, followsOpenRequests: protocolOptions.protocolVersion == .auto,
                                   serverPorts: port.isEmpty ? .defaults : CTIServerPorts(port), filter: names)
        do {
            try run.run(path: path)
            if run.readerGone { return }
            if stats, run.opened {
                let report = run.statistics.report(file: path == "-" ? "stdin" : path, counters: run.counters)
                if output.isText {
                    try StandardStream.output.writeLine(report)
                    try StandardStream.output.flush()
                } else {
                    StandardStream.diagnose(report)
                }
            }
        } catch is StandardStream.BrokenPipe {
            return
        }
        if run.failures > 0 { throw ExitStatus.dataError }
    }
}

/// The state of one `cti decode` run: the decoder, counters and output.
struct DecodeSession {
    let sink: OutputSink
    let decoder: CTIMessageDecoder
    private(set) var failures = 0
    private var frameNumber = 0

    init(sink: OutputSink, version: ProtocolVersion) {
        self.sink = sink
        self.decoder = CTIMessageDecoder(version: version)
    }

    /// One argument or stdin line: hex of one or more whole frames.
    mutating func decodeHexInput(_ text: String, source: String) throws {
        guard let bytes = Hex.decode(text) else {
            report("\(source): not hex: \(preview(text))")
            return
        }
        var buffer = ByteBuffer(bytes: bytes)
        var frameDecoder = CTIFrameDecoder()
        do {
            while let frame = try frameDecoder.decodeLast(buffer: &buffer, seenEOF: true) {
                try emit(frame, source: source)
            }
        } catch let error as CTIFramingError {
            report("\(source): \(error)")
        }
    }

    /// A raw stream of frames from a file or stdin, read in chunks.
    mutating func decodeStream(path: String) throws {
        let descriptor = path == "-" ? 0 : open(path, O_RDONLY)
        guard descriptor >= 0 else {
            report("cannot open \(path): \(String(cString: strerror(errno)))")
            return
        }
        defer { if descriptor != 0 { close(descriptor) } }
        let processor = NIOSingleStepByteToMessageProcessor(CTIFrameDecoder())
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var offset = 0
        do {
            while true {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
                if count < 0 {
                    if errno == EINTR { continue }
                    report("\(path): read failed at byte \(offset): \(String(cString: strerror(errno)))")
                    return
                }
                if count == 0 { break }
                offset += count
                try processor.process(buffer: ByteBuffer(bytes: chunk[0..<count])) { frame in
                    try emit(frame, source: path)
                }
            }
            try processor.finishProcessing(seenEOF: true) { frame in try emit(frame, source: path) }
        } catch let error as CTIFramingError {
            report("\(path): \(error); the stream cannot be read past this point (frame \(frameNumber + 1))")
        }
    }

    private mutating func emit(_ frame: CTIFrame, source: String) throws {
        frameNumber += 1
        if frame.isOversized {
            StandardStream.diagnose("cti: decode: warning: \(source): frame \(frameNumber) has a \(frame.body.readableBytes)-byte body, over the guide's maximum of \(CTIFrame.guideMaximumBody)")
        }
        let message: CTIMessage
        do {
            message = try decoder.decode(frame)
        } catch {
            report("\(source): frame \(frameNumber): \(error)\n  frame: \(HexDump.redactedHex(frame, version: decoder.version))")
            return
        }
        if let fields = message.fields, let size = NamedVariableSize(over: fields) {
            try sink.output.flush()
            StandardStream.diagnose("cti: decode: warning: \(source): frame \(frameNumber) (\(message.name)): \(size)")
        }
        try sink.write(.decoded(message, frame, version: decoder.version))
    }

    private mutating func report(_ problem: String) {
        failures += 1
        StandardStream.diagnose("cti: decode: \(problem)")
    }

    private func preview(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}
