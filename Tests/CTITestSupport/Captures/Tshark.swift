import Foundation

/// Debian's `tshark`, for tests that check a capture the way Wireshark reads it. Tests that need
/// it are skipped when it is not installed (`scripts/install-deps.sh --tests` installs it).
public enum Tshark {
    /// The `tshark` executable on `PATH`; nil when there is none.
    public static let executable: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        return directories.map { "\($0)/tshark" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    public static var isInstalled: Bool { executable != nil }

    public struct Failure: Error, CustomStringConvertible {
        public var status: Int32
        public var stderr: String
        public var description: String { "tshark exited \(status): \(stderr)" }
    }

    /// Runs `tshark arguments…`; its standard output. Throws when it exits non-zero.
    public static func run(_ arguments: [String]) throws -> String {
        String(decoding: try output(arguments).stdout, as: UTF8.self)
    }

    /// Runs `tshark arguments…`; its standard output and standard error (read together, so that
    /// neither pipe can fill up and block tshark). Throws when it exits non-zero.
    public static func output(_ arguments: [String]) throws -> (stdout: Data, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? "tshark")
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        nonisolated(unsafe) var errorData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errorData = error.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        group.wait()
        let stderr = String(decoding: errorData, as: UTF8.self)
        guard process.terminationStatus == 0 else { throw Failure(status: process.terminationStatus, stderr: stderr) }
        return (outputData, stderr)
    }

    /// The values of `fields` for each packet of the capture at `path` (`-T fields`, one array
    /// per packet, an empty string for a field the packet lacks). TCP checksums are verified
    /// (`tcp.checksum.status`, `ip.checksum.status`: 1 = good) and sequence numbers shown as
    /// they are in the packets, not relative.
    public static func fields(_ fields: [String], of path: String, filter: String? = nil) throws -> [[String]] {
        var arguments = ["-r", path, "-T", "fields", "-E", "separator=|", "-E", "occurrence=f",
                         "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE", "-o", "tcp.relative_sequence_numbers:FALSE"]
        if let filter { arguments += ["-Y", filter] }
        arguments += fields.flatMap { ["-e", $0] }
        let text = try run(arguments)
        return text.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
    }
}
