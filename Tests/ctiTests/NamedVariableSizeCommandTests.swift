import CTIClient
import CTIProtocol
import Foundation
import Testing
@testable import CTIConsole

/// `decode`, `encode` and `watch` warn when a message's named variables and arrays are over the
/// 2,000 bytes a CTI message may carry, naming the largest (issue 21).
@Suite struct NamedVariableSizeCommandTests {
    /// CALL_DATA_UPDATE_EVENT with user.notes (210 characters) and ten 200-character variables.
    static let arguments: [String] = ["CALL_DATA_UPDATE_EVENT", "ConnectionDeviceID=2001", "NewConnectionDeviceID=2001",
                                      "NamedVariable=user.notes=" + String(repeating: "y", count: 210)]
        + (1...10).map { "NamedVariable=user.v\($0)=" + String(repeating: "x", count: 200) }
    static let warning = "named variables and arrays take 2357 bytes (2313 without their tag/length headers), over the 2000 "
        + "a CTI message may carry (E_CTI_TOO_MUCH_DATA); largest: user.notes 222, user.v10 210, user.v1 209"

    @Test func encodeAndDecodeWarnButDoTheirWork() throws {
        let encoded = try CLIRunner.run(["encode"] + Self.arguments)
        #expect(encoded.status == 0, "\(encoded.stderr)")
        #expect(encoded.stderr == "cti: encode: warning: CALL_DATA_UPDATE_EVENT: \(Self.warning)\n")
        let hex = try #require(encoded.stdoutLines.first)
        let decoded = try CLIRunner.run(["decode", hex])
        #expect(decoded.status == 0)
        #expect(decoded.stdout.hasPrefix("CALL_DATA_UPDATE_EVENT "))
        #expect(decoded.stderr == "cti: decode: warning: argument 1: frame 1 (CALL_DATA_UPDATE_EVENT): \(Self.warning)\n")
        let small = try CLIRunner.run(["encode", "CALL_DATA_UPDATE_EVENT", "ConnectionDeviceID=2001", "NewConnectionDeviceID=2001",
                                       "NamedVariable=user.a=b"])
        #expect(small.status == 0 && small.stderr.isEmpty)
    }

    @Test func watchWarnsOnStderrUnlessQuiet() throws {
        let fields = try FieldAssignment().build(Self.arguments[0], assignments: Array(Self.arguments.dropFirst()))
        var bytes = try CTIMessageEncoder().encode(.fields(fields))
        bytes.moveReaderIndex(forwardBy: 8)
        let frame = CTIFrame(type: fields.descriptor.typeID, body: bytes)
        let event = ClientEvent(timestamp: 0, sequence: 1, side: .a, kind: .message(.fields(fields), frame))
        let printer = EventPrinter(options: try EventOutputOptions.parse([]), environment: [:])
        #expect(printer.sizeWarning(event) == "cti: warning: CALL_DATA_UPDATE_EVENT: \(Self.warning)")
        #expect(printer.render(event).errors.last == "cti: warning: CALL_DATA_UPDATE_EVENT: \(Self.warning)")
        let quiet = EventPrinter(options: try EventOutputOptions.parse(["-q"]), environment: [:])
        #expect(quiet.sizeWarning(event) == nil)
    }
}
