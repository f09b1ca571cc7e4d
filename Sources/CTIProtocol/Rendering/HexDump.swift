import NIOCore

/// Hex views of frames with secrets blanked: the data bytes of password fields show as `**`
/// (so their length stays visible) and never as their value.
public enum HexDump {
    /// The frame (MHDR + body) as lower-case hex with secret bytes as `**`.
    public static func redactedHex(_ frame: CTIFrame, version: ProtocolVersion = .v25, catalog: MessageCatalog = .standard) -> String {
        let bytes = Array(frame.bytes.readableBytesView)
        let hidden = secretMask(frame, version: version, catalog: catalog)
        var out = ""
        out.reserveCapacity(bytes.count * 2)
        for (index, byte) in bytes.enumerated() {
            if hidden[index] { out += "**" } else { out += Hex.encode(CollectionOfOne(byte)) }
        }
        return out
    }

    /// The frame as an offset / hex / ASCII dump, 16 bytes per line, secrets blanked.
    public static func dump(_ frame: CTIFrame, version: ProtocolVersion = .v25, catalog: MessageCatalog = .standard) -> String {
        let bytes = Array(frame.bytes.readableBytesView)
        let hidden = secretMask(frame, version: version, catalog: catalog)
        var lines: [String] = []
        for start in stride(from: 0, to: bytes.count, by: 16) {
            let end = min(start + 16, bytes.count)
            var hex = ""
            var ascii = ""
            for index in start..<end {
                hex += hidden[index] ? "** " : Hex.encode(CollectionOfOne(bytes[index])) + " "
                let byte = bytes[index]
                ascii += hidden[index] ? "*" : (byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : ".")
            }
            let offset = String(start, radix: 16)
            let paddedOffset = String(repeating: "0", count: max(0, 4 - offset.count)) + offset
            let paddedHex = hex + String(repeating: " ", count: (16 - (end - start)) * 3)
            lines.append("  \(paddedOffset)  \(paddedHex) \(ascii)")
        }
        return lines.joined(separator: "\n")
    }

    /// Which bytes of the frame to hide: the data of every secret tag. Where the floating part
    /// cannot be walked, everything from that point on is hidden: it might hold a secret.
    static func secretMask(_ frame: CTIFrame, version: ProtocolVersion, catalog: MessageCatalog) -> [Bool] {
        let header = CTIFrame.headerSize
        let body = frame.body
        var hidden = [Bool](repeating: false, count: header + body.readableBytes)
        guard let descriptor = catalog.descriptor(wireType: frame.type, version: version), descriptor.hasLayout else { return hidden }
        let sizes = [descriptor.fixedSize] + descriptor.alternateFixed.map(\.fixedSize)
        let width = version.floatingHeaderWidth
        let length = body.readableBytes
        var firstBreak = length
        var anyIntact = false
        for fixedSize in sizes where fixedSize <= length {
            var offset = fixedSize
            var ranges: [Range<Int>] = []
            var intact = true
            while offset < length {
                guard length - offset >= 2 * width else { intact = false; break }
                let tag = UInt16(body.ctiNumber(at: body.readerIndex + offset, width: width))
                let dataLength = Int(body.ctiNumber(at: body.readerIndex + offset + width, width: width))
                let dataStart = offset + 2 * width
                guard dataLength <= length - dataStart else { intact = false; break }
                if Errata.secretTags.contains(tag) { ranges.append(dataStart..<dataStart + dataLength) }
                offset = dataStart + dataLength
            }
            for range in ranges { for index in range { hidden[header + index] = true } }
            if intact { anyIntact = true } else { firstBreak = min(firstBreak, offset) }
        }
        if !anyIntact { for index in firstBreak..<length { hidden[header + index] = true } }
        return hidden
    }
}
