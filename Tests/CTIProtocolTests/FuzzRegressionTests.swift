import Foundation
import NIOCore
import Testing
@testable import CTIProtocol

// Replays every `FuzzRegressions/*.bin` through the checks of both fuzz targets in `Fuzz/`
// (reimplemented here, nothing shared): no crash, the frames rebuild the stream, and the
// round-trip property — when b2 = encode(decode(b)) succeeds, decode(b2) succeeds and
// encode(decode(b2)) == b2 byte for byte.
//
// File format (see `FuzzRegressions/README.txt`): byte 0 selects the protocol version (bit 0:
// PV24), the numbering (bit 1: PV24 numbering) and, for the frame check, a chunk size (bits
// 2-7, 0 = whole stream). Frame check: the rest is a byte stream. Message check: the next 4 bytes
// are the wire type (big-endian), the rest is the body.
@Suite struct FuzzRegressionTests {
    static let directory: URL? = Bundle.module.url(forResource: "FuzzRegressions", withExtension: nil)

    /// The `.bin` file names, sorted.
    static let files: [String] = {
        guard let directory else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".bin") }.sorted()
    }()

    static func input(_ name: String) throws -> [UInt8] {
        let directory = try #require(directory, "FuzzRegressions resource directory missing")
        return Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static func version(selector: UInt8) -> ProtocolVersion {
        var version: ProtocolVersion = selector & 1 == 0 ? .v25 : .v24
        version.numbering = selector & 2 == 0 ? .pv25 : .pv24
        return version
    }

    @Test func regressionDirectoryHoldsInputs() throws {
        let directory = try #require(Self.directory)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("README.txt").path))
        #expect(Self.files.count >= 3, "found \(Self.files)")
    }

    // MARK: - FuzzMessageDecoder

    @Test(arguments: files)
    func messageDecoderCheck(file: String) throws {
        let bytes = try Self.input(file)
        guard bytes.count >= 5 else { return }
        let wireType = bytes[1..<5].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        Self.checkMessage(wireType: wireType, body: ByteBuffer(bytes: bytes[5...]),
                          version: Self.version(selector: bytes[0]), file: file)
    }

    // MARK: - FuzzFrameDecoder

    @Test(arguments: files)
    func frameDecoderCheck(file: String) throws {
        let bytes = try Self.input(file)
        guard let selector = bytes.first else { return }
        let version = Self.version(selector: selector)
        let chunkSize = Int(selector >> 2)
        let stream = ByteBuffer(bytes: bytes.dropFirst())

        let processor = NIOSingleStepByteToMessageProcessor(CTIFrameDecoder())
        var frames: [CTIFrame] = []
        var framingError: CTIFramingError?
        do {
            if chunkSize == 0 {
                try processor.process(buffer: stream) { frames.append($0) }
            } else {
                var rest = stream
                while rest.readableBytes > 0 {
                    let piece = rest.readSlice(length: min(chunkSize, rest.readableBytes))!
                    try processor.process(buffer: piece) { frames.append($0) }
                }
            }
            try processor.finishProcessing(seenEOF: true) { frames.append($0) }
        } catch let error as CTIFramingError {
            framingError = error
        } catch {
            Issue.record("\(file): frame processor threw an unexpected error: \(error)")
        }

        var rebuilt = ByteBuffer()
        for frame in frames { rebuilt.writeImmutableBuffer(frame.bytes) }
        if framingError == nil {
            #expect(rebuilt == stream, "\(file): frames do not rebuild the stream")
        } else {
            #expect(rebuilt.readableBytes <= stream.readableBytes
                    && stream.getSlice(at: stream.readerIndex, length: rebuilt.readableBytes) == rebuilt,
                    "\(file): frames before the framing error are not a prefix of the stream")
        }
        for frame in frames {
            Self.checkMessage(wireType: frame.type, body: frame.body, version: version, file: file)
        }
    }

    // MARK: - The shared message check

    static func checkMessage(wireType: UInt32, body: ByteBuffer, version: ProtocolVersion, file: String) {
        let decoder = CTIMessageDecoder(version: version)
        let encoder = CTIMessageEncoder(version: version, allowUndefinedMaskBits: true)
        let frame = CTIFrame(type: wireType, body: body)
        let message: CTIMessage
        do {
            message = try decoder.decode(frame)
        } catch {
            _ = error.description  // a CTIDecodeError is an expected outcome
            return
        }
        render(message, frame: frame, version: version)

        let b2: ByteBuffer
        do {
            b2 = try encoder.encode(message)
        } catch {
            _ = error.description  // the encoder may refuse what the decoder accepted leniently
            return
        }
        let context = "\(file): b = \(hex(frame.bytes)), b2 = \(hex(b2))"
        var rest = b2
        var framer = CTIFrameDecoder()
        let frame2: CTIFrame
        do {
            guard let decoded = try framer.decode(buffer: &rest), rest.readableBytes == 0 else {
                Issue.record("encode(decode(b)) is not exactly one frame; \(context)")
                return
            }
            frame2 = decoded
        } catch {
            Issue.record("encode(decode(b)) does not frame: \(error); \(context)")
            return
        }
        let message2: CTIMessage
        do {
            message2 = try decoder.decode(frame2)
        } catch {
            Issue.record("decode(b2) failed: \(error); \(context)")
            return
        }
        render(message2, frame: frame2, version: version)
        do {
            let b3 = try encoder.encode(message2)
            #expect(b3 == b2, "encode(decode(b2)) != b2: b3 = \(hex(b3)); \(context)")
        } catch {
            Issue.record("encode(decode(b2)) failed: \(error); \(context)")
        }
    }

    static func render(_ message: CTIMessage, frame: CTIFrame, version: ProtocolVersion) {
        #expect(!message.jsonString().isEmpty)
        #expect(!message.textLine().isEmpty)
        #expect(HexDump.redactedHex(frame, version: version).count == 2 * (CTIFrame.headerSize + frame.body.readableBytes))
        #expect(!HexDump.dump(frame, version: version).isEmpty)
    }

    static func hex(_ buffer: ByteBuffer) -> String {
        buffer.readableBytesView.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    // MARK: - What the hand-made inputs are about

    @Test func handMadeFramingInputsFailTheWayTheirNamesSay() throws {
        func framingError(_ file: String) throws -> CTIFramingError? {
            let bytes = try Self.input(file)
            let processor = NIOSingleStepByteToMessageProcessor(CTIFrameDecoder())
            do {
                try processor.process(buffer: ByteBuffer(bytes: bytes.dropFirst())) { _ in }
                try processor.finishProcessing(seenEOF: true) { _ in }
            } catch let error as CTIFramingError {
                return error
            }
            return nil
        }
        #expect(try framingError("FuzzFrameDecoder-length-ffffffff.bin")
                == .bodyTooLarge(length: 0xFFFF_FFFF, type: 5, limit: CTIFrame.acceptedMaximumBody))
        #expect(try framingError("FuzzFrameDecoder-truncated-stream.bin") == .truncatedFrame(available: 10, needed: 20))
    }

    @Test(arguments: [
        ("FuzzMessageDecoder-open-req-floating-past-body.bin", CTIDecodeError.Rule.floatingDataTruncated(length: 255, available: 3)),
        ("FuzzMessageDecoder-open-req-truncated-floating-header.bin", .floatingHeaderTruncated(available: 3)),
        ("FuzzMessageDecoder-open-req-short-numeric-field.bin", .numericLength(type: .int, length: 2)),
        ("FuzzMessageDecoder-named-variable-without-name.bin", .namedValueWithoutName),
    ])
    func handMadeMalformedBodiesThrowTheirRule(file: String, rule: CTIDecodeError.Rule) throws {
        let bytes = try Self.input(file)
        let wireType = bytes[1..<5].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let decoder = CTIMessageDecoder(version: Self.version(selector: bytes[0]))
        let error = #expect(throws: CTIDecodeError.self) {
            try decoder.decode(wireType: wireType, body: ByteBuffer(bytes: bytes[5...]))
        }
        #expect(error?.rule == rule, "\(file): \(String(describing: error))")
    }

    @Test(arguments: [
        "FuzzMessageDecoder-call-delivered-string-without-nul.bin",
        "FuzzMessageDecoder-clear-connection-req-16-byte-form.bin",
        "FuzzMessageDecoder-pv24-numbering-network-recording.bin",
    ])
    func handMadeLenientBodiesDecodeAndReencode(file: String) throws {
        let bytes = try Self.input(file)
        let wireType = bytes[1..<5].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let version = Self.version(selector: bytes[0])
        let message = try CTIMessageDecoder(version: version).decode(wireType: wireType, body: ByteBuffer(bytes: bytes[5...]))
        #expect(message.fields != nil, "\(file) decoded to \(message)")
        _ = try CTIMessageEncoder(version: version).encode(message)
    }
}
