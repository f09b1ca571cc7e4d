import CTICapture
import Foundation
import Testing

/// Every capture in `FuzzRegressions/` (inputs of the FuzzCaptureReader target, see
/// `Fuzz/README.md`) decoded with the harness's limits, checked for the harness's property: in
/// each direction of each connection, frames, gaps and skipped bytes come in stream order
/// without overlapping. Read from the source tree, so a new file needs no other change.
@Suite struct CaptureFuzzRegressionTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FuzzRegressions")

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".pcap") }.sorted()
    }

    @Test func thereAreInputs() {
        #expect(!Self.inputs.isEmpty)
    }

    @Test(arguments: inputs)
    func decodesInStreamOrder(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.directory.appendingPathComponent(name)))
        let decoded = try DecodedCapture.decode(bytes: bytes, pendingLimit: 256, probeLimit: 256)
        var reached: [String: Int64] = [:]
        for span in decoded.spans {
            let key = "\(span.connection) \(span.direction)"
            #expect(span.offset >= reached[key, default: 0] && span.length >= 0, "\(name): \(key) \(span.offset)+\(span.length)")
            reached[key] = span.offset + span.length
        }
    }
}
