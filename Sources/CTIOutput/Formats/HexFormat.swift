import CTIClient
import CTIProtocol

/// `-o hex`: each frame (MHDR + body) as one line of lower-case hex, passwords blanked as `**`:
/// the lines `cti decode` reads on stdin. Records without a frame (lifecycle records,
/// confirmations) have no line.
public struct HexFormat: OutputFormat {
    public let name = "hex"
    public let summary = "each frame as one line of hex, passwords blanked"

    public init() {}

    public func write(_ record: OutputRecord, settings: OutputSettings, to output: inout [UInt8]) {
        let line: String
        switch record {
        case .decoded(_, let frame, let version), .captured(_, let frame, _, let version): line = HexDump.redactedHex(frame, version: version)
        case .event(let event, _):
            switch event.kind {
            case .message(_, let frame), .undecodable(_, let frame): line = HexDump.redactedHex(frame)
            case .lifecycle: return
            }
        case .confirmation, .opened, .refusal: return
        }
        output.append(contentsOf: line.utf8)
        output.append(UInt8(ascii: "\n"))
    }
}
