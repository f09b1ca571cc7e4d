import CTIProtocol
import NIOCore

extension CTIFrame {
    /// The frame of a complete encoded message (MHDR + body, as ``CTIMessageEncoder`` writes).
    init(encoded buffer: ByteBuffer) {
        var buffer = buffer
        let length = buffer.readInteger(as: UInt32.self)!
        let type = buffer.readInteger(as: UInt32.self)!
        self.init(type: type, body: buffer.readSlice(length: Int(length))!)
    }
}
