import CTIClient
import CTIProtocol

/// `-o json`: JSON Lines, one complete object per record (``ClientEvent/jsonLine(extra:)``;
/// ``CTIMessage/writeJSONKeys(into:catalog:)`` for `decode`, after the capture's keys for
/// `decode --pcap`, ``CaptureContext/writeJSONKeys(into:)``); `persistent` and `tapiState` on
/// the events of persistent calls, and with `--hex` the frame as `hex` (passwords blanked).
public struct JSONLinesFormat: OutputFormat {
    public let name = "json"
    public let summary = "JSON Lines"

    public init() {}

    public func write(_ record: OutputRecord, settings: OutputSettings, to output: inout [UInt8]) {
        switch record {
        case .decoded(let message, let frame, let version):
            writeDecoded(message, frame, context: nil, version: version, settings: settings, to: &output)
        case .captured(let message, let frame, let context, let version):
            writeDecoded(message, frame, context: context, version: version, settings: settings, to: &output)
        case .event(let event, let mark):
            write(event, persistent: mark, settings: settings, to: &output)
            return
        case .confirmation(let message, let timestamp, let mark):
            var writer = JSONWriter()
            writer.beginObject()
            ClientEvent.writeJSONStamp(timestamp: timestamp, sequence: 0, side: nil, into: &writer)
            message.writeJSONKeys(into: &writer)
            Self.writePersistent(mark, into: &writer)
            writer.endObject()
            writer.append(to: &output)
        case .opened(let event):
            event.appendJSONLine(to: &output)
        case .refusal:
            return
        }
        output.append(UInt8(ascii: "\n"))
    }

    /// A frame decoded on its own (`decode`), after the capture's keys for `decode --pcap`.
    private func writeDecoded(_ message: CTIMessage, _ frame: CTIFrame, context: CaptureContext?, version: ProtocolVersion,
                              settings: OutputSettings, to output: inout [UInt8]) {
        var writer = JSONWriter()
        writer.beginObject()
        context?.writeJSONKeys(into: &writer)
        message.writeJSONKeys(into: &writer)
        if frame.isOversized {
            writer.key("oversized")
            writer.bool(true)
        }
        if settings.hex {
            writer.key("hex")
            writer.string(HexDump.redactedHex(frame, version: version))
        }
        writer.endObject()
        writer.append(to: &output)
    }

    public func write(_ event: ClientEvent, persistent mark: PersistentCallTracker.Mark?, settings: OutputSettings, to output: inout [UInt8]) {
        event.appendJSONLine(extra: { writer in
            Self.writePersistent(mark, into: &writer)
            if settings.hex, case .message(_, let frame) = event.kind {
                writer.key("hex")
                writer.string(HexDump.redactedHex(frame))
            }
        }, to: &output)
        output.append(UInt8(ascii: "\n"))
    }

    /// `"persistent": true` and the TAPI state of a persistent call's event.
    private static func writePersistent(_ mark: PersistentCallTracker.Mark?, into writer: inout JSONWriter) {
        guard let mark else { return }
        writer.key("persistent")
        writer.bool(true)
        writer.key("tapiState")
        if let state = mark.tapiState { writer.string(state) } else { writer.null() }
    }
}
