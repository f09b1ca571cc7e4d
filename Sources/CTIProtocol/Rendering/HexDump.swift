import NIOCore

/// Hex views of frames with secrets blanked: the data bytes of password fields show as `**`
/// (so their length stays visible) and never as their value.
public enum HexDump {
    /// The frame (MHDR + body) as lower-case hex with secret bytes as `**`.
    public static func redactedHex(_ frame: CTIFrame, version: ProtocolVersion = .v25, catalog: MessageCatalog = .standard) -> String {
        let bytes = Array(frame.bytes.readableBytesView)
        let hidden = frame.secretMask(version: version, catalog: catalog)
        // One UTF-8 buffer, one String: no allocation per byte.
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for (index, byte) in bytes.enumerated() {
            if hidden[index] {
                out.append(star)
                out.append(star)
            } else {
                out.append(Hex.digit(byte >> 4))
                out.append(Hex.digit(byte & 0xF))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The frame as an offset / hex / ASCII dump, 16 bytes per line, secrets blanked.
    public static func dump(_ frame: CTIFrame, version: ProtocolVersion = .v25, catalog: MessageCatalog = .standard) -> String {
        let bytes = Array(frame.bytes.readableBytesView)
        let hidden = frame.secretMask(version: version, catalog: catalog)
        // Each line: "  OFFS  xx xx … (48 columns) ASCII", lines joined by "\n"; written into
        // one UTF-8 buffer.
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 15) / 16 * 75)
        for start in stride(from: 0, to: bytes.count, by: 16) {
            let end = min(start + 16, bytes.count)
            if start > 0 { out.append(newline) }
            out.append(space)
            out.append(space)
            let offset = String(start, radix: 16).utf8
            if offset.count < 4 { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: 4 - offset.count)) }
            out.append(contentsOf: offset)
            out.append(space)
            out.append(space)
            for index in start..<end {
                if hidden[index] {
                    out.append(star)
                    out.append(star)
                } else {
                    out.append(Hex.digit(bytes[index] >> 4))
                    out.append(Hex.digit(bytes[index] & 0xF))
                }
                out.append(space)
            }
            out.append(contentsOf: repeatElement(space, count: (16 - (end - start)) * 3 + 1))
            for index in start..<end {
                let byte = bytes[index]
                out.append(hidden[index] ? star : (byte >= 0x20 && byte < 0x7F ? byte : UInt8(ascii: ".")))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let star = UInt8(ascii: "*")
    private static let space = UInt8(ascii: " ")
    private static let newline = UInt8(ascii: "\n")
}
