import ArgumentParser
import CTIOutput
import Foundation
import Testing
@testable import CTIConsole

/// `-o`/`--output` takes its values, help and completion from the format table.
@Suite struct OutputChoiceTests {
    @Test func theOutputOptionTakesEveryNameOfTheTable() throws {
        #expect(OutputChoice.allValueStrings == OutputFormats.names)
        for name in OutputFormats.names {
            #expect(try EventOutputOptions.parse(["-o", name]).output.format.name == name)
            #expect(try DecodeCommand.parse(["-o", name]).output.format.name == name)
        }
        #expect(try EventOutputOptions.parse([]).output.format.name == "text")
        #expect(throws: (any Error).self) { try EventOutputOptions.parse(["-o", "yaml"]) }
        let help = WatchCommand.helpMessage(columns: 1000)
        for name in OutputFormats.names { #expect(help.contains("\(name) ("), "\(name) in `cti watch --help`") }
    }

    @Test func hexLinesOfWatchAreTheRecordedFramesAndDecodeBackToThemselves() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cti-record-\(UUID().uuidString).bin").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let watch = try CLIRunner.run(["watch", "--count", "3", "--record", path, "-o", "hex", "-q"], environment: SessionCommandTests.isolated)
        #expect(watch.status == 0, "\(watch.stderr)")
        #expect(watch.stdoutLines.count == 3)
        let recorded = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(watch.stdoutLines.joined() == recorded.map { String(format: "%02x", $0) }.joined())
        let decoded = try CLIRunner.run(["decode", "-o", "hex"], stdin: Data(watch.stdout.utf8))
        #expect(decoded.status == 0, "\(decoded.stderr)")
        #expect(decoded.stdout == watch.stdout)
    }
}
