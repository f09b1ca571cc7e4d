import CTIProtocol
import CTIProxy
import NIOCore
import Testing

/// The proxy's decode path without sockets (the property FuzzProxyTap checks, on known streams):
/// every byte read is accounted for once, in order, as a frame or as skipped bytes, and the
/// frames are the frames sent.
struct ProxyStreamTapTests {
    /// Feeds `stream` cut at `cuts`, then ends it; the outputs.
    private func tap(_ stream: [UInt8], cuts: [Int]) -> [ProxyStreamTap.Output] {
        var tap = ProxyStreamTap(version: .v25)
        var outputs: [ProxyStreamTap.Output] = []
        var start = 0
        for end in cuts + [stream.count] {
            outputs += tap.read(ByteBuffer(bytes: stream[start..<end]))
            start = end
        }
        outputs += tap.end()
        #expect(tap.seen == Int64(stream.count))
        return outputs
    }

    /// The frames' bytes, after checking that frames and skips tile the stream.
    private func frames(tiling outputs: [ProxyStreamTap.Output], _ stream: [UInt8]) -> [[UInt8]] {
        var reached: Int64 = 0
        var frames: [[UInt8]] = []
        for output in outputs {
            switch output {
            case .frame(let frame, let offset):
                #expect(offset == reached)
                let bytes = Array(frame.bytes.readableBytesView)
                #expect(Array(stream[Int(offset)..<Int(offset) + bytes.count]) == bytes)
                reached = offset + Int64(bytes.count)
                frames.append(bytes)
            case .skipped(let offset, let length):
                #expect(offset == reached && length > 0)
                reached = offset + length
            }
        }
        #expect(reached == Int64(stream.count))
        return frames
    }

    @Test(arguments: 1...16)
    func framesBetweenGarbageAreCutAtAnyChunkingAndEveryByteIsAccountedFor(seed: UInt64) throws {
        var random = TestRandom(state: seed)
        var stream: [UInt8] = []
        var sent: [[UInt8]] = []
        var garbageRuns = 0
        for invokeID in 1...20 {
            if random.next() % 3 == 0 {
                garbageRuns += 1
                // Garbage that cannot start a frame: a MessageLength far over any body limit.
                stream += [0xFF, 0xEE] + random.bytes(Int(random.next() % 9))
            }
            let frame = try TestFrames.heartbeat(invokeID: UInt32(invokeID))
            stream += frame
            sent.append(frame)
        }
        let outputs = tap(stream, cuts: random.cuts(stream.count, every: 1 + Int(seed % 7)))
        let cut = frames(tiling: outputs, stream)
        // Back in step after garbage once a header is confirmed by the next one: a frame with
        // garbage right after it is skipped with the garbage; no other frame is lost.
        #expect(cut.allSatisfy { sent.contains($0) })
        #expect(cut == cut.sorted { sent.firstIndex(of: $0)! < sent.firstIndex(of: $1)! })
        #expect(sent.count - cut.count <= garbageRuns)
        #expect(garbageRuns > 0 || cut == sent)
    }

    @Test func aStreamEndingInsideAFrameEndsWithItsBytesSkipped() throws {
        let frame = try TestFrames.heartbeat(invokeID: 7)
        let stream = frame + frame.prefix(frame.count - 2)
        let outputs = tap(stream, cuts: [3, frame.count + 1])
        #expect(frames(tiling: outputs, stream) == [frame])
        guard case .skipped(let offset, let length) = outputs.last else { Issue.record("no skip at the end: \(outputs)"); return }
        #expect(offset == Int64(frame.count) && length == Int64(frame.count - 2))
    }

    @Test func aTLSClientHelloIsRecognisedAndAFrameIsNot() throws {
        #expect(ProxyStreamTap.isTLSClientHello(ByteBuffer(bytes: [0x16, 0x03, 0x01, 0x02, 0x00])))
        #expect(!ProxyStreamTap.isTLSClientHello(ByteBuffer(bytes: try TestFrames.heartbeat(invokeID: 1))))
    }
}
