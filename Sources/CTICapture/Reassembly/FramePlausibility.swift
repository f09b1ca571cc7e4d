import CTIProtocol

/// Whether 8 bytes look like a CTI frame header (MHDR, `wire-format.md` §2): a MessageType the
/// catalogue knows under the protocol version, and a MessageLength from the type's fixed part
/// (its shortest layout) to the guide's maximum. What a stream is resynchronised at after a gap, and what tells a CTI connection on
/// an unknown port (an OPEN_REQ header at the start of its stream).
public struct FramePlausibility: Sendable {
    public let version: ProtocolVersion
    public let catalog: MessageCatalog
    /// The OPEN_REQ's wire type under the version.
    let openRequestType: UInt32
    /// The OPEN_REQ's smallest body (its fixed part).
    let openRequestMinimum: Int

    public init(version: ProtocolVersion, catalog: MessageCatalog = .standard) {
        self.version = version
        self.catalog = catalog
        let open = catalog.descriptor(named: "OPEN_REQ")!
        openRequestType = catalog.wireType(of: open, version: version)
        openRequestMinimum = open.fixedSize
    }

    /// A header a stream can resume at.
    public func isPlausible(length: UInt32, type: UInt32) -> Bool {
        guard length <= CTIFrame.guideMaximumBody, let descriptor = catalog.descriptor(wireType: type, version: version) else { return false }
        let shortest = descriptor.alternateFixed.map(\.fixedSize).min().map { min($0, descriptor.fixedSize) } ?? descriptor.fixedSize
        return length >= shortest
    }

    /// The header of an OPEN_REQ: a CTI client's first frame.
    public func isOpenRequest(length: UInt32, type: UInt32) -> Bool {
        type == openRequestType && length >= openRequestMinimum && length <= CTIFrame.guideMaximumBody
    }
}
