import CTIClient
import CTIProtocol
import NIOCore
import Testing
@testable import CTIOutput

/// The format table: each format writes a known record byte for byte, and the table's names are
/// what `-o` takes (the console's side of that is `OutputChoiceTests` in ctiTests).
@Suite struct OutputFormatsTests {
    /// 2026-11-23 13:45:46.123 UTC.
    static let time: Int64 = 1_795_441_546_123

    /// HEARTBEAT_CONF with InvokeID 9, as received on side A: MHDR (length 4, type 6) + InvokeID.
    static func heartbeat() throws -> (message: CTIMessage, frame: CTIFrame) {
        var buffer = ByteBuffer(bytes: frameBytes)
        var framer = CTIFrameDecoder()
        let frame = try #require(try framer.decode(buffer: &buffer))
        return (try CTIMessageDecoder().decode(frame), frame)
    }

    static let frameBytes: [UInt8] = [0, 0, 0, 4, 0, 0, 0, 6, 0, 0, 0, 9]

    static func event() throws -> ClientEvent {
        let (message, frame) = try heartbeat()
        return ClientEvent(timestamp: time, sequence: 42, side: .a, kind: .message(message, frame))
    }

    func written(_ format: any OutputFormat, _ record: OutputRecord, _ settings: OutputSettings = OutputSettings()) -> String {
        var output: [UInt8] = []
        format.write(record, settings: settings, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    @Test func theTableListsEveryFormatOnceTextFirst() {
        #expect(OutputFormats.names == ["text", "json", "hex", "raw"])
        #expect(Set(OutputFormats.names).count == OutputFormats.all.count)
        for name in OutputFormats.names { #expect(OutputFormats.named(name)?.name == name) }
        #expect(OutputFormats.named("yaml") == nil)
        #expect(OutputFormats.help == "text (one aligned line per event), json (JSON Lines), "
            + "hex (each frame as one line of hex, passwords blanked) or raw (the frames as received, as --record writes them)")
    }

    @Test func textWritesTheAlignedLine() throws {
        let event = try Self.event()
        #expect(written(TextFormat(), .event(event, persistent: nil)) == "13:45:46.123 A HEARTBEAT_CONF                 invoke=9\n")
        #expect(written(TextFormat(), .event(event, persistent: .init(tapiState: nil)))
            == "13:45:46.123 A HEARTBEAT_CONF                 invoke=9 [PERSISTENT]\n")
        #expect(written(TextFormat(), .event(event, persistent: nil), OutputSettings(hex: true))
            == "13:45:46.123 A HEARTBEAT_CONF                 invoke=9\n  0000  00 00 00 04 00 00 00 06 00 00 00 09              ............\n")
        #expect(written(TextFormat(), .confirmation(event.message!, timestamp: Self.time, persistent: nil))
            == "13:45:46.123 - HEARTBEAT_CONF                 invoke=9\n")
        let (message, frame) = try Self.heartbeat()
        #expect(written(TextFormat(), .decoded(message, frame, version: .v25)) == "HEARTBEAT_CONF InvokeID=9\n")
        let opened = ClientEvent(timestamp: Self.time, sequence: 1, side: .b,
                                 kind: .lifecycle(.opened(.b, OpenConfirmation(invokeID: 1, servicesGranted: 0x10, sessionType: .active), protocolVersion: 23)))
        #expect(written(TextFormat(), .opened(opened)) == "session open (active, protocol 23), granted CTI_SERVICE_ALL_EVENTS on side B\n")
        // SessionType 0 (before protocol 24, or a single-session server) is not shown.
        let single = ClientEvent(timestamp: Self.time, sequence: 2, side: .a,
                                 kind: .lifecycle(.opened(.a, OpenConfirmation(invokeID: 1, servicesGranted: 0x10), protocolVersion: 21)))
        #expect(written(TextFormat(), .opened(single)) == "session open (protocol 21), granted CTI_SERVICE_ALL_EVENTS on side A\n")
    }

    @Test func jsonWritesOneObjectPerLine() throws {
        let event = try Self.event()
        #expect(written(JSONLinesFormat(), .event(event, persistent: nil))
            == #"{"ts":"2026-11-23T13:45:46.123Z","seq":42,"side":"A","type":"HEARTBEAT_CONF","typeId":6,"fields":{"InvokeID":9}}"# + "\n")
        #expect(written(JSONLinesFormat(), .event(event, persistent: .init(tapiState: "CONNECTED|PERSISTENT 0x20000100")), OutputSettings(hex: true))
            == #"{"ts":"2026-11-23T13:45:46.123Z","seq":42,"side":"A","type":"HEARTBEAT_CONF","typeId":6,"fields":{"InvokeID":9},"#
            + #""persistent":true,"tapiState":"CONNECTED|PERSISTENT 0x20000100","hex":"000000040000000600000009"}"# + "\n")
        // A confirmation is the console's own record: seq 0, no side.
        #expect(written(JSONLinesFormat(), .confirmation(event.message!, timestamp: Self.time, persistent: nil))
            == #"{"ts":"2026-11-23T13:45:46.123Z","seq":0,"side":null,"type":"HEARTBEAT_CONF","typeId":6,"fields":{"InvokeID":9}}"# + "\n")
        let (message, frame) = try Self.heartbeat()
        #expect(written(JSONLinesFormat(), .decoded(message, frame, version: .v25), OutputSettings(hex: true))
            == #"{"type":"HEARTBEAT_CONF","typeId":6,"fields":{"InvokeID":9},"hex":"000000040000000600000009"}"# + "\n")
    }

    @Test func hexWritesEachFrameAsOneLine() throws {
        let event = try Self.event()
        #expect(written(HexFormat(), .event(event, persistent: nil)) == "000000040000000600000009\n")
        let (message, frame) = try Self.heartbeat()
        #expect(written(HexFormat(), .decoded(message, frame, version: .v25)) == "000000040000000600000009\n")
        #expect(written(HexFormat(), .confirmation(message, timestamp: Self.time, persistent: nil)).isEmpty)
    }

    @Test func rawWritesTheFramesAsReceived() throws {
        let event = try Self.event()
        var output: [UInt8] = []
        RawRecordingFormat().write(.event(event, persistent: nil), settings: OutputSettings(), to: &output)
        RawRecordingFormat().write(.event(event, persistent: nil), settings: OutputSettings(), to: &output)
        #expect(output == Self.frameBytes + Self.frameBytes)
        let lifecycle = ClientEvent(timestamp: Self.time, sequence: 43, side: .a, kind: .lifecycle(.failedOver(from: .a, to: .b)))
        output.removeAll()
        RawRecordingFormat().write(.event(lifecycle, persistent: nil), settings: OutputSettings(), to: &output)
        RawRecordingFormat().write(.confirmation(event.message!, timestamp: Self.time, persistent: nil), settings: OutputSettings(), to: &output)
        #expect(output.isEmpty)
    }
}
