/// Why a capture file could not be read: the file (`stdin` for `-`) and the problem in words,
/// libpcap's own text included (`unknown file format`, `truncated dump file; tried to read 60
/// captured bytes, only got 20`).
public struct CaptureFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Problem: Hashable, Sendable {
        /// The file cannot be opened (the system's reason).
        case cannotOpen(String)
        /// libpcap does not read it as pcap or pcapng.
        case notACapture(String)
        /// Reading failed after `packetsRead` packets (a truncated file, an I/O error).
        case readFailed(String, packetsRead: Int)
    }

    /// The file as the user named it, `stdin` for `-`.
    public var file: String
    public var problem: Problem

    public init(file: String, problem: Problem) {
        self.file = file
        self.problem = problem
    }

    public var description: String {
        switch problem {
        case .cannotOpen(let reason): "\(file): cannot open: \(reason)"
        case .notACapture(let reason): "\(file): not a capture file: \(reason)"
        case .readFailed(let reason, let packets): "\(file): \(reason) (after packet \(packets))"
        }
    }
}
