import CTIClient
import CTIProtocol
import NIOConcurrencyHelpers
import NIOCore

/// A session's ``SessionStatistics`` as the console keeps them (one per ``ConsoleSession``):
/// fed by the session's ``FrameTap`` (each request going out, each confirmation, FAILURE_CONF
/// and CONTROL_FAILURE_CONF coming in, heartbeats included, whether or not the event stream
/// shows them) and by whoever reads the session's events (``count(_:)``: `watch`, the REPL).
///
/// The tap runs on the client's event loop: it cuts the bytes received into frames (in place;
/// only a frame split across reads is kept until its end arrives) and reads each header and
/// InvokeID, nothing more.
final class StatisticsRecorder: Sendable {
    private struct State {
        var statistics: SessionStatistics
        /// Per connection: the start of a frame split across reads.
        var partial: [Int: ByteBuffer] = [:]
        /// Connections whose bytes stopped framing (counted no further).
        var unframed: Set<Int> = []
    }

    private let state: NIOLockedValueBox<State>
    private let origin = ContinuousClock.now
    /// The numbering message types are read with (the session's protocol version).
    private let version: ProtocolVersion

    static let failureConfirmation = MessageCatalog.standard.descriptor(named: "FAILURE_CONF")!
    static let controlFailureConfirmation = MessageCatalog.standard.descriptor(named: "CONTROL_FAILURE_CONF")!

    init(version: ProtocolVersion) {
        self.version = version
        state = NIOLockedValueBox(State(statistics: SessionStatistics(start: .zero)))
    }

    /// Since the recorder was made, on the monotonic clock.
    var now: Duration { ContinuousClock.now - origin }

    /// The statistics so far, and the time they were taken at.
    func snapshot() -> (statistics: SessionStatistics, at: Duration) {
        let time = now
        return (state.withLockedValue { $0.statistics }, time)
    }

    /// One event read from the session's stream: messages count by type, frames that did not
    /// decode as `UNDECODABLE`; lifecycle records do not count.
    func count(_ event: ClientEvent) {
        switch event.kind {
        case .message(let message, _): state.withLockedValue { $0.statistics.event(message.name) }
        case .undecodable: state.withLockedValue { $0.statistics.event(StatisticsRecorder.undecodable) }
        case .lifecycle: break
        }
    }

    /// What an undecodable frame counts as.
    static let undecodable = "UNDECODABLE"

    /// The tap the session is made with: it feeds the statistics, then passes each event on to
    /// `next` (`watch --record FILE.pcap`).
    func tap(then next: FrameTap?) -> FrameTap {
        FrameTap { [self] event in
            observe(event)
            next?(event)
        }
    }

    private func observe(_ event: FrameTapEvent) {
        let connection = event.connection.id
        switch event.kind {
        case .connected:
            break
        case .sent(let frame):
            let time = now
            state.withLockedValue { state in
                guard let (descriptor, invokeID) = header(of: frame, readerIndex: frame.readerIndex),
                      !descriptor.isConfirmation, let invokeID else { return }
                state.statistics.requestSent(descriptor.name, invokeID: invokeID, connection: connection, at: time)
            }
        case .received(let bytes):
            let time = now
            state.withLockedValue { state in
                guard !state.unframed.contains(connection) else { return }
                var buffer: ByteBuffer
                if var partial = state.partial.removeValue(forKey: connection) {
                    partial.writeImmutableBuffer(bytes)
                    buffer = partial
                } else {
                    buffer = bytes
                }
                var decoder = CTIFrameDecoder()
                do {
                    while let frame = try decoder.decode(buffer: &buffer) {
                        received(frame, connection: connection, at: time, into: &state.statistics)
                    }
                } catch {
                    state.unframed.insert(connection)
                    return
                }
                if buffer.readableBytes > 0 { state.partial[connection] = buffer }
            }
        case .disconnected:
            state.withLockedValue { state in
                state.statistics.connectionEnded(connection)
                state.partial[connection] = nil
                state.unframed.remove(connection)
            }
        }
    }

    /// A frame received: an answer to a request waiting on `connection` is a round trip.
    private func received(_ frame: CTIFrame, connection: Int, at time: Duration, into statistics: inout SessionStatistics) {
        // An event (most frames) is passed over after one look-up of its first four bytes.
        guard let invokeID = frame.body.getInteger(at: frame.body.readerIndex, as: UInt32.self),
              statistics.isPending(invokeID: invokeID, connection: connection),
              let descriptor = MessageCatalog.standard.descriptor(wireType: frame.type, version: version),
              descriptor.isConfirmation, descriptor.hasInvokeID else { return }
        let outcome: SessionStatistics.Outcome
        let codeAt = frame.body.readerIndex + MemoryLayout<UInt32>.size
        if descriptor == StatisticsRecorder.failureConfirmation {
            let status = frame.body.getInteger(at: codeAt, as: UInt32.self).map(StatusCode.init(rawValue:))
            outcome = .refused(message: descriptor.name, code: status.map { $0.name ?? "status \($0.rawValue)" } ?? "(no status)")
        } else if descriptor == StatisticsRecorder.controlFailureConfirmation {
            let code = frame.body.getInteger(at: codeAt, as: UInt16.self).map { ControlFailureCode(rawValue: UInt32($0)) }
            outcome = .refused(message: descriptor.name, code: code.map { $0.name ?? "failure code \($0.rawValue)" } ?? "(no failure code)")
        } else {
            outcome = .confirmed
        }
        statistics.confirmation(invokeID: invokeID, connection: connection, at: time, outcome: outcome)
    }

    /// A sent frame's message type and InvokeID (when its layout has one).
    private func header(of frame: ByteBuffer, readerIndex: Int) -> (MessageDescriptor, UInt32?)? {
        guard let type = frame.getInteger(at: readerIndex + MemoryLayout<UInt32>.size, as: UInt32.self),
              let descriptor = MessageCatalog.standard.descriptor(wireType: type, version: version) else { return nil }
        let invokeID = descriptor.hasInvokeID ? frame.getInteger(at: readerIndex + CTIFrame.headerSize, as: UInt32.self) : nil
        return (descriptor, invokeID)
    }
}
