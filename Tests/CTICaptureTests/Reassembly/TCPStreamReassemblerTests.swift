import CTICapture
import Testing

/// One direction put back in order: each byte once, in order, across the 2^32 wrap; holes given
/// up as gaps with their place.
@Suite struct TCPStreamReassemblerTests {
    struct Run {
        var reassembler: TCPStreamReassembler
        var stream: [UInt8] = []
        var gaps: [StreamGap] = []

        init(pendingLimit: Int = 1 << 20) { reassembler = TCPStreamReassembler(pendingLimit: pendingLimit) }

        mutating func receive(_ sequence: UInt32, _ bytes: [UInt8], packet: Int = 1) {
            var (stream, gaps) = (self.stream, self.gaps)
            bytes.withUnsafeBytes { payload in
                reassembler.receive(sequence: sequence, payload: payload, at: CaptureTime(seconds: Int64(packet), nanoseconds: 0), packet: packet) {
                    Self.handle($0, &stream, &gaps)
                }
            }
            (self.stream, self.gaps) = (stream, gaps)
        }

        mutating func finish() {
            var (stream, gaps) = (self.stream, self.gaps)
            reassembler.finish { Self.handle($0, &stream, &gaps) }
            (self.stream, self.gaps) = (stream, gaps)
        }

        private static func handle(_ output: TCPStreamReassembler.Output, _ stream: inout [UInt8], _ gaps: inout [StreamGap]) {
            switch output {
            case .data(let bytes, _, _): stream += bytes
            case .gap(let gap): gaps.append(gap)
            }
        }
    }

    static let data: [UInt8] = Array(0..<200).map { UInt8($0) }

    @Test(arguments: [0, 0xFFFF_FF9C, 0x7FFF_FFFF, 0xFFFF_FFFF] as [UInt32])
    func outOfOrderRepeatedAndOverlappingAcrossTheWrap(isn: UInt32) {
        var run = Run()
        run.reassembler.start(synSequence: isn)
        let base = isn &+ 1
        let pieces: [Range<Int>] = [150..<200, 20..<60, 0..<10, 40..<90, 0..<25, 85..<160, 150..<200, 10..<20]
        for piece in pieces { run.receive(base &+ UInt32(piece.lowerBound), Array(Self.data[piece])) }
        run.finish()
        #expect(run.stream == Self.data)
        #expect(run.gaps.isEmpty)
        #expect(run.reassembler.nextSequence == base &+ 200)
        #expect(run.reassembler.nextOffset == 200)
    }

    @Test func theFirstBytesWinOverARetransmissionThatDiffers() {
        var run = Run()
        run.receive(1000, [1, 2, 3, 4])
        run.receive(1002, [9, 9, 5, 6])
        #expect(run.stream == [1, 2, 3, 4, 5, 6])
    }

    @Test func withoutASYNTheFirstSegmentStartsTheStream() {
        var run = Run()
        run.receive(500, [7, 8])
        run.receive(498, [5, 6, 7])  // before the start: already lost to the capture
        #expect(run.stream == [7, 8])
        #expect(!run.reassembler.startedAtSYN)
    }

    @Test func holesAreGivenUpAtTheEndWithTheirPlace() {
        var run = Run()
        run.reassembler.start(synSequence: 0xFFFF_FFF0)
        run.receive(0xFFFF_FFF1, Array(Self.data[0..<10]), packet: 1)
        run.receive(0xFFFF_FFF1 &+ 30, Array(Self.data[30..<40]), packet: 2)
        run.receive(0xFFFF_FFF1 &+ 60, Array(Self.data[60..<70]), packet: 3)
        #expect(run.gaps.isEmpty)
        run.finish()
        #expect(run.stream == Array(Self.data[0..<10] + Self.data[30..<40] + Self.data[60..<70]))
        #expect(run.gaps == [
            StreamGap(offset: 10, sequence: 0xFFFF_FFF1 &+ 10, length: 20, resumedAt: CaptureTime(seconds: 2, nanoseconds: 0)),
            StreamGap(offset: 40, sequence: 0xFFFF_FFF1 &+ 40, length: 20, resumedAt: CaptureTime(seconds: 3, nanoseconds: 0)),
        ])
    }

    @Test func aHoleIsGivenUpWhenThePeerAcknowledgesWhatFollowsIt() {
        var run = Run()
        run.reassembler.start(synSequence: 0xFFFF_FFFE)
        run.receive(0xFFFF_FFFF, Array(Self.data[0..<10]))
        run.receive(19, Array(Self.data[20..<30]))
        run.receive(39, Array(Self.data[40..<50]))
        var (stream, gaps) = (run.stream, run.gaps)
        // Acknowledging into the first waiting segment: the first hole only.
        run.reassembler.acknowledged(25) { output in
            if case .gap(let gap) = output { gaps.append(gap) }
            if case .data(let bytes, _, _) = output { stream += bytes }
        }
        #expect(gaps.map(\.offset) == [10] && gaps.map(\.length) == [10])
        #expect(stream == Array(Self.data[0..<10] + Self.data[20..<30]))
        #expect(run.reassembler.hasPending)
    }

    @Test func aHoleIsGivenUpWhenTheWaitingBytesPassTheLimit() {
        var run = Run(pendingLimit: 25)
        run.receive(0, [0])
        run.receive(11, Array(Self.data[11..<21]))
        run.receive(21, Array(Self.data[21..<31]))
        #expect(run.gaps.isEmpty)
        run.receive(31, Array(Self.data[31..<41]))
        #expect(run.gaps.map(\.offset) == [1])
        #expect(run.gaps.map(\.length) == [10])
        #expect(run.stream == [0] + Array(Self.data[11..<41]))
        // The hole's bytes arriving late are a retransmission of what was given up.
        run.receive(1, Array(Self.data[1..<11]))
        #expect(run.stream.count == 31)
    }
}
