import CTIBenchSupport
import MallocInterposerSwift
#if canImport(Glibc)
import Glibc
#endif

/// `cti-bench-allocations KIND [ROUNDS]`: mallocs per message of one kind of `cti-bench rounds`
/// work (decode, stream, encode, json, event-json, event-text), printed as a number on stdout.
/// `cti-bench codec` runs it for its allocation column: the malloc interposer replaces malloc in
/// the whole process that links it, so it lives here and not in cti-bench.
/// A line on standard error.
func complain(_ text: String) {
    var line = text + "\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

let arguments = CommandLine.arguments.dropFirst()
guard let kind = arguments.first, CodecBenchmark.kinds.contains(kind), let rounds = Int(arguments.dropFirst().first ?? "2000"), rounds > 0 else {
    complain("usage: cti-bench-allocations \(CodecBenchmark.kinds.joined(separator: "|")) [ROUNDS]")
    exit(64)
}
do {
    let benchmark = try CodecBenchmark()
    MallocInterposerSwift.initialize()
    _ = try benchmark.fixedRounds(kind, rounds: 10)  // warm-up: one-time allocations are not counted
    MallocInterposerSwift.reset()
    MallocInterposerSwift.hook()
    _ = try benchmark.fixedRounds(kind, rounds: rounds)
    MallocInterposerSwift.unhook()
    let count = MallocInterposerSwift.getStatistics().mallocCount
    print(Double(count) / Double(rounds * benchmark.frames.count))
} catch {
    complain("cti-bench-allocations: \(error)")
    exit(1)
}
