import NIOCore
import Testing
@testable import CTIProtocol

/// The decoder is total: random, truncated and mutated frames either decode or throw a
/// ``CTIDecodeError`` / ``CTIFramingError``; nothing traps, and whatever decodes also renders.
@Suite struct DecoderTotalityTests {
    @Test func twoHundredThousandRandomTruncatedAndMutatedFrames() throws {
        let catalog = MessageCatalog.standard
        var rng = SplitMix64(seed: 0xDEC0DE)
        let random = RandomMessage(catalog: catalog)
        let encoder = CTIMessageEncoder(version: .v25)
        let decoders = ProtocolVersion.supported.map { CTIMessageDecoder(version: $0) }
        let layouts = catalog.messages.filter(\.hasLayout)
        var outcomes = (decoded: 0, decodeErrors: 0, framingErrors: 0)
        let total = 200_000
        for round in 0..<total {
            var bytes: [UInt8]
            switch round % 4 {
            case 0:  // a valid frame, truncated
                let frame = try encoder.encode(.fields(random.fields(for: layouts.randomElement(using: &rng)!, using: &rng)))
                bytes = Array(frame.readableBytesView)
                bytes.removeLast(Int.random(in: 0...bytes.count, using: &rng))
            case 1:  // a valid frame with bytes flipped
                let frame = try encoder.encode(.fields(random.fields(for: layouts.randomElement(using: &rng)!, using: &rng)))
                bytes = Array(frame.readableBytesView)
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
            case 2:  // a known type with a random body and a consistent length
                let body = (0..<Int.random(in: 0...96, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                bytes = CTIFrame(type: layouts.randomElement(using: &rng)!.typeID, body: ByteBuffer(bytes: body)).bytes.readableBytesView.map { $0 }
            default:  // anything at all
                bytes = (0..<Int.random(in: 0...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            }
            var buffer = ByteBuffer(bytes: bytes)
            var framer = CTIFrameDecoder()
            do {
                while let frame = try framer.decodeLast(buffer: &buffer, seenEOF: true) {
                    do {
                        let message = try decoders[round % decoders.count].decode(frame)
                        outcomes.decoded += 1
                        if round % 16 == 0 {
                            _ = message.jsonString()
                            _ = message.textLine()
                            _ = HexDump.redactedHex(frame)
                        }
                    } catch {
                        outcomes.decodeErrors += 1
                        #expect(!error.description.isEmpty)
                    }
                }
            } catch {
                outcomes.framingErrors += 1
            }
        }
        // Every kind of outcome occurred: the inputs really exercised the error paths.
        #expect(outcomes.decoded > 10_000)
        #expect(outcomes.decodeErrors > 1_000)
        #expect(outcomes.framingErrors > 1_000)
    }
}
