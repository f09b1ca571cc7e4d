import CTICapture
import CTIProtocol
import CTITestSupport
import Testing

/// Frames cut from a stream fed in pieces of any size, and found again after a gap, at a
/// mid-frame start or after an impossible MessageLength.
@Suite struct CTIStreamFramerTests {
    struct Run {
        var framer: CTIStreamFramer
        var frames: [(offset: Int64, bytes: [UInt8])] = []
        var skipped: [(offset: Int64, length: Int64)] = []

        init(synchronized: Bool = true) {
            framer = CTIStreamFramer(plausibility: FramePlausibility(version: .v25), synchronized: synchronized)
        }

        mutating func feed(_ bytes: [UInt8], atEnd: Bool = false) {
            bytes.withUnsafeBytes { framer.append($0) }
            cut(atEnd: atEnd)
        }

        mutating func cut(atEnd: Bool = false) {
            framer.frames(atEnd: atEnd) { output in
                switch output {
                case .frame(let frame, let offset): frames.append((offset, Array(frame.bytes.readableBytesView)))
                case .skipped(let offset, let length): skipped.append((offset, length))
                }
            }
        }
    }

    static func stream() throws -> [[UInt8]] {
        [try TestFrames.openRequest(), try TestFrames.heartbeat(invokeID: 2), try TestFrames.callDelivered(callID: 5), try TestFrames.heartbeat(invokeID: 3)]
    }

    @Test(arguments: [1, 2, 7, 8, 9, 13, 1000])
    func piecesOfAnySize(size: Int) throws {
        let frames = try Self.stream()
        let bytes = frames.flatMap { $0 }
        var run = Run()
        for start in stride(from: 0, to: bytes.count, by: size) { run.feed(Array(bytes[start..<min(start + size, bytes.count)])) }
        run.cut(atEnd: true)
        #expect(run.frames.map(\.bytes) == frames)
        #expect(run.frames.map(\.offset) == [0] + frames.dropLast().reduce(into: [Int64]()) { $0.append(($0.last ?? 0) + Int64($1.count)) })
        #expect(run.skipped.isEmpty)
    }

    @Test func afterAGapTheNextPlausibleHeaderIsFound() throws {
        let frames = try Self.stream()
        var run = Run()
        run.feed(frames[0] + frames[1].prefix(5))
        run.framer.gap(length: 20)
        // The rest of the call event, then two whole frames.
        let tail = Array(frames[2].dropFirst(20 - 7))
        run.feed(tail + frames[3] + frames[1])
        run.cut(atEnd: true)
        #expect(run.frames.map(\.bytes) == [frames[0], frames[3], frames[1]])
        let afterGap = Int64(frames[0].count + 5 + 20)
        #expect(run.skipped.count == 1)
        #expect(run.skipped.first?.offset == afterGap && run.skipped.first?.length == Int64(tail.count))
        #expect(run.frames[1].offset == afterGap + Int64(tail.count))
    }

    @Test func aMidFrameStartSkipsToTheFirstWholeFrame() throws {
        let frames = try Self.stream()
        var run = Run(synchronized: false)
        run.feed(Array(frames[0].dropFirst(3)) + frames[1] + frames[2], atEnd: true)
        #expect(run.frames.map(\.bytes) == [frames[1], frames[2]])
        #expect(run.skipped.map(\.length) == [Int64(frames[0].count - 3)])
    }

    @Test func anImpossibleLengthLosesStepUntilAHeaderFollows() throws {
        let frames = try Self.stream()
        var run = Run()
        let garbage: [UInt8] = [0x7F, 0xFF, 0xFF, 0xFF, 0, 0, 0, 3, 1, 2, 3]
        run.feed(frames[1] + garbage + frames[2] + frames[3])
        run.cut(atEnd: true)
        #expect(run.frames.map(\.bytes) == [frames[1], frames[2], frames[3]])
        #expect(run.skipped.map(\.length) == [Int64(garbage.count)])
    }

    @Test func anUnfinishedFrameAtTheEndIsReported() throws {
        let frames = try Self.stream()
        var run = Run()
        run.feed(frames[1] + frames[2].prefix(30))
        #expect(run.skipped.isEmpty)
        run.cut(atEnd: true)
        #expect(run.frames.map(\.bytes) == [frames[1]])
        #expect(run.skipped.map(\.offset) == [Int64(frames[1].count)] && run.skipped.map(\.length) == [30])
    }

    @Test func plausibleHeadersHaveAKnownTypeAndALengthItsLayoutAllows() {
        let plausibility = FramePlausibility(version: .v25)
        #expect(plausibility.isPlausible(length: 4, type: 5))  // HEARTBEAT_REQ: InvokeID
        #expect(!plausibility.isPlausible(length: 3, type: 5))
        #expect(!plausibility.isPlausible(length: 4, type: 0))
        #expect(!plausibility.isPlausible(length: UInt32(CTIFrame.guideMaximumBody + 1), type: 5))
        #expect(plausibility.isOpenRequest(length: 60, type: 3))
        #expect(!plausibility.isOpenRequest(length: 4, type: 3))
        #expect(!plausibility.isOpenRequest(length: 60, type: 4))
    }
}
