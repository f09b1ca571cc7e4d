import CTIClient
import CTIProtocol

/// `-o raw` and `watch --record FILE`: the frames of the messages as received (MHDR + body,
/// back to back, nothing blanked), the stream `cti decode --file` reads. Undecodable frames,
/// lifecycle records and confirmations are not recorded.
public struct RawRecordingFormat: OutputFormat {
    public let name = "raw"
    public let summary = "the frames as received, as --record writes them"

    public init() {}

    public func write(_ record: OutputRecord, settings: OutputSettings, to output: inout [UInt8]) {
        switch record {
        case .decoded(_, let frame, _), .captured(_, let frame, _, _): output.append(contentsOf: frame.bytes.readableBytesView)
        case .event(let event, _):
            guard case .message(_, let frame) = event.kind else { return }
            output.append(contentsOf: frame.bytes.readableBytesView)
        case .confirmation, .opened, .refusal: return
        }
    }
}
