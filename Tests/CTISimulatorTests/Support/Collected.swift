import Foundation
import NIOConcurrencyHelpers

/// Text a child process writes, collected as it comes.
final class Collected: Sendable {
    private let text = NIOLockedValueBox("")

    func append(_ data: Data) { text.withLockedValue { $0 += String(decoding: data, as: UTF8.self) } }

    var lines: [String] { text.withLockedValue { $0 }.split(separator: "\n").map(String.init) }

    func waitForLines(_ count: Int, timeout: Duration = .seconds(15)) async throws -> [String] {
        let deadline = ContinuousClock.now + timeout
        while lines.count < count {
            guard ContinuousClock.now < deadline else { throw TestClient.Failure.timeout(waitingFor: "\(count) lines, got \(lines)") }
            try await Task.sleep(for: .milliseconds(20))
        }
        return Array(lines.prefix(count))
    }

    func waitFor(_ needle: String, timeout: Duration = .seconds(10)) async throws {
        let deadline = ContinuousClock.now + timeout
        while !text.withLockedValue({ $0.contains(needle) }) {
            guard ContinuousClock.now < deadline else {
                throw TestClient.Failure.timeout(waitingFor: "'\(needle)' in \(text.withLockedValue { $0 })")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
