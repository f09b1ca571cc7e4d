import CLibPcap
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a pcap capture file through libpcap (`pcap_open_dead_with_tstamp_precision`,
/// `pcap_dump_open`, `pcap_dump`): the classic pcap format (magic `a1b23c4d`, version 2.4) with
/// nanosecond timestamps, which Wireshark, tshark and tcpdump open. libpcap writes no pcapng.
///
/// The link type is ``LinkType/raw`` unless told otherwise: each packet starts with its IPv4 or
/// IPv6 header, so one file holds connections of both families, and there is no Ethernet header
/// whose addresses would have to be made up.
///
/// Writes go to a stdio buffer; ``flush()`` pushes them to the file, ``close()`` flushes and
/// closes it. Not thread-safe: one writer per caller, or a lock around it.
public final class CaptureFileWriter {
    /// The largest packet kept whole (libpcap's `MAXIMUM_SNAPLEN`); longer ones are cut to it,
    /// their original length still recorded.
    public static let snapLength = 262_144

    /// The file as it was named (`-`: standard output).
    public let path: String
    public let linkType: LinkType
    /// The "dead" capture handle that carries the link type and timestamp precision.
    private let handle: OpaquePointer
    /// libpcap's dump file; nil once closed.
    private var dumper: OpaquePointer?

    /// Creates (or truncates) the file at `path` (`-`: standard output) and writes its header.
    public init(path: String, linkType: LinkType = .raw) throws(CaptureWriteError) {
        self.path = path
        self.linkType = linkType
        guard let handle = pcap_open_dead_with_tstamp_precision(Self.datalink(of: linkType), Int32(Self.snapLength), UInt32(PCAP_TSTAMP_PRECISION_NANO)) else {
            throw CaptureWriteError(path: path, reason: "libpcap cannot make a \(linkType) capture")
        }
        guard let dumper = pcap_dump_open(handle, path) else {
            let reason = Self.reason(String(cString: pcap_geterr(handle)), path: path)
            pcap_close(handle)
            throw CaptureWriteError(path: path, reason: reason)
        }
        self.handle = handle
        self.dumper = dumper
    }

    deinit {
        if let dumper { pcap_dump_close(dumper) }
        pcap_close(handle)
    }

    /// Appends one packet (its link-layer frame: for ``LinkType/raw`` the IP packet) captured
    /// at `time`.
    public func write(_ packet: [UInt8], at time: CaptureTime) throws(CaptureWriteError) {
        guard let dumper else { throw CaptureWriteError(path: path, reason: "already closed") }
        var header = pcap_pkthdr()
        header.ts.tv_sec = Int(time.seconds)
        // With nanosecond precision the `tv_usec` field carries nanoseconds.
        header.ts.tv_usec = Int(time.nanoseconds)
        header.len = UInt32(packet.count)
        header.caplen = UInt32(min(packet.count, Self.snapLength))
        packet.withUnsafeBufferPointer { bytes in
            pcap_dump(UnsafeMutableRawPointer(dumper).assumingMemoryBound(to: UInt8.self), &header, bytes.baseAddress)
        }
    }

    /// Pushes what is buffered to the file; throws if the file cannot take it (disk full, ...).
    public func flush() throws(CaptureWriteError) {
        guard let dumper else { return }
        if pcap_dump_flush(dumper) != 0 || ferror(pcap_dump_file(dumper)) != 0 {
            throw CaptureWriteError(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Flushes and closes the file (once; later calls do nothing). The file is closed even when
    /// the last flush fails, and that failure is thrown.
    public func close() throws(CaptureWriteError) {
        guard let dumper else { return }
        defer {
            pcap_dump_close(dumper)
            self.dumper = nil
        }
        try flush()
    }

    /// The `DLT_` value libpcap wants for a link type (they differ only for raw IP).
    private static func datalink(of linkType: LinkType) -> Int32 {
        linkType == .raw ? Int32(DLT_RAW) : Int32(bitPattern: linkType.rawValue)
    }

    /// libpcap's message without the file name it starts with ("x.pcap: Permission denied").
    private static func reason(_ message: String, path: String) -> String {
        message.hasPrefix(path + ": ") ? String(message.dropFirst(path.count + 2)) : message
    }
}
