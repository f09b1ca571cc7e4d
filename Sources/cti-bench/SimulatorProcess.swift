#if canImport(Glibc)
import Glibc
#endif

/// A `cti-bench serve` child process: the simulator of a benchmark, in a process of its own so
/// that its memory and CPU can be read from /proc and do not mix with the client's.
final class SimulatorProcess: @unchecked Sendable {
    let child: ChildProcess
    private let input: Int32
    private let output: Int32
    private var lines: PipeLineReader
    private(set) var portA = 0
    private(set) var portB = 0

    init(arguments: [String]) throws {
        var toChild: [Int32] = [-1, -1], fromChild: [Int32] = [-1, -1]
        guard pipe(&toChild) == 0, pipe(&fromChild) == 0 else { throw BenchError("pipe: \(errno)") }
        child = try ChildProcess(path: ChildProcess.selfPath, arguments: ["serve"] + arguments,
                                 descriptors: [0: toChild[0], 1: fromChild[1]], closing: [toChild[1], fromChild[0]])
        close(toChild[0])
        close(fromChild[1])
        input = toChild[1]
        output = fromChild[0]
        lines = PipeLineReader(descriptor: output)
        let first = lines.next() ?? ""
        let words = first.split(separator: " ")
        guard words.count == 3, words[0] == "ports", let a = Int(words[1]), let b = Int(words[2]) else {
            throw BenchError("the simulator did not start: '\(first)'")
        }
        portA = a
        portB = b
    }

    var pid: Int32 { child.pid }

    /// Runs a simulator command; returns its reply.
    @discardableResult
    func command(_ line: String) -> String {
        var text = line + "\n"
        text.withUTF8 { bytes in _ = write(input, bytes.baseAddress, bytes.count) }
        var reply: [String] = []
        while let next = lines.next(), next != "." { reply.append(next) }
        return reply.joined(separator: "\n")
    }

    func stop() {
        close(input)
        child.signal(SIGTERM)
        child.wait()
        close(output)
    }

    /// VmRSS of the process, bytes.
    var residentBytes: Int { ProcessStats.residentBytes(pid: pid) }

    /// User + system CPU time of the process so far, seconds.
    var cpuSeconds: Double { ProcessStats.cpuSeconds(pid: pid) }
}

/// A process started with posix_spawn.
struct ChildProcess: Sendable {
    let pid: pid_t

    /// This executable.
    static var selfPath: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        return count > 0 ? String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
    }

    /// `descriptors`: the child's descriptor → this process's descriptor to put there.
    init(path: String, arguments: [String], descriptors: [Int32: Int32] = [:], closing: [Int32] = []) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (target, source) in descriptors { posix_spawn_file_actions_adddup2(&actions, source, target) }
        for descriptor in closing { posix_spawn_file_actions_addclose(&actions, descriptor) }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard result == 0 else { throw BenchError("cannot start \(path): error \(result)") }
        self.pid = pid
    }

    func signal(_ number: Int32) { kill(pid, number) }

    func wait() {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }
}

/// Reads /proc.
enum ProcessStats {
    static func read(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            bytes += chunk[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func residentBytes(pid: Int32) -> Int {
        guard let status = read("/proc/\(pid)/status"),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kilobytes * 1024
    }

    static func cpuSeconds(pid: Int32) -> Double {
        guard let stat = read("/proc/\(pid)/stat"), let close = stat.lastIndex(of: ")") else { return 0 }
        // After "pid (comm) ": state is field 3; utime and stime are fields 14 and 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// `uptime`'s load averages.
    static var loadAverage: String {
        (read("/proc/loadavg") ?? "?").split(separator: " ").prefix(3).joined(separator: " ")
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
