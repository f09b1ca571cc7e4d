import NIOCore
import NIOEmbedded
import NIOTestUtils
import Testing
@testable import CTIProtocol

@Suite struct FrameDecoderTests {
    static let heartbeat = CTIFrame(type: 5, body: ByteBuffer(bytes: [0, 0, 0, 1]))
    static let empty = CTIFrame(type: 277, body: ByteBuffer())
    static let medium = CTIFrame(type: 23, body: ByteBuffer(repeating: 0xAB, count: 600))
    static let large = CTIFrame(type: 23, body: ByteBuffer(repeating: 0xAB, count: 13_000))

    /// Whole, byte by byte and in random chunks (NIOTestUtils' verifier does all three).
    @Test func framesDecodeTheSameHoweverTheBytesArrive() throws {
        let frames = [FrameDecoderTests.heartbeat, FrameDecoderTests.empty, FrameDecoderTests.medium]
        var stream = ByteBuffer()
        for frame in frames { stream.writeImmutableBuffer(frame.bytes) }
        try ByteToMessageDecoderVerifier.verifyDecoder(
            inputOutputPairs: [
                (FrameDecoderTests.heartbeat.bytes, [FrameDecoderTests.heartbeat]),
                (stream, frames),
            ],
            decoderFactory: { CTIFrameDecoder() })
    }

    @Test func bodiesOverTheGuideMaximumDecodeWithAWarningFlag() throws {
        var buffer = FrameDecoderTests.large.bytes
        var decoder = CTIFrameDecoder()
        let frame = try #require(try decoder.decode(buffer: &buffer))
        #expect(frame.isOversized)
        #expect(!FrameDecoderTests.heartbeat.isOversized)
        var atLimit = CTIFrame(type: 5, body: ByteBuffer(repeating: 0, count: 65_535)).bytes
        #expect(try decoder.decode(buffer: &atLimit)?.body.readableBytes == 65_535)
    }

    @Test func aLengthOver65535IsAFramingErrorNamingTheLength() {
        var buffer = ByteBuffer(bytes: [0x00, 0x01, 0x00, 0x00, 0, 0, 0, 9])
        var decoder = CTIFrameDecoder()
        #expect(throws: CTIFramingError.bodyTooLarge(length: 65_536, type: 9, limit: 65_535)) { try decoder.decode(buffer: &buffer) }
        #expect(CTIFramingError.bodyTooLarge(length: 65_536, type: 9, limit: 65_535).description.contains("65536"))
    }

    @Test func theStreamStopsAtAFramingErrorInAPipeline() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(CTIFrameDecoder()))
        var input = FrameDecoderTests.heartbeat.bytes
        input.writeBytes([0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 5])
        input.writeImmutableBuffer(FrameDecoderTests.heartbeat.bytes)
        #expect(throws: CTIFramingError.self) { try channel.writeInbound(input) }
        #expect(try channel.readInbound(as: CTIFrame.self) == FrameDecoderTests.heartbeat)
        #expect(try channel.readInbound(as: CTIFrame.self) == nil, "nothing after the bad length is trusted")
        _ = try? channel.finish()
    }

    @Test func aStreamEndingInsideAFrameIsReported() {
        var buffer = ByteBuffer(bytes: [0, 0, 0, 4, 0, 0, 0, 5, 0, 0])
        var decoder = CTIFrameDecoder()
        #expect(throws: CTIFramingError.truncatedFrame(available: 10, needed: 12)) {
            _ = try decoder.decodeLast(buffer: &buffer, seenEOF: true)
        }
    }

    @Test func aTLSPeerIsNamedAsSuch() {
        var decoder = CTIFrameDecoder()
        // A TLS ClientHello's record header where a plain server expects MHDR.
        var hello = ByteBuffer(bytes: [0x16, 0x03, 0x01, 0x00, 0xF4, 0x01, 0x00, 0x00, 0xF0])
        #expect(throws: CTIFramingError.tlsRecord) { try decoder.decode(buffer: &hello) }
        // A TLS alert (7 bytes) then EOF, as a TLS server answers a plain client.
        var alert = ByteBuffer(bytes: [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46])
        #expect(throws: CTIFramingError.tlsRecord) { _ = try decoder.decodeLast(buffer: &alert, seenEOF: true) }
        #expect(CTIFramingError.tlsRecord.description.contains("speaks TLS"))
        // The same length with another first byte stays a length error.
        var large = ByteBuffer(bytes: [0x17, 0x03, 0x01, 0x00, 0, 0, 0, 5])
        #expect(throws: CTIFramingError.bodyTooLarge(length: 0x1703_0100, type: 5, limit: 65_535)) { try decoder.decode(buffer: &large) }
    }

    @Test func theEncoderWritesMHDRAndBody() throws {
        let channel = EmbeddedChannel(handler: MessageToByteHandler(CTIFrameEncoder()))
        try channel.writeOutbound(FrameDecoderTests.heartbeat)
        let bytes: ByteBuffer = try #require(try channel.readOutbound())
        #expect(Array(bytes.readableBytesView) == [0, 0, 0, 4, 0, 0, 0, 5, 0, 0, 0, 1])
        _ = try channel.finish()
    }
}
