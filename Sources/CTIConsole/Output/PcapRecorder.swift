import CTICapture
import CTIClient
import NIOConcurrencyHelpers

/// `watch --record FILE.pcap`: the session's TCP connections written as a pcap capture (raw IP)
/// while the session runs, from the client's ``FrameTap``: for each connection, with its real
/// addresses and ports, a handshake when it comes up, the bytes sent and received (heartbeats
/// included) in segments stamped with the time they were written or read, and a close when it
/// ends. A reconnect or failover is a new connection, and a conversation of its own.
///
/// The tap runs on the client's event loop; the writer is behind a lock. The first write error
/// stops the recording and is what ``finish()`` throws.
final class PcapRecorder: @unchecked Sendable {
    private let lock = NIOLock()
    private let writer: CaptureFileWriter
    /// The conversations of the connections that are up, by the client's connection id.
    private var conversations: [Int: TCPConversation] = [:]
    /// The latest time written: packets never go back in time in the file, even if the clock
    /// steps back.
    private var latest = CaptureTime(seconds: 0, nanoseconds: 0)
    private var failure: CaptureWriteError?
    private var finished = false

    /// Creates the file (and writes its header). `-` is a file of that name, as for the raw
    /// recording (libpcap would take it for standard output, where the events go).
    init(path: String) throws(CaptureWriteError) {
        do {
            writer = try CaptureFileWriter(path: path == "-" ? "./-" : path, linkType: .raw)
        } catch {
            throw CaptureWriteError(path: path, reason: error.reason)
        }
    }

    /// The tap to configure the client with.
    var tap: FrameTap {
        FrameTap { [self] event in record(event) }
    }

    /// Closes the conversations still open (at the last time written), flushes and closes the
    /// file; throws the first error writing it met. Later events are not written.
    func finish() throws(CaptureWriteError) {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        finished = true
        for id in conversations.keys.sorted() {
            var conversation = conversations.removeValue(forKey: id)!
            write(conversation.close(), at: latest)
        }
        if let failure {
            try? writer.close()
            throw failure
        }
        try writer.close()
    }

    /// Writes what an event means for its connection's conversation.
    func record(_ event: FrameTapEvent) {
        lock.lock()
        defer { lock.unlock() }
        guard !finished, failure == nil else { return }
        let id = event.connection.id
        let time = max(CaptureTime(event.time), latest)
        switch event.kind {
        case .connected:
            guard let client = TCPEndpoint(event.connection.local), let server = TCPEndpoint(event.connection.remote),
                  client.address.isV6 == server.address.isV6 else { return }
            var conversation = TCPConversation(client: client, server: server)
            let packets = conversation.handshake()
            conversations[id] = conversation
            write(packets, at: time)
        case .sent(let bytes):
            guard conversations[id] != nil else { return }
            write(conversations[id]!.segments(carrying: bytes.readableBytesView, .clientToServer), at: time)
        case .received(let bytes):
            guard conversations[id] != nil else { return }
            write(conversations[id]!.segments(carrying: bytes.readableBytesView, .serverToClient), at: time)
        case .disconnected:
            guard var conversation = conversations.removeValue(forKey: id) else { return }
            write(conversation.close(), at: time)
            // What is on disk is a whole capture each time a connection ends.
            do { try writer.flush() } catch { failure = failure ?? error }
        }
    }

    private func write(_ packets: [[UInt8]], at time: CaptureTime) {
        latest = time
        do {
            for packet in packets { try writer.write(packet, at: time) }
        } catch {
            failure = failure ?? error
        }
    }
}

extension CaptureTime {
    /// The time of a ``FrameTapEvent`` (since 1970).
    init(_ sinceEpoch: Duration) {
        let (seconds, attoseconds) = sinceEpoch.components
        self.init(seconds: seconds, nanoseconds: UInt32(attoseconds / 1_000_000_000))
    }
}
