import ArgumentParser
import CTIBenchSupport
import CTICapture
import CTIProtocol
#if canImport(Glibc)
import Glibc
#endif

/// `cti-bench pcap`: a capture of random messages of every layout (≥ 100 MB by default), decoded
/// to JSON Lines by `cti decode --pcap` and dissected by tshark with the generated Lua dissector,
/// on the same file in the same run: MB/s and messages/s of each, and the ratio.
struct PcapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pcap",
        abstract: "cti decode --pcap beside tshark with the generated Lua dissector, on one capture of random messages.",
        discussion: """
        The capture: TCP connections alternately over IPv4 to port 42027 and IPv6 to port 43027 \
        (a new one every 25 MB), each with its handshake and close, carrying random messages \
        of every layout in both directions, one to four frames per burst cut into 1460-byte \
        segments (so frames are split across segments). Both commands write to /dev/null; \
        their wall time and CPU time (from wait4) give the figures. In the arguments, {capture} \
        is the capture's path and {lua} the dissector's.
        """
    )

    @Option(help: "Size of the capture, in MB (10^6 bytes).")
    var megabytes: Double = 100

    @Option(help: "Seed of the random messages.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Write the capture here and keep it (default: a temporary file, removed at the end).", valueName: "file"))
    var capture: String?

    @Flag(help: "Only write the capture (with --capture).")
    var generateOnly = false

    @Option(help: ArgumentHelp("The cti executable (default: the one beside cti-bench).", valueName: "path"))
    var cti: String?

    @Option(help: ArgumentHelp("cti's arguments, split at spaces.", valueName: "arguments"))
    var decodeArguments = "decode --pcap {capture} -o json"

    @Option(help: ArgumentHelp("The tshark executable (default: tshark on PATH).", valueName: "path"))
    var tshark: String?

    @Option(help: ArgumentHelp("The Lua dissector (default: made now with `cti describe --wireshark-lua`).", valueName: "file"))
    var lua: String?

    @Option(help: ArgumentHelp("tshark's arguments, split at spaces.", valueName: "arguments"))
    var tsharkArguments = "-r {capture} -X lua_script:{lua} -T json"

    /// A new connection after this many bytes of capture.
    static let bytesPerConnection = 25_000_000

    func validate() throws {
        guard megabytes > 0 else { throw ValidationError("--megabytes must be positive") }
        if generateOnly, capture == nil { throw ValidationError("--generate-only needs --capture FILE") }
    }

    func run() throws {
        let path = capture ?? "/tmp/cti-bench-\(getpid()).pcap"
        defer { if capture == nil { unlink(path) } }
        let made = try Self.generate(path: path, bytes: Int(megabytes * 1e6), seed: seed)
        report("cti-bench pcap: \(fixed(Double(made.bytes) / 1e6, 1)) MB capture, \(grouped(Double(made.messages))) messages " +
               "in \(grouped(Double(made.packets))) packets, \(made.connections) connections (random messages of " +
               "\(made.layouts) layouts, seed \(seed)): \(path); load average \(ProcessStats.loadAverage)")
        guard !generateOnly else { return }

        let ctiPath = cti ?? String(ChildProcess.selfPath.dropLast("cti-bench".count)) + "cti"
        let decoding = try Self.time(ctiPath, Self.arguments(decodeArguments, capture: path, lua: ""))
        report(Self.line("cti " + decodeArguments, decoding, made))

        guard let tsharkPath = tshark ?? Self.onPath("tshark") else {
            report("tshark: not installed (apt-get install tshark); no ratio")
            return
        }
        let luaPath: String
        if let lua {
            luaPath = lua
        } else {
            luaPath = "/tmp/cti-bench-\(getpid()).lua"
            let described = try Self.time(ctiPath, ["describe", "--wireshark-lua"], output: luaPath)
            guard described.status == 0 else {
                unlink(luaPath)
                report("cti describe --wireshark-lua failed (exit \(described.status)): \(described.errors); no ratio")
                return
            }
        }
        defer { if lua == nil { unlink(luaPath) } }
        let dissecting = try Self.time(tsharkPath, Self.arguments(tsharkArguments, capture: path, lua: luaPath))
        report(Self.line("tshark " + tsharkArguments, dissecting, made))
        guard decoding.status == 0, dissecting.status == 0 else {
            report("no ratio: a command failed")
            return
        }
        report("ratio: cti decode is \(fixed(dissecting.wall / decoding.wall, 1))× as fast as tshark (wall time), " +
               "\(fixed(dissecting.cpu / decoding.cpu, 1))× (CPU time)")
    }

    // MARK: - The capture

    struct Made {
        var bytes = 0
        var messages = 0
        var packets = 0
        var connections = 0
        var layouts = 0
    }

    /// Writes the capture: connections of random bursts of random frames until `bytes`.
    static func generate(path: String, bytes target: Int, seed: UInt64) throws -> Made {
        var random = RandomFrames(seed: seed)
        let pool = try (0..<16).flatMap { _ in try random.everyLayout() }
        guard !pool.isEmpty else { throw BenchError("no message could be encoded") }
        let writer = try CaptureFileWriter(path: path)
        var made = Made(bytes: 24, layouts: Set(pool.map { $0.bytes[4..<8] }).count)
        var time = CaptureTime(seconds: 1_795_441_546, nanoseconds: 0)
        func write(_ packets: [[UInt8]]) throws {
            for packet in packets {
                try writer.write(packet, at: time)
                made.bytes += 16 + packet.count
                made.packets += 1
            }
            // 20 µs between bursts.
            time = time.advanced(byNanoseconds: 20_000)
        }
        var conversation: TCPConversation?
        var connectionEnd = 0
        while made.bytes < target {
            if conversation == nil || made.bytes >= connectionEnd {
                if var last = conversation { try write(last.close()) }
                made.connections += 1
                conversation = connection(made.connections)
                try write(conversation!.handshake())
                connectionEnd = made.bytes + bytesPerConnection
            }
            // A burst: one to four frames going the same way.
            let first = pool[random.below(pool.count)]
            var burst = first.bytes
            made.messages += 1
            for _ in 0..<random.below(4) {
                let next = pool[random.below(pool.count)]
                guard next.fromClient == first.fromClient else { break }
                burst += next.bytes
                made.messages += 1
            }
            try write(conversation!.segments(carrying: burst, first.fromClient ? .clientToServer : .serverToClient))
        }
        if var last = conversation { try write(last.close()) }
        try writer.close()
        return made
    }

    /// Connection `number`: odd ones over IPv4 to 42027, even ones over IPv6 to 43027.
    static func connection(_ number: Int) -> TCPConversation {
        let v6 = number % 2 == 0
        let client = IPAddress(v6 ? "2001:db8::10" : "10.0.0.10")!
        let server = IPAddress(v6 ? "2001:db8::1" : "10.0.0.1")!
        return TCPConversation(client: TCPEndpoint(address: client, port: UInt16(50_000 + number)),
                               server: TCPEndpoint(address: server, port: UInt16((v6 ? CTISide.b : .a).defaultPort)),
                               clientISN: UInt32(truncatingIfNeeded: number &* 0x1000_0001), serverISN: 0xFFFF_0000)
    }

    // MARK: - Timing

    struct Timing {
        var wall: Double
        var cpu: Double
        var status: Int32
        /// The end of what the command wrote on stderr.
        var errors: String
    }

    /// Runs `path arguments…` with stdout to `output` (default /dev/null): wall and CPU time.
    static func time(_ path: String, _ arguments: [String], output: String = "/dev/null") throws -> Timing {
        let out = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let errorPath = "/tmp/cti-bench-\(getpid()).stderr"
        let err = open(errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard out >= 0, err >= 0 else { throw BenchError("cannot open \(output) or \(errorPath)") }
        defer { unlink(errorPath) }
        let start = monotonicSeconds()
        let child = try ChildProcess(path: path, arguments: arguments, descriptors: [1: out, 2: err])
        close(out)
        close(err)
        var status: Int32 = 0
        var usage = rusage()
        while wait4(child.pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let wall = monotonicSeconds() - start
        let cpu = seconds(usage.ru_utime) + seconds(usage.ru_stime)
        let exit = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let errors = (ProcessStats.read(errorPath) ?? "").split(separator: "\n").suffix(3).joined(separator: " | ")
        return Timing(wall: wall, cpu: cpu, status: exit, errors: errors)
    }

    static func line(_ command: String, _ timing: Timing, _ made: Made) -> String {
        guard timing.status == 0 else { return "\(command): exit \(timing.status): \(timing.errors)" }
        return "\(command.rightPadded(52)) \(fixed(timing.wall, 2).leftPadded(7)) s  \(fixed(timing.cpu, 2).leftPadded(7)) s CPU  " +
            "\(fixed(Double(made.bytes) / 1e6 / timing.wall, 1).leftPadded(7)) MB/s  \(grouped(Double(made.messages) / timing.wall).leftPadded(10)) msg/s"
    }

    static func arguments(_ template: String, capture: String, lua: String) -> [String] {
        template.split(separator: " ").map {
            String($0).replacing("{capture}", with: capture).replacing("{lua}", with: lua)
        }
    }

    static func onPath(_ name: String) -> String? {
        let directories = (getenv("PATH").map { String(cString: $0) } ?? "/usr/bin").split(separator: ":")
        return directories.map { "\($0)/\(name)" }.first { access($0, X_OK) == 0 }
    }

    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    static func seconds(_ value: timeval) -> Double { Double(value.tv_sec) + Double(value.tv_usec) / 1e6 }
}
