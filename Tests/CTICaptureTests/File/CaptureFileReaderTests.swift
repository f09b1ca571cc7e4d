import CTICapture
import CTITestSupport
import Foundation
import Testing

/// The reader over libpcap: pcap and pcapng files packet by packet with nanosecond times and
/// both lengths; errors that name the file and the problem.
@Suite struct CaptureFileReaderTests {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("cti-reader-\(UUID().uuidString)-\(name)").path
    }

    @Test(arguments: [TestCapture.FileFormat.pcap, .pcapng])
    func readsEveryPacketWithItsTimeAndBytes(_ format: TestCapture.FileFormat) throws {
        var capture = TestCapture(linkType: .linuxSLL2)
        capture.add([1, 2, 3].map { [0x45, 0, 0, $0] })
        capture.add([0x60, 9], at: CaptureTime(seconds: 2_000_000_000, nanoseconds: 999_999_999))
        let path = try capture.write(to: Self.temporaryPath("read"), format)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try CaptureFileReader(path: path)
        #expect(reader.linkType == .linuxSLL2)
        #expect(reader.name == path)
        var packets: [(Int, CaptureTime, Int, [UInt8])] = []
        while let packet = try reader.next() { packets.append((packet.number, packet.time, packet.wireLength, Array(packet.data))) }
        #expect(packets.map(\.0) == [1, 2, 3, 4])
        #expect(packets.map(\.1) == capture.packets.map(\.time))
        #expect(packets.map(\.3) == capture.packets.map(\.data))
        #expect(packets.map(\.2) == capture.packets.map(\.data.count))
        #expect(try reader.next() == nil)
    }

    @Test func aMissingFileCannotBeOpened() {
        #expect(throws: CaptureFileError(file: "/nonexistent/x.pcap", problem: .cannotOpen("No such file or directory"))) {
            try CaptureFileReader(path: "/nonexistent/x.pcap")
        }
    }

    @Test func aFileThatIsNotACaptureSaysSo() throws {
        let path = Self.temporaryPath("text")
        try Data("hello, this is text\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: CaptureFileError.self) { try CaptureFileReader(path: path) }
        #expect(error?.description == "\(path): not a capture file: unknown file format")
    }

    @Test func aTruncatedFileGivesItsPacketsThenTheError() throws {
        var capture = TestCapture(linkType: .raw)
        capture.add([[0x45, 1, 2, 3, 4, 5, 6, 7], [0x45, 8, 9, 10, 11, 12, 13, 14]])
        let path = Self.temporaryPath("cut")
        try Data(capture.bytes(.pcap).dropLast(3)).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try CaptureFileReader(path: path)
        #expect(try reader.next()?.number == 1)
        let error = #expect(throws: CaptureFileError.self) { try reader.next() }
        #expect(error?.description == "\(path): truncated dump file; tried to read 8 captured bytes, only got 5 (after packet 1)")
    }
}
