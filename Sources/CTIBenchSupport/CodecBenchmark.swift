import CTIClient
import CTIOutput
import CTIProtocol
import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// Decode and encode throughput on the event mix, on one core (`cti-bench codec`), and the
/// fixed work `cti-bench rounds` and `cti-bench-allocations` run.
public struct CodecBenchmark {
    public struct Figure {
        public var name: String
        public var messages: Int
        public var bytes: Int
        public var seconds: Double
        /// CPU time of the measuring thread over the same rounds: on a loaded machine the
        /// wall-clock rate understates what one core does.
        public var cpuSeconds: Double

        public var messagesPerSecond: Double { Double(messages) / seconds }
        public var messagesPerCPUSecond: Double { Double(messages) / cpuSeconds }
        public var megabytesPerSecond: Double { Double(bytes) / seconds / 1_000_000 }
    }

    public let messages: [CTIMessage]
    public let frames: [CTIFrame]
    public let bytesPerRound: Int

    public init() throws {
        messages = try EventMix.messages()
        let encoder = CTIMessageEncoder()
        var frames: [CTIFrame] = []
        for message in messages {
            var bytes = try encoder.encode(message)
            var decoder = CTIFrameDecoder()
            frames.append(try decoder.decode(buffer: &bytes)!)
        }
        self.frames = frames
        bytesPerRound = frames.reduce(0) { $0 + CTIFrame.headerSize + $1.body.readableBytes }
    }

    /// Frames (already cut) → messages.
    public func decode(seconds: Double) throws -> Figure {
        let decoder = CTIMessageDecoder()
        var checksum = 0
        let (rounds, elapsed, cpu) = try timed(seconds: seconds) {
            for frame in frames {
                let message = try decoder.decode(frame)
                checksum &+= Int(message.typeID)
            }
        }
        precondition(checksum != 0)
        return Figure(name: "decode (frame → message)", messages: rounds * frames.count, bytes: rounds * bytesPerRound, seconds: elapsed, cpuSeconds: cpu)
    }

    /// A byte stream → frames → messages, as a connection sees it.
    public func decodeStream(seconds: Double) throws -> Figure {
        var stream = ByteBuffer()
        for _ in 0..<64 { for frame in frames { stream.writeImmutableBuffer(frame.bytes) } }
        let decoder = CTIMessageDecoder()
        var checksum = 0
        let (rounds, elapsed, cpu) = try timed(seconds: seconds) {
            var buffer = stream
            var framer = CTIFrameDecoder()
            while let frame = try framer.decode(buffer: &buffer) {
                checksum &+= Int(try decoder.decode(frame).typeID)
            }
        }
        precondition(checksum != 0)
        return Figure(name: "decode stream (bytes → frames → messages)", messages: rounds * 64 * frames.count,
                      bytes: rounds * 64 * bytesPerRound, seconds: elapsed, cpuSeconds: cpu)
    }

    /// Messages → frame bytes.
    public func encode(seconds: Double) throws -> Figure {
        let encoder = CTIMessageEncoder()
        var buffer = ByteBuffer()
        buffer.reserveCapacity(bytesPerRound * 2)
        let (rounds, elapsed, cpu) = try timed(seconds: seconds) {
            buffer.clear()
            for message in messages { try encoder.encode(message, into: &buffer) }
        }
        return Figure(name: "encode (message → frame)", messages: rounds * messages.count, bytes: rounds * bytesPerRound, seconds: elapsed, cpuSeconds: cpu)
    }

    /// Messages → JSON Lines text (the console's output path).
    public func renderJSON(seconds: Double) throws -> Figure {
        var total = 0
        let (rounds, elapsed, cpu) = timed(seconds: seconds) {
            for message in messages { total &+= message.jsonString().utf8.count }
        }
        return Figure(name: "render JSON (message → JSON line)", messages: rounds * messages.count, bytes: total, seconds: elapsed, cpuSeconds: cpu)
    }

    /// Client events → the console's JSON Lines (`ts`, `seq`, `side` + the message) or text lines.
    public func renderEvents(seconds: Double, json: Bool) throws -> Figure {
        var total = 0
        let (rounds, elapsed, cpu) = try timed(seconds: seconds) { total &+= try fixedRounds(json ? "event-json" : "event-text", rounds: 1) }
        return Figure(name: json ? "render event JSON line (cti watch -o json)" : "render event text line (cti watch -o text)",
                      messages: rounds * messages.count, bytes: total * rounds / (rounds + 200), seconds: elapsed, cpuSeconds: cpu)
    }

    /// The kinds of work ``fixedRounds(_:rounds:)`` knows.
    public static let kinds = ["decode", "stream", "encode", "json", "event-json", "event-text"]

    /// A fixed amount of work, for instruction counts: `rounds` passes over the mix.
    public func fixedRounds(_ kind: String, rounds: Int) throws -> Int {
        let decoder = CTIMessageDecoder()
        let encoder = CTIMessageEncoder()
        var buffer = ByteBuffer()
        var stream = ByteBuffer()
        if kind == "stream" { for frame in frames { stream.writeImmutableBuffer(frame.bytes) } }
        var checksum = 0
        var line: [UInt8] = []
        line.reserveCapacity(1 << 16)
        let settings = OutputSettings()
        for _ in 0..<rounds {
            switch kind {
            case "decode": for frame in frames { checksum &+= Int(try decoder.decode(frame).typeID) }
            case "stream":
                var bytes = stream
                var framer = CTIFrameDecoder()
                while let frame = try framer.decode(buffer: &bytes) { checksum &+= Int(try decoder.decode(frame).typeID) }
            case "encode":
                buffer.clear()
                for message in messages { try encoder.encode(message, into: &buffer) }
                checksum &+= buffer.readableBytes
            case "event-json", "event-text":
                // What `cti watch -o json|text` renders per event: ClientEvent (ts, seq, side) + message,
                // through the format chosen once, into a buffer kept (as the sink's stream is).
                let format: any OutputFormat = kind == "event-json" ? JSONLinesFormat() : TextFormat()
                for (message, frame) in zip(messages, frames) {
                    let event = ClientEvent(timestamp: 1_795_441_546_123, sequence: UInt64(checksum & 0xFFFF), side: .a,
                                            kind: .message(message, frame))
                    line.removeAll(keepingCapacity: true)
                    format.write(event, persistent: nil, settings: settings, to: &line)
                    checksum &+= line.count
                }
            default: for message in messages { checksum &+= message.jsonString().utf8.count }
            }
        }
        return checksum
    }

    private func timed(seconds: Double, _ body: () throws -> Void) rethrows -> (rounds: Int, seconds: Double, cpuSeconds: Double) {
        let clock = ContinuousClock()
        for _ in 0..<200 { try body() }  // warm up
        let start = clock.now
        let cpuStart = threadCPUSeconds()
        let limit = Duration.milliseconds(Int64(seconds * 1000))
        var rounds = 0
        while true {
            for _ in 0..<100 { try body() }
            rounds += 100
            let elapsed = clock.now - start
            if elapsed >= limit {
                return (rounds, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, threadCPUSeconds() - cpuStart)
            }
        }
    }
}

/// CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID).
public func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
