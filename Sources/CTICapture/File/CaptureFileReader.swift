import CLibPcap
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a pcap or pcapng file (or stdin, `-`) with libpcap, packet by packet, timestamps in
/// nanoseconds whatever the file's own resolution. No copy is made of a packet: its bytes are
/// libpcap's buffer, valid until the next ``next()``.
public final class CaptureFileReader {
    /// The file as errors name it: the path, or `stdin` for `-`.
    public let name: String
    /// The link-layer header type of the file (of its first interface, for pcapng).
    public let linkType: LinkType
    private let handle: OpaquePointer
    private var packetsRead = 0

    /// Opens `path` (`-`: standard input).
    public convenience init(path: String) throws(CaptureFileError) {
        let name = path == "-" ? "stdin" : path
        // Standard input through a descriptor of its own, so that closing the reader leaves fd 0 open.
        guard let file = path == "-" ? fdopen(dup(STDIN_FILENO), "rb") : fopen(path, "rb") else {
            throw CaptureFileError(file: name, problem: .cannotOpen(String(cString: strerror(errno))))
        }
        try self.init(file: file, name: name)
    }

    /// Reads an open file, which the reader then owns (closed with it, also when it throws).
    /// For bytes in memory, `fmemopen` gives such a file.
    public init(file: UnsafeMutablePointer<FILE>, name: String) throws(CaptureFileError) {
        var errorText = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE))
        guard let handle = pcap_fopen_offline_with_tstamp_precision(file, UInt32(PCAP_TSTAMP_PRECISION_NANO), &errorText) else {
            fclose(file)
            throw CaptureFileError(file: name, problem: .notACapture(Self.text(errorText)))
        }
        self.handle = handle
        self.name = name
        self.linkType = LinkType(datalink: pcap_datalink(handle))
    }

    deinit { pcap_close(handle) }

    /// The next packet, `nil` at the end of the file. Throws when the file ends inside a
    /// packet or cannot be read; the packets before were all handed out.
    public func next() throws(CaptureFileError) -> CapturedPacket? {
        var header: UnsafeMutablePointer<pcap_pkthdr>?
        var data: UnsafePointer<UInt8>?
        switch pcap_next_ex(handle, &header, &data) {
        case 1:
            guard let header, let data else { return nil }
            packetsRead += 1
            let stamp = header.pointee.ts
            let time = CaptureTime(seconds: Int64(stamp.tv_sec), nanoseconds: UInt32(truncatingIfNeeded: stamp.tv_usec))
            return CapturedPacket(number: packetsRead, time: time, wireLength: Int(header.pointee.len),
                                  data: UnsafeRawBufferPointer(start: data, count: Int(header.pointee.caplen)))
        case PCAP_ERROR_BREAK:
            return nil
        default:
            throw CaptureFileError(file: name, problem: .readFailed(String(cString: pcap_geterr(handle)), packetsRead: packetsRead))
        }
    }

    private static func text(_ buffer: [CChar]) -> String {
        buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
