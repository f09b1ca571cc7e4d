import ArgumentParser
import CTIBenchSupport
#if canImport(Glibc)
import Glibc
#endif

/// `cti-bench codec`: decode / encode / JSON throughput on the event mix, on one core, and the
/// allocations per message.
struct CodecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codec",
        abstract: "Decode, encode and JSON rendering throughput on the event mix (one core), and allocations per message.",
        discussion: """
        The allocation column comes from cti-bench-allocations, next to this executable \
        (swift build -c release --product cti-bench-allocations): it counts with a malloc \
        interposer, which cti-bench does not load so that its timings see glibc's malloc, as cti does.
        """
    )

    @Option(help: "Seconds per throughput figure.")
    var seconds: Double = 3

    func run() throws {
        let benchmark = try CodecBenchmark()
        report("cti-bench codec: event mix of \(benchmark.frames.count) messages, \(benchmark.bytesPerRound) bytes per round " +
               "(\(benchmark.messages.map(\.name).joined(separator: ", "))); \(seconds) s per figure, one core; load average \(ProcessStats.loadAverage)")
        let runs: [(kind: String, run: (Double) throws -> CodecBenchmark.Figure)] = [
            ("decode", benchmark.decode), ("stream", benchmark.decodeStream), ("encode", benchmark.encode),
            ("json", benchmark.renderJSON), ("event-json", { try benchmark.renderEvents(seconds: $0, json: true) }),
            ("event-text", { try benchmark.renderEvents(seconds: $0, json: false) }),
        ]
        for (kind, run) in runs {
            let figure = try run(seconds)
            let perMessage = Allocations.perMessage(kind)
            report("\(figure.name.rightPadded(44)) \(grouped(figure.messagesPerSecond).leftPadded(10)) msg/s  " +
                   "\(fixed(figure.megabytesPerSecond, 1).leftPadded(6)) MB/s  " +
                   "\(grouped(figure.messagesPerCPUSecond).leftPadded(10)) msg per CPU-second  " +
                   "\(perMessage.map { fixed($0, 2) } ?? "n/a (no cti-bench-allocations)") allocations/msg")
        }
    }
}

/// `cti-bench rounds decode|encode|json|stream N`: a fixed amount of work, for instruction counts.
struct RoundsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rounds",
        abstract: "A fixed amount of codec work, for `valgrind --tool=callgrind`.")

    @Argument(help: "decode, stream, encode, json (message → JSON), event-json or event-text (client event → console line).")
    var kind: String

    @Argument(help: "Passes over the event mix.")
    var rounds: Int

    func validate() throws {
        guard CodecBenchmark.kinds.contains(kind) else { throw ValidationError("kind: \(CodecBenchmark.kinds.joined(separator: ", "))") }
    }

    func run() throws {
        let benchmark = try CodecBenchmark()
        let checksum = try benchmark.fixedRounds(kind, rounds: rounds)
        report("\(kind): \(rounds) rounds of \(benchmark.frames.count) messages (checksum \(checksum))")
    }
}

/// Allocations per message, from `cti-bench-allocations` (beside this executable).
enum Allocations {
    /// Mallocs per message of one kind of work; `nil` when the counter cannot be run.
    static func perMessage(_ kind: String) -> Double? {
        let path = String(ChildProcess.selfPath.dropLast("cti-bench".count)) + "cti-bench-allocations"
        guard access(path, X_OK) == 0 else { return nil }
        var output: [Int32] = [-1, -1]
        guard pipe(&output) == 0 else { return nil }
        defer { close(output[0]) }
        guard let child = try? ChildProcess(path: path, arguments: [kind], descriptors: [1: output[1]], closing: [output[0]]) else {
            close(output[1])
            return nil
        }
        close(output[1])
        var text: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 256)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(output[0], $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            text += chunk[..<count]
        }
        child.wait()
        return Double(String(decoding: text.filter { $0 != 0x0A }, as: UTF8.self))
    }
}
