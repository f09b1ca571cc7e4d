import NIOCore

extension CTIFrame {
    /// The frame with the data bytes of every secret tag (ClientPassword, ...: ``Errata/secretTags``)
    /// replaced by `*`, same length, so a recording (`cti proxy --record`) keeps its framing and
    /// never holds a password in clear. Where the floating part cannot be walked, everything from
    /// that point on is masked: it might hold a secret.
    public func maskingSecrets(version: ProtocolVersion = .v25, catalog: MessageCatalog = .standard) -> CTIFrame {
        let hidden = secretMask(version: version, catalog: catalog)
        guard hidden.contains(true) else { return self }
        var masked = body
        let header = CTIFrame.headerSize
        for index in header..<hidden.count where hidden[index] {
            masked.setInteger(Self.secretFill, at: masked.readerIndex + index - header)
        }
        return CTIFrame(type: type, body: masked)
    }

    /// What a masked secret byte becomes.
    static let secretFill = UInt8(ascii: "*")

    /// Which bytes of the frame (MHDR + body) to hide: the data of every secret tag. Where the floating part
    /// cannot be walked, everything from that point on is hidden: it might hold a secret.
    public func secretMask(version: ProtocolVersion = .v25, catalog: MessageCatalog = .standard) -> [Bool] {
        let header = CTIFrame.headerSize
        let body = self.body
        var hidden = [Bool](repeating: false, count: header + body.readableBytes)
        guard let descriptor = catalog.descriptor(wireType: type, version: version), descriptor.hasLayout else { return hidden }
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
