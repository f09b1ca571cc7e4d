import CTIClient
import CTIProtocol

/// `-o text`: one aligned line per record for a person (``ClientEvent/textLine(style:verbose:)``,
/// ``CTIMessage/textLine(catalog:)`` for `decode`; for `decode --pcap` the capture's stamp,
/// ``CaptureContext/appendTextStamp(style:to:)``, then the line `watch` prints), `[PERSISTENT]` after the events of
/// persistent calls, and with `--hex` each frame's offset / hex / ASCII dump under its line.
public struct TextFormat: OutputFormat {
    public let name = "text"
    public let summary = "one aligned line per event"

    public init() {}

    public func write(_ record: OutputRecord, settings: OutputSettings, to output: inout [UInt8]) {
        switch record {
        case .decoded(let message, let frame, let version):
            output.append(contentsOf: message.textLine().utf8)
            output.append(newline)
            if settings.hex { appendDump(HexDump.dump(frame, version: version), to: &output) }
        case .captured(let message, let frame, let context, let version):
            context.appendTextStamp(style: settings.style, to: &output)
            ClientEvent.appendText(of: message, style: settings.style, verbose: settings.verbose, to: &output)
            output.append(newline)
            if settings.hex { appendDump(HexDump.dump(frame, version: version), to: &output) }
        case .event(let event, let mark):
            write(event, persistent: mark, settings: settings, to: &output)
        case .confirmation(let message, let timestamp, let mark):
            ClientEvent.appendTextStamp(timestamp: timestamp, side: nil, style: settings.style, to: &output)
            ClientEvent.appendText(of: message, style: settings.style, verbose: settings.verbose, to: &output)
            if mark != nil { output.append(contentsOf: persistentMark.utf8) }
            output.append(newline)
        case .opened(let event):
            guard let record = event.lifecycle else { return }
            output.append(contentsOf: (record.summary + " on side " + (event.side?.rawValue ?? "-")).utf8)
            output.append(newline)
        case .refusal:
            return
        }
    }

    public func write(_ event: ClientEvent, persistent mark: PersistentCallTracker.Mark?, settings: OutputSettings, to output: inout [UInt8]) {
        event.appendTextLine(style: settings.style, verbose: settings.verbose, to: &output)
        if mark != nil { output.append(contentsOf: persistentMark.utf8) }
        output.append(newline)
        if settings.hex, case .message(_, let frame) = event.kind { appendDump(HexDump.dump(frame), to: &output) }
    }

    private let persistentMark = " [PERSISTENT]"
    private let newline = UInt8(ascii: "\n")

    private func appendDump(_ dump: String, to output: inout [UInt8]) {
        output.append(contentsOf: dump.utf8)
        output.append(newline)
    }
}
