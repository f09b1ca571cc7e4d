import Foundation

/// A `cti-bench serve` child process: the simulator of a benchmark, in a process of its own so
/// that its memory and CPU can be read from /proc and do not mix with the client's.
final class SimulatorProcess: @unchecked Sendable {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var pending: [UInt8] = []
    private(set) var portA = 0
    private(set) var portB = 0

    init(arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["serve"] + arguments
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let first = readLine() ?? ""
        let words = first.split(separator: " ")
        guard words.count == 3, words[0] == "ports", let a = Int(words[1]), let b = Int(words[2]) else {
            throw BenchError("the simulator did not start: '\(first)'")
        }
        portA = a
        portB = b
    }

    var pid: Int32 { process.processIdentifier }

    /// Runs a simulator command; returns its reply.
    @discardableResult
    func command(_ line: String) -> String {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
        var reply: [String] = []
        while let next = readLine(), next != "." { reply.append(next) }
        return reply.joined(separator: "\n")
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }

    private func readLine() -> String? {
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { return nil }
            pending.append(contentsOf: chunk)
        }
    }

    /// VmRSS of the process, bytes.
    var residentBytes: Int { ProcessStats.residentBytes(pid: pid) }

    /// User + system CPU time of the process so far, seconds.
    var cpuSeconds: Double { ProcessStats.cpuSeconds(pid: pid) }
}

/// Reads /proc.
enum ProcessStats {
    static func residentBytes(pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kilobytes * 1024
    }

    static func cpuSeconds(pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return 0 }
        // After "pid (comm) ": state is field 3; utime and stime are fields 14 and 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// `uptime`'s load averages.
    static var loadAverage: String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3).joined(separator: " ")
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
