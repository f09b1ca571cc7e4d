import CTIOutput
import CTIProtocol
import CTIProxy
import NIOConcurrencyHelpers

/// `cti proxy`'s printer: each relayed message as `decode --pcap` prints a captured one, with the
/// proxy's connection number (``CaptureContext/connection``), in the `-o` format; notes,
/// undecodable frames (passwords blanked) and bytes skipped on stderr. Runs on the proxy's
/// printer queue. Ends the run when `--count` messages are printed or stdout's reader has gone.
final class ProxyPrinter: ProxySink {
    /// Why the printer ended the run.
    enum Ending: Sendable { case count, readerGone }

    private let sink: OutputSink
    private let filter: Set<String>
    private let limit: Int?
    private let version: ProtocolVersion
    private let printed = NIOLockedValueBox(0)
    /// Fired once: `--count` reached, or stdout's reader gone.
    let ended = OneShotSignal<Ending?>(fallback: nil)

    init(sink: OutputSink, filter: Set<String>, limit: Int?, version: ProtocolVersion) {
        self.sink = sink
        self.filter = filter
        self.limit = limit
        self.version = version
    }

    /// Messages printed (those `--filter` lets through).
    var messagesPrinted: Int { printed.withLockedValue { $0 } }

    func show(_ record: ProxyRecord) {
        switch record {
        case .message(let message, let frame, let leg, let time):
            guard filter.isEmpty || filter.contains(message.name) else { return }
            let counted = printed.withLockedValue { printed -> Int? in
                if let limit, printed >= limit { return nil }
                printed += 1
                return printed
            }
            guard let counted else { return }
            let (seconds, attoseconds) = time.components
            let context = CaptureContext(seconds: seconds, nanoseconds: UInt32(attoseconds / 1_000_000_000), packet: nil,
                                         connection: leg.connection, client: leg.client, server: leg.server,
                                         fromClient: leg.direction == .clientToServer, side: leg.side)
            do {
                try sink.write(.captured(message, frame, context, version: version))
                if let limit, counted >= limit {
                    try sink.output.flush()
                    ended.fire(.count)
                }
            } catch {
                ended.fire(.readerGone)
            }
        case .undecodable(let frame, let error, let leg, _):
            StandardStream.diagnose("cti: proxy \(leg.description): frame relayed, not decodable: \(error)\n"
                + "  frame: \(HexDump.redactedHex(frame, version: version))")
        case .note(let note):
            guard !sink.quiet || Self.isProblem(note) else { return }
            StandardStream.diagnose("cti: proxy \(note)")
        }
    }

    /// Notes that show even with `-q`: what was not decoded or not printed, and failures.
    private static func isProblem(_ note: ProxyNote) -> Bool {
        switch note {
        case .connected, .closed: false
        case .connectFailed, .tlsRelayedUntouched, .skipped, .printerBehind, .printerCaughtUp: true
        }
    }
}
