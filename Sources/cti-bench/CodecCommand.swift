import ArgumentParser
import MallocInterposerSwift

/// `cti-bench codec`: decode / encode / JSON throughput on the event mix, on one core, and the
/// allocations per message.
struct CodecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codec",
        abstract: "Decode, encode and JSON rendering throughput on the event mix (one core), and allocations per message.",
        discussion: """
        Allocation counts need the malloc interposer loaded first: \
        LD_PRELOAD=.build/release/libMallocInterposerSwift.so .build/release/cti-bench codec
        """
    )

    @Option(help: "Seconds per throughput figure.")
    var seconds: Double = 3

    func run() throws {
        let benchmark = try CodecBenchmark()
        report("cti-bench codec: event mix of \(benchmark.frames.count) messages, \(benchmark.bytesPerRound) bytes per round " +
               "(\(benchmark.messages.map(\.name).joined(separator: ", "))); \(seconds) s per figure, one core; load average \(ProcessStats.loadAverage)")
        let allocations = Allocations()
        let runs: [(kind: String, run: (Double) throws -> CodecBenchmark.Figure)] = [
            ("decode", benchmark.decode), ("stream", benchmark.decodeStream), ("encode", benchmark.encode),
            ("json", benchmark.renderJSON), ("event-json", { try benchmark.renderEvents(seconds: $0, json: true) }),
            ("event-text", { try benchmark.renderEvents(seconds: $0, json: false) }),
        ]
        for (kind, run) in runs {
            let figure = try run(seconds)
            let perMessage = try allocations.perMessage(messagesPerRound: benchmark.frames.count) { rounds in
                _ = try benchmark.fixedRounds(kind, rounds: rounds)
            }
            report("\(figure.name.rightPadded(44)) \(grouped(figure.messagesPerSecond).leftPadded(10)) msg/s  " +
                   "\(fixed(figure.megabytesPerSecond, 1).leftPadded(6)) MB/s  " +
                   "\(grouped(figure.messagesPerCPUSecond).leftPadded(10)) msg per CPU-second  " +
                   "\(perMessage.map { fixed($0, 2) } ?? "n/a (no LD_PRELOAD)") allocations/msg")
        }
    }
}

/// `cti-bench rounds decode|encode|json|stream N`: a fixed amount of work, for instruction counts.
struct RoundsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rounds",
        abstract: "A fixed amount of codec work, for `valgrind --tool=callgrind`.")

    static let kinds = ["decode", "stream", "encode", "json", "event-json", "event-text"]

    @Argument(help: "decode, stream, encode, json (message → JSON), event-json or event-text (client event → console line).")
    var kind: String

    @Argument(help: "Passes over the event mix.")
    var rounds: Int

    func validate() throws {
        guard Self.kinds.contains(kind) else { throw ValidationError("kind: \(Self.kinds.joined(separator: ", "))") }
    }

    func run() throws {
        let benchmark = try CodecBenchmark()
        let checksum = try benchmark.fixedRounds(kind, rounds: rounds)
        report("\(kind): \(rounds) rounds of \(benchmark.frames.count) messages (checksum \(checksum))")
    }
}

/// The malloc interposer's counters (`MallocInterposerSwift`). On Linux they count only when
/// `libMallocInterposerSwift.so` is preloaded (`LD_PRELOAD`): otherwise malloc is glibc's.
struct Allocations {
    init() { MallocInterposerSwift.initialize() }

    /// Mallocs per message over `body(rounds)` (after a warm-up pass); `nil` when nothing is counted.
    func perMessage(messagesPerRound: Int, rounds: Int = 2_000, _ body: (Int) throws -> Void) rethrows -> Double? {
        try body(10)
        MallocInterposerSwift.reset()
        MallocInterposerSwift.hook()
        try body(rounds)
        MallocInterposerSwift.unhook()
        let count = MallocInterposerSwift.getStatistics().mallocCount
        guard count > 0 || isCounting else { return nil }
        return Double(count) / Double(rounds * messagesPerRound)
    }

    /// Whether the interposer sees this process's mallocs.
    var isCounting: Bool {
        MallocInterposerSwift.reset()
        MallocInterposerSwift.hook()
        let probe = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 8)
        MallocInterposerSwift.unhook()
        probe.deallocate()
        return MallocInterposerSwift.getStatistics().mallocCount > 0
    }
}
