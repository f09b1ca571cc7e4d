import CTIClient
import CTIProtocol
import Foundation
import Testing
@testable import CTIOutput

/// Where the sink sends records: data in the format, lifecycle notes and refusals on stderr.
@Suite struct OutputSinkTests {
    let failedOver = ClientEvent(timestamp: OutputFormatsTests.time, sequence: 7, side: .b, kind: .lifecycle(.failedOver(from: .a, to: .b)))

    @Test func lifecycleRecordsAreNotesUnlessQuietAndDataOnlyWithLifecycle() {
        let sink = OutputSink(format: TextFormat())
        let note = sink.render(.event(failedOver, persistent: nil))
        #expect(note.output.isEmpty)
        #expect(note.errors == ["cti: side B: failed over from side A to side B"])
        let quiet = OutputSink(format: TextFormat(), quiet: true).render(.event(failedOver, persistent: nil))
        #expect(quiet.output.isEmpty && quiet.errors.isEmpty)
        let both = OutputSink(format: JSONLinesFormat(), quiet: true, lifecycleOnStdout: true).render(.event(failedOver, persistent: nil))
        #expect(String(decoding: both.output, as: UTF8.self)
            == #"{"ts":"2026-11-23T13:45:46.123Z","seq":7,"side":"B","type":"SESSION","event":"failed-over","from":"A","to":"B"}"# + "\n")
        #expect(both.errors.isEmpty)
    }

    @Test func refusalsGoToStderrInEveryFormat() {
        for format in OutputFormats.all {
            let refusal = OutputSink(format: format, quiet: true).render(.refusal("request refused: E_CTI_NO_SESSION (4)"))
            #expect(refusal.output.isEmpty)
            #expect(refusal.errors == ["cti: request refused: E_CTI_NO_SESSION (4)"], "\(format.name)")
        }
    }

    @Test func messagesGoToTheDataStream() throws {
        let shown = OutputSink(format: TextFormat()).render(.event(try OutputFormatsTests.event(), persistent: nil))
        #expect(String(decoding: shown.output, as: UTF8.self) == "13:45:46.123 A HEARTBEAT_CONF                 invoke=9\n")
        #expect(shown.errors.isEmpty)
    }

    @Test func eventsWrittenToAFileAreWhatRenderGives() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cti-sink-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try #require(StandardStream(creating: path))
        let sink = OutputSink(format: JSONLinesFormat(), quiet: true, output: file)
        let event = try OutputFormatsTests.event()
        let mark = PersistentCallTracker.Mark(tapiState: nil)
        try sink.write(event, persistent: mark)
        try sink.write(failedOver, persistent: nil)
        try sink.write(.confirmation(event.message!, timestamp: OutputFormatsTests.time, persistent: nil))
        try file.close()
        let expected = sink.render(.event(event, persistent: mark)).output
            + sink.render(.confirmation(event.message!, timestamp: OutputFormatsTests.time, persistent: nil)).output
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == expected)
        #expect(StandardStream(creating: "/nonexistent-directory/file") == nil)
    }
}
