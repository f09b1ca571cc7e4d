import ArgumentParser

/// What `watch --record FILE` writes (`--record-format`, or by the file's extension).
enum RecordFormat: String, ExpressibleByArgument, CaseIterable {
    /// The frames `watch` shows, back to back (`cti decode --file` reads them).
    case raw
    /// A pcap capture of the session's TCP connections, every byte both ways (Wireshark, tshark,
    /// `cti decode --pcap`).
    case pcap

    /// The extensions that choose ``pcap`` (compared ignoring case).
    static let pcapExtensions = ["pcap", "cap"]
    /// The extension of a format libpcap cannot write.
    static let pcapngExtension = "pcapng"

    /// The format `--record path` writes: `explicit` (`--record-format`) if given, else
    /// ``pcap`` for a `.pcap` or `.cap` file and ``raw`` for any other. A `.pcapng` file without
    /// `--record-format` is refused: cti writes pcap, which that name would misdescribe.
    static func chosen(for path: String, explicit: RecordFormat?) throws -> RecordFormat {
        if let explicit { return explicit }
        let pathExtension = path.split(separator: "/").last.flatMap { name in
            name.contains(".") ? name.split(separator: ".").last.map { $0.lowercased() } : nil
        }
        if pathExtension == pcapngExtension {
            throw ValidationError("--record \(path): cti writes pcap, not pcapng: name the file .pcap (Wireshark reads either), or give --record-format")
        }
        return pathExtension.map(pcapExtensions.contains) == true ? .pcap : .raw
    }
}
