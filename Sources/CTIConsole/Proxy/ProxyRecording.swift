import CTIClient
import CTIOutput

/// `cti proxy --record FILE`: the pcap capture (``PcapRecorder``: the clients' legs, real
/// addresses, times of reads) or the raw frames (``ProxyRawRecorder``), both fed from the relay
/// with secrets masked.
enum ProxyRecording {
    case pcap(PcapRecorder)
    case raw(ProxyRawRecorder)

    /// Opens the file `--record` names (nil: none); an unwritable file is a usage error (64).
    static func open(_ path: String?, format explicit: RecordFormat?) throws -> ProxyRecording? {
        guard let path else { return nil }
        switch try RecordFormat.chosen(for: path, explicit: explicit) {
        case .pcap:
            do {
                return .pcap(try PcapRecorder(path: path))
            } catch {
                StandardStream.diagnose("cti: --record \(error)")
                throw ExitStatus.usage
            }
        case .raw:
            guard let file = StandardStream(creating: path) else {
                StandardStream.diagnose("cti: --record \(path): cannot be written")
                throw ExitStatus.usage
            }
            return .raw(ProxyRawRecorder(file: file))
        }
    }

    var tap: FrameTap {
        switch self {
        case .pcap(let recorder): recorder.tap
        case .raw(let recorder): recorder.tap
        }
    }

    /// Flushes and closes the file; false when it could not all be written (said on stderr).
    func finish() -> Bool {
        switch self {
        case .pcap(let recorder):
            do {
                try recorder.finish()
                return true
            } catch {
                StandardStream.diagnose("cti: --record \(error)")
                return false
            }
        case .raw(let recorder):
            return recorder.finish()
        }
    }
}
