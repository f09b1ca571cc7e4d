import CTICapture
import CTIClient
import CTIProtocol
import NIOConcurrencyHelpers
import NIOCore

/// The decoding side of one proxied connection, on its event loop (both channels of a pair are
/// on the same loop): each direction's bytes, as they are relayed, are cut into frames
/// (``ProxyStreamTap``) that go to the recording (secrets masked) and are offered to the printer. It never holds the
/// relay up: it sees the same buffers the relay forwards.
final class ConnectionTap {
    /// One direction's state.
    private struct Direction {
        let leg: ProxyLeg
        var tap: ProxyStreamTap
        /// Frames not printed since the printer fell behind (nil: it keeps up).
        var behind: Int?
        /// When the printer last refused one of this direction's frames.
        var lastRefused = NIODeadline.uptimeNanoseconds(0)
    }

    /// What the connection's streams are.
    private enum Mode {
        /// CTI frames, decoded.
        case decoding
        /// A TLS stream the proxy does not terminate: relayed, not decoded.
        case relayedUntouched
    }

    private var directions: [Direction]
    private var mode = Mode.decoding
    private let version: ProtocolVersion
    private let printer: PrintQueue
    private let totals: NIOLockedValueBox<ProxyTotals>
    private let recording: FrameTap?
    private let recorded: FrameTapConnection?
    /// ``ProxyConfiguration/printerCaughtUpAfter``.
    private let caughtUpAfter: TimeAmount

    init(connection: Int, side: CTISide, client: SocketAddress, clientText: String, server: String, proxyAddress: SocketAddress?,
         version: ProtocolVersion, printer: PrintQueue, totals: NIOLockedValueBox<ProxyTotals>, recording: FrameTap?,
         caughtUpAfter: TimeAmount) {
        directions = [CaptureDirection.clientToServer, .serverToClient].map { direction in
            Direction(leg: ProxyLeg(connection: connection, side: side, direction: direction, client: clientText, server: server),
                      tap: ProxyStreamTap(version: version))
        }
        self.version = version
        self.printer = printer
        self.totals = totals
        self.recording = recording
        self.caughtUpAfter = caughtUpAfter
        recorded = proxyAddress.map { FrameTapConnection(id: connection, side: side, local: client, remote: $0) }
        if let recording, let recorded { recording(FrameTapEvent(kind: .connected, connection: recorded, time: WallClock.now())) }
    }

    private static func index(_ direction: CaptureDirection) -> Int { direction == .clientToServer ? 0 : 1 }

    /// Bytes read from one end (and being relayed to the other).
    func read(_ bytes: ByteBuffer, _ direction: CaptureDirection) {
        let index = Self.index(direction)
        let count = bytes.readableBytes
        totals.withLockedValue { totals in
            if direction == .clientToServer { totals.bytesFromClients += Int64(count) } else { totals.bytesFromServers += Int64(count) }
        }
        if case .decoding = mode, directions[index].tap.seen == 0, direction == .clientToServer, count > 0,
           ProxyStreamTap.isTLSClientHello(bytes) {
            mode = .relayedUntouched
            printer.note(.tlsRelayedUntouched(directions[index].leg))
        }
        guard case .decoding = mode else { return }
        take(directions[index].tap.read(bytes), index)
    }

    /// One end will send no more: what is left of its stream makes no frame.
    func ended(_ direction: CaptureDirection) {
        guard case .decoding = mode else { return }
        let index = Self.index(direction)
        take(directions[index].tap.end(), index)
    }

    /// The pair has ended: the printer is told how many frames it missed, the recording that
    /// the connection is over.
    func finish() {
        for index in directions.indices where directions[index].behind != nil {
            caughtUp(index)
        }
        if let recording, let recorded { recording(FrameTapEvent(kind: .disconnected, connection: recorded, time: WallClock.now())) }
    }

    /// What one direction's tap gave: frames to the recording and the printer, skips noted.
    private func take(_ outputs: [ProxyStreamTap.Output], _ index: Int) {
        guard !outputs.isEmpty else { return }
        let time = WallClock.now()
        let leg = directions[index].leg
        var frames = 0
        var printed = 0
        var skipped: Int64 = 0
        for output in outputs {
            switch output {
            case .frame(let frame, _):
                frames += 1
                record(frame, leg.direction, time: time)
                if printer.offer(frame, leg, time: time) {
                    printed += 1
                    if directions[index].behind != nil, NIODeadline.now() - directions[index].lastRefused >= caughtUpAfter {
                        caughtUp(index)
                    }
                } else {
                    if directions[index].behind == nil {
                        directions[index].behind = 0
                        printer.note(.printerBehind(leg))
                    }
                    directions[index].behind! += 1
                    directions[index].lastRefused = NIODeadline.now()
                }
            case .skipped(let offset, let length):
                skipped += length
                printer.note(.skipped(leg, offset: offset, length: length))
            }
        }
        guard frames > 0 || skipped > 0 else { return }
        totals.withLockedValue { totals in
            totals.frames += frames
            totals.printed += printed
            totals.notPrinted += frames - printed
            totals.skippedBytes += skipped
        }
    }

    private func caughtUp(_ index: Int) {
        printer.note(.printerCaughtUp(directions[index].leg, notPrinted: directions[index].behind ?? 0))
        directions[index].behind = nil
    }

    /// The frame, secrets masked, to the recording.
    private func record(_ frame: CTIFrame, _ direction: CaptureDirection, time: Duration) {
        guard let recording, let recorded else { return }
        let bytes = frame.maskingSecrets(version: version).bytes
        recording(FrameTapEvent(kind: direction == .clientToServer ? .sent(bytes) : .received(bytes), connection: recorded, time: time))
    }
}
