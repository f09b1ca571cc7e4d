import CTIProtocol
import NIOCore

/// What both harnesses run on their inputs. Expected failures (``CTIFramingError``,
/// ``CTIDecodeError``, ``CTIEncodeError``) end the check quietly; a broken property stops the
/// process with `fatalError`, which libFuzzer records as a crash.
///
/// Kept lean, because every microsecond here is paid millions of times: FuzzMessageDecoder runs
/// the full message check (decode, render, round trip) on its one body; FuzzFrameDecoder checks
/// the framing and decodes every frame it cuts (and renders the first one), leaving the rest of
/// the message properties to FuzzMessageDecoder, whose inputs are those frames' bodies.
///
/// Input layout, shared by both targets (and by `Tests/CTIProtocolTests/FuzzRegressions/*.bin`):
/// byte 0 is a selector, the rest is the target's payload. Selector bits:
/// - bit 0: protocol version 24 (set) or 25 (clear);
/// - bit 1: PV24 message numbering (set) or PV25 (clear);
/// - bits 2-7 (FuzzFrameDecoder only): chunk size for feeding the stream to the frame processor,
///   0 meaning the whole stream at once.
public enum FuzzChecks {
    /// The protocol version a selector byte chooses.
    public static func version(selector: UInt8) -> ProtocolVersion {
        var version: ProtocolVersion = selector & 1 == 0 ? .v25 : .v24
        version.numbering = selector & 2 == 0 ? .pv25 : .pv24
        return version
    }

    /// FuzzMessageDecoder: selector, wire type (4 bytes, big-endian), body.
    public static func messageInput(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 5 else { return }
        let version = version(selector: bytes[0])
        let wireType = bytes[1..<5].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let body = ByteBuffer(bytes: UnsafeRawBufferPointer(rebasing: bytes[5...]))
        checkMessage(wireType: wireType, body: body, version: version)
    }

    /// FuzzFrameDecoder: selector, then a stream of frames.
    public static func frameInput(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 1 else { return }
        let version = version(selector: bytes[0])
        let chunk = Int(bytes[0] >> 2)
        let stream = ByteBuffer(bytes: UnsafeRawBufferPointer(rebasing: bytes[1...]))
        checkStream(stream, chunkSize: chunk, version: version)
    }

    /// Cuts `stream` into frames (fed `chunkSize` bytes at a time, 0 = at once), decodes every
    /// frame (the first one also goes through ``checkMessage(wireType:body:version:)``), and
    /// checks that the frames put back together are the stream (all of it when no framing error
    /// was thrown, a prefix otherwise).
    public static func checkStream(_ stream: ByteBuffer, chunkSize: Int, version: ProtocolVersion) {
        let processor = NIOSingleStepByteToMessageProcessor(CTIFrameDecoder())
        let decoder = CTIMessageDecoder(version: version)
        var rebuilt = ByteBuffer()
        var failed = false
        let receive = { (frame: CTIFrame) in
            let first = rebuilt.readableBytes == 0
            rebuilt.writeImmutableBuffer(frame.bytes)
            if first {
                checkMessage(wireType: frame.type, body: frame.body, version: version)
            } else {
                _ = try? decoder.decode(frame)
            }
        }
        do {
            if chunkSize == 0 {
                try processor.process(buffer: stream, receive)
            } else {
                var rest = stream
                while rest.readableBytes > 0 {
                    let piece = rest.readSlice(length: min(chunkSize, rest.readableBytes))!
                    try processor.process(buffer: piece, receive)
                }
            }
            try processor.finishProcessing(seenEOF: true, receive)
        } catch is CTIFramingError {
            failed = true
        } catch {
            fail("frame processor threw an unexpected error: \(error)", ("stream", stream))
        }
        let prefix = stream.getSlice(at: stream.readerIndex, length: min(rebuilt.readableBytes, stream.readableBytes))!
        if rebuilt.readableBytes > stream.readableBytes || prefix != rebuilt || (!failed && rebuilt != stream) {
            fail("frames do not rebuild the stream (framing error: \(failed))", ("stream", stream), ("frames", rebuilt))
        }
    }

    /// Decodes one body; if that works, renders it and checks the round-trip property:
    /// b2 = encode(decode(b)) (when the encoder accepts the message) must frame and decode again,
    /// and encode(decode(b2)) must equal b2 byte for byte. (decode(b2) is not rendered: b2 is an
    /// input of its own that the fuzzer reaches directly.)
    public static func checkMessage(wireType: UInt32, body: ByteBuffer, version: ProtocolVersion) {
        let decoder = CTIMessageDecoder(version: version)
        let encoder = CTIMessageEncoder(version: version, allowUndefinedMaskBits: true)
        let frame = CTIFrame(type: wireType, body: body)
        let message: CTIMessage
        do {
            message = try decoder.decode(frame)
        } catch {
            _ = error.description  // `cti decode` prints it
            return
        }
        render(message, frame: frame, version: version)

        let b2: ByteBuffer
        do {
            b2 = try encoder.encode(message)
        } catch {
            _ = error.description
            return
        }
        var rest = b2
        var framer = CTIFrameDecoder()
        let frame2: CTIFrame
        do {
            guard let decoded = try framer.decode(buffer: &rest), rest.readableBytes == 0 else {
                fail("encode(decode(b)) is not exactly one frame", ("b", frame.bytes), ("b2", b2))
            }
            frame2 = decoded
        } catch {
            fail("encode(decode(b)) does not frame: \(error)", ("b", frame.bytes), ("b2", b2))
        }
        let message2: CTIMessage
        do {
            message2 = try decoder.decode(frame2)
        } catch {
            fail("decode(b2) failed: \(error)", ("b", frame.bytes), ("b2", b2))
        }
        let b3: ByteBuffer
        do {
            b3 = try encoder.encode(message2)
        } catch {
            fail("encode(decode(b2)) failed: \(error)", ("b", frame.bytes), ("b2", b2))
        }
        if b3 != b2 {
            fail("encode(decode(b2)) != b2", ("b", frame.bytes), ("b2", b2), ("b3", b3))
        }
    }

    /// Everything downstream of a decode that must not crash.
    static func render(_ message: CTIMessage, frame: CTIFrame, version: ProtocolVersion) {
        _ = message.jsonString()
        _ = message.textLine()
        _ = HexDump.redactedHex(frame, version: version)
        _ = HexDump.dump(frame, version: version)
    }

    static func fail(_ what: String, _ buffers: (String, ByteBuffer)...) -> Never {
        var text = "FUZZ PROPERTY VIOLATED: \(what)\n"
        for (name, buffer) in buffers {
            text += "  \(name) = \(hex(buffer))\n"
        }
        fatalError(text)
    }

    static func hex(_ buffer: ByteBuffer) -> String {
        let digits = Array("0123456789abcdef")
        var out = ""
        for byte in buffer.readableBytesView {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return out
    }
}
