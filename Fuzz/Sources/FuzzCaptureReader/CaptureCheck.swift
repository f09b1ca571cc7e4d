import CTICapture
import CTIProtocol
#if canImport(Glibc)
import Glibc
#endif

/// What FuzzCaptureReader runs on an input: the bytes as a capture file (pcap or pcapng, read
/// by libpcap through `fmemopen`), every packet through ``CaptureDecoder`` (link layer, IP,
/// TCP reassembly, connections, framing), every frame decoded and rendered as `cti decode
/// --pcap -o json` would. A small pending limit makes the reassembler give up holes early, so
/// that gap handling is reached by short inputs too.
///
/// Properties (a violation stops the process, which libFuzzer records as a crash): in each
/// direction of each connection, frames, gaps and skipped bytes come in stream order without
/// overlapping (each byte of the stream accounted for at most once).
enum CaptureCheck {
    static let decoder = CTIMessageDecoder()

    static func run(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty, let file = fmemopen(UnsafeMutableRawPointer(mutating: bytes.baseAddress!), bytes.count, "rb") else { return }
        guard let reader = try? CaptureFileReader(file: file, name: "fuzz") else { return }
        var capture = CaptureDecoder(pendingLimit: 256, probeLimit: 256)
        var ends: [Int: Int64] = [:]  // connection number * 2 + direction: the stream offset reached
        let handle = { (event: CaptureEvent) in
            switch event {
            case .frame(let captured):
                advance(&ends, captured.connection, captured.direction, from: captured.offset,
                        by: Int64(CTIFrame.headerSize + captured.frame.body.readableBytes))
                if let message = try? decoder.decode(captured.frame) {
                    _ = message.jsonString()
                    _ = message.textLine()
                }
            case .gap(let connection, let direction, let gap):
                advance(&ends, connection, direction, from: gap.offset, by: gap.length)
            case .skippedBytes(let connection, let direction, let offset, let length, _):
                advance(&ends, connection, direction, from: offset, by: length)
            case .connection(let connection):
                _ = connection.client.description + connection.server.description
            case .damagedPacket(_, _, let reason):
                _ = reason.description
            }
        }
        do {
            while let packet = try reader.next() { capture.receive(packet, linkType: reader.linkType, handle) }
        } catch {
            _ = error.description
        }
        capture.finish(handle)
    }

    private static func advance(_ ends: inout [Int: Int64], _ connection: CTIConnection, _ direction: CaptureDirection, from offset: Int64, by length: Int64) {
        let key = connection.number * 2 + (direction == .clientToServer ? 0 : 1)
        let reached = ends[key] ?? 0
        guard offset >= reached, length >= 0 else {
            fatalError("FUZZ PROPERTY VIOLATED: connection \(connection.number) \(direction): [\(offset), +\(length)) before offset \(reached)")
        }
        ends[key] = offset + length
    }
}
