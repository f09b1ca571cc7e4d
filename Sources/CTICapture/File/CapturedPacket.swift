/// One packet of a capture file as ``CaptureFileReader`` hands it out: its number in the file
/// (1-based, as Wireshark counts), when it was captured, its length on the wire, and the
/// captured bytes (at most the snap length), which stay valid until the next read.
public struct CapturedPacket {
    public var number: Int
    public var time: CaptureTime
    /// The packet's length on the wire (`len`); the captured bytes may be fewer (`caplen`).
    public var wireLength: Int
    public var data: UnsafeRawBufferPointer
}
