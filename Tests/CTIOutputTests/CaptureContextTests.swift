import CTIProtocol
import NIOCore
import Testing
@testable import CTIOutput

/// A message of a capture in every format: the capture's stamp (time with microseconds, side,
/// client, direction arrow, server) before watch's line in text, its keys before the message's
/// in JSON, and the frame alone in hex and raw.
@Suite struct CaptureContextTests {
    static let context = CaptureContext(seconds: 1_795_441_546, nanoseconds: 123_456_789, packet: 17, client: "10.0.0.5:50000",
                                        server: "[2001:db8::9]:42027", fromClient: false, side: .a)

    func written(_ format: any OutputFormat, _ context: CaptureContext = context, _ settings: OutputSettings = OutputSettings()) throws -> String {
        let (message, frame) = try OutputFormatsTests.heartbeat()
        var output: [UInt8] = []
        format.write(.captured(message, frame, context, version: .v25), settings: settings, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    @Test func text() throws {
        #expect(try written(TextFormat()) == "13:45:46.123456 A 10.0.0.5:50000 ← [2001:db8::9]:42027 HEARTBEAT_CONF                 invoke=9\n")
        var toServer = Self.context
        toServer.fromClient = true
        toServer.side = nil
        #expect(try written(TextFormat(), toServer, OutputSettings(verbose: true))
            == "13:45:46.123456 - 10.0.0.5:50000 → [2001:db8::9]:42027 HEARTBEAT_CONF                 InvokeID=9\n")
    }

    @Test func json() throws {
        #expect(try written(JSONLinesFormat(), Self.context, OutputSettings(hex: true)) == #"{"time":"2026-11-23T13:45:46.123456Z","packet":17,"#
            + #""connection":{"client":"10.0.0.5:50000","server":"[2001:db8::9]:42027"},"direction":"server→client","side":"A","#
            + #""type":"HEARTBEAT_CONF","typeId":6,"fields":{"InvokeID":9},"hex":"000000040000000600000009"}"# + "\n")
    }

    @Test func aRelayedMessageHasItsConnectionNumberAndNoPacket() throws {
        var relayed = Self.context
        relayed.packet = nil
        relayed.connection = 3
        #expect(try written(TextFormat(), relayed) == "13:45:46.123456 A #3 10.0.0.5:50000 ← [2001:db8::9]:42027 HEARTBEAT_CONF                 invoke=9\n")
        #expect(try written(JSONLinesFormat(), relayed) == #"{"time":"2026-11-23T13:45:46.123456Z","#
            + #""connection":{"number":3,"client":"10.0.0.5:50000","server":"[2001:db8::9]:42027"},"direction":"server→client","side":"A","#
            + #""type":"HEARTBEAT_CONF","typeId":6,"fields":{"InvokeID":9}}"# + "\n")
    }

    @Test func hexAndRawAreTheFrame() throws {
        #expect(try written(HexFormat()) == "000000040000000600000009\n")
        #expect(try Array(written(RawRecordingFormat()).utf8) == OutputFormatsTests.frameBytes)
    }
}
