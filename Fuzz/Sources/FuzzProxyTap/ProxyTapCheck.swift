import CTIProtocol
import CTIProxy
import FuzzSupport
import NIOCore

/// What FuzzProxyTap runs on an input: the bytes as one direction of a connection relayed by
/// `cti proxy`, fed in chunks to ``ProxyStreamTap`` (the proxy's decode path), every frame it
/// cuts masked as for a recording (``CTIFrame/maskingSecrets(version:catalog:)``), decoded and
/// rendered as the proxy's printer would.
///
/// Input layout: byte 0 is the selector of ``FuzzChecks`` (bit 0 protocol version 24, bit 1
/// PV24 numbering, bits 2-7 chunk size, 0 meaning all at once); the rest is the stream.
///
/// Properties (a violation stops the process, which libFuzzer records as a crash): frames and
/// skipped bytes come in stream order, each byte accounted for exactly once when the stream
/// ends; a masked frame has the length and type of the frame it masks.
enum ProxyTapCheck {
    static func run(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 1 else { return }
        let version = FuzzChecks.version(selector: bytes[0])
        let selected = Int(bytes[0] >> 2)
        let chunkSize = selected == 0 ? bytes.count : selected
        let decoder = CTIMessageDecoder(version: version)
        var tap = ProxyStreamTap(version: version)
        var reached: Int64 = 0
        let take = { (outputs: [ProxyStreamTap.Output]) in
            for output in outputs {
                switch output {
                case .frame(let frame, let offset):
                    advance(&reached, from: offset, by: Int64(frame.bytes.readableBytes))
                    let masked = frame.maskingSecrets(version: version)
                    guard masked.bytes.readableBytes == frame.bytes.readableBytes, masked.type == frame.type else {
                        fatalError("FUZZ PROPERTY VIOLATED: masking changed the frame's length or type")
                    }
                    if let message = try? decoder.decode(masked) {
                        _ = message.jsonString()
                        _ = message.textLine()
                    }
                case .skipped(let offset, let length):
                    advance(&reached, from: offset, by: length)
                }
            }
        }
        var start = 1
        while start < bytes.count {
            let end = min(start + chunkSize, bytes.count)
            take(tap.read(ByteBuffer(bytes: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))))
            start = end
        }
        take(tap.end())
        guard reached == tap.seen else {
            fatalError("FUZZ PROPERTY VIOLATED: \(tap.seen) bytes read, \(reached) accounted for at the end")
        }
    }

    private static func advance(_ reached: inout Int64, from offset: Int64, by length: Int64) {
        guard offset == reached, length > 0 else {
            fatalError("FUZZ PROPERTY VIOLATED: [\(offset), +\(length)) where offset \(reached) was next")
        }
        reached = offset + length
    }
}
