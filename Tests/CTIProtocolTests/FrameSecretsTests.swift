import CTIProtocol
import NIOCore
import Testing

/// ``CTIFrame/maskingSecrets(version:catalog:)``: what `cti proxy --record` writes, the mask
/// the hex views use.
@Suite struct FrameSecretsTests {
    /// OPEN_REQ: 44-byte fixed part, then ClientPassword (tag 2) "AB", then ClientID (tag 1) "x".
    static func openRequest(floating: [UInt8] = [0x00, 0x02, 0x00, 0x02, 0x41, 0x42, 0x00, 0x01, 0x00, 0x02, 0x78, 0x00]) -> CTIFrame {
        var body = ByteBuffer(repeating: 0, count: 44)
        body.writeBytes(floating)
        return CTIFrame(type: 3, body: body)
    }

    @Test func thePasswordsBytesBecomeStarsAndNothingElseChanges() {
        let frame = Self.openRequest()
        let masked = frame.maskingSecrets()
        let bytes = Array(masked.bytes.readableBytesView)
        #expect(bytes.count == Array(frame.bytes.readableBytesView).count)
        #expect(Array(bytes.suffix(8)) == [0x2A, 0x2A, 0x00, 0x01, 0x00, 0x02, 0x78, 0x00])
        #expect(Array(bytes.prefix(52)) == Array(frame.bytes.readableBytesView.prefix(52)))
        #expect(Array(frame.body.readableBytesView.suffix(8)).prefix(2) == [0x41, 0x42], "the original frame is unchanged")
        #expect(HexDump.redactedHex(masked) == HexDump.redactedHex(frame))
    }

    @Test func aFloatingPartThatCannotBeWalkedIsMaskedToTheEnd() {
        let masked = Self.openRequest(floating: [0x00, 0x02, 0x00, 0x20, 0x41, 0x42]).maskingSecrets()
        #expect(Array(masked.body.readableBytesView.suffix(6)) == Array(repeating: 0x2A, count: 6))
    }

    @Test func aFrameWithoutSecretsIsReturnedAsItIs() {
        var body = ByteBuffer()
        body.writeInteger(UInt32(9))
        let heartbeat = CTIFrame(type: 5, body: body)
        #expect(heartbeat.maskingSecrets() == heartbeat)
    }
}
