import ArgumentParser
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// cti-bench: benchmarks of the protocol core, the client and the simulator (release build).
///
///     swift build -c release --product cti-bench
///     .build/release/cti-bench codec                      # decode / encode / JSON, allocations
///     .build/release/cti-bench e2e --output devnull       # simulator flood → CTIClient → JSON Lines
///     .build/release/cti-bench roundtrip --count 20000    # MAKE_CALL_REQ → MAKE_CALL_CONF
///     .build/release/cti-bench scale --sessions 2000      # one simulator, many sessions
///     .build/release/cti-bench rounds decode 20000        # fixed work, for callgrind
///     .build/release/cti-bench pcap                       # cti decode --pcap beside tshark + Lua
///     .build/release/cti-bench proxy                      # cti proxy: added latency, events/s printed
///     .build/release/cti-bench load                       # cti load, 2,000 agents: CPU, memory per agent, p99, failover
///
/// Figures go to stderr (stdout is the event output of `e2e --output stdout|text`).
/// Synchronous at the top (no async main): valgrind 3.19 crashes on Swift's async main, and
/// `rounds` runs under callgrind. The commands that need the client run in a task (``blocking(_:)``).
@main
struct CTIBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cti-bench",
        abstract: "Benchmarks of cti's codec, client and simulator (build with -c release).",
        subcommands: [CodecCommand.self, RoundsCommand.self, EndToEndCommand.self, RoundTripCommand.self, ScaleCommand.self,
                      ServeCommand.self, PcapCommand.self, ProxyCommand.self, LoadCommand.self]
    )
}

/// One line of results, on stderr (unbuffered).
func report(_ line: String) {
    var text = line + "\n"
    text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
    func rightPadded(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}

/// `1234567.8` → `1,234,568`.
func grouped(_ value: Double) -> String {
    let digits = String(Int(value.rounded()))
    var result = ""
    for (index, character) in digits.reversed().enumerated() {
        if index > 0 && index % 3 == 0 && character != "-" { result.append(",") }
        result.append(character)
    }
    return String(result.reversed())
}

/// `x` with `places` decimals.
func fixed(_ value: Double, _ places: Int) -> String {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = String(rounded)
    if places == 0, text.hasSuffix(".0") { text.removeLast(2) }
    return text
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// Runs `body` in a task and blocks the calling (main) thread until it is done.
func blocking(_ body: @escaping @Sendable () async throws -> Void) throws {
    final class Outcome: @unchecked Sendable { var error: (any Error)? }
    let outcome = Outcome()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { try await body() } catch { outcome.error = error }
        done.signal()
    }
    done.wait()
    if let error = outcome.error { throw error }
}
