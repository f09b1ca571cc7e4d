import CTIProtocol
#if canImport(Glibc)
import Glibc
#endif

// cti-bench: throughput figures for the protocol core. Build and run in release:
//     swift run -c release cti-bench [seconds-per-figure]
// For instruction counts under callgrind, a fixed amount of work:
//     valgrind --tool=callgrind .build/release/cti-bench --rounds decode|encode|json N
let benchmark = try CodecBenchmark()
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--rounds", arguments.count == 3, let rounds = Int(arguments[2]) {
    let checksum = try benchmark.fixedRounds(arguments[1], rounds: rounds)
    print("\(arguments[1]): \(rounds) rounds of \(benchmark.frames.count) messages (checksum \(checksum))")
    exit(0)
}
let seconds = arguments.first.flatMap(Double.init) ?? 3
print("cti-bench: event mix of \(benchmark.frames.count) messages, \(benchmark.bytesPerRound) bytes per round " +
      "(\(benchmark.messages.map(\.name).joined(separator: ", "))); \(seconds) s per figure, one core")
for run in [benchmark.decode, benchmark.decodeStream, benchmark.encode, benchmark.renderJSON] {
    let figure = try run(seconds)
    let rate = Int(figure.messagesPerSecond.rounded())
    let megabytes = (figure.megabytesPerSecond * 10).rounded() / 10
    print("\(figure.name.rightPadded(44)) \(String(rate).leftPadded(10)) msg/s  \(String(megabytes).leftPadded(7)) MB/s")
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
    func rightPadded(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
