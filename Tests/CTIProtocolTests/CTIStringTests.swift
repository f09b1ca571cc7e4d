import NIOCore
import Testing
@testable import CTIProtocol

/// Short strings are kept in the value, long ones as a slice of the frame: both must behave as
/// the same bytes.
@Suite struct CTIStringTests {
    @Test(arguments: [0, 1, 7, 8, 9, 15, 16, 17, 40])
    func everyLengthKeepsItsBytesAndComparesByContent(length: Int) {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: 0x41 + $0 * 7) }
        let fromBuffer = CTIString(bytes: ByteBuffer(bytes: bytes))
        // The decoder's way in: a field in the middle of a larger body.
        var body = ByteBuffer(bytes: [0xEE, 0xEE, 0xEE])
        body.writeBytes(bytes)
        body.writeBytes([0xFF, 0xFF])
        body.moveReaderIndex(forwardBy: 1)
        let fromBody = body.withUnsafeReadableBytes { CTIString($0, at: 2, count: length, of: body) }
        for string in [fromBuffer, fromBody] {
            #expect(string.count == length)
            #expect(string.withUnsafeBytes { Array($0) } == bytes)
            #expect(Array(string.bytes.readableBytesView) == bytes)
            #expect(string.string == String(decoding: bytes, as: UTF8.self))
        }
        #expect(fromBuffer == fromBody)
        #expect(fromBuffer.hashValue == fromBody.hashValue)
        var other = bytes
        if !other.isEmpty {
            other[other.count - 1] ^= 1
            #expect(CTIString(bytes: ByteBuffer(bytes: other)) != fromBuffer)
        }
        #expect(CTIString(bytes: ByteBuffer(bytes: bytes + [0x41])) != fromBuffer)
    }

    @Test func invalidUTF8ShowsAsReplacementCharacters() {
        #expect(CTIString(bytes: ByteBuffer(bytes: [0x41, 0xFF, 0x42])).string == "A\u{FFFD}B")
    }
}
