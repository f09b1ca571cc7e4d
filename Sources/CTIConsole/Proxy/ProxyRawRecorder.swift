import CTIClient
import CTIOutput
import NIOConcurrencyHelpers

/// `cti proxy --record FILE` in the raw format: every relayed frame of both directions, secrets
/// masked, back to back as they were read (what `cti decode --file` reads). Called on the relay's
/// event loops; the file is behind the stream's lock. The first write error stops the recording
/// and is what ``finish()`` reports.
final class ProxyRawRecorder: Sendable {
    private let file: StandardStream
    private let failed = NIOLockedValueBox(false)

    init(file: StandardStream) {
        self.file = file
    }

    /// The tap to configure the proxy with.
    var tap: FrameTap {
        FrameTap { [self] event in
            switch event.kind {
            case .sent(let bytes), .received(let bytes):
                guard !failed.withLockedValue({ $0 }) else { return }
                do {
                    try file.append { $0.append(contentsOf: bytes.readableBytesView) }
                } catch {
                    failed.withLockedValue { $0 = true }
                }
            case .connected, .disconnected:
                return
            }
        }
    }

    /// Writes out and closes the file; false when it could not all be written.
    func finish() -> Bool {
        do {
            try file.close()
        } catch {
            return false
        }
        return !failed.withLockedValue { $0 }
    }
}
