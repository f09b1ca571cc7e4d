import CTIProtocol
import Foundation
import NIOCore

/// The messages of a recording `cti ladder CALLID --from FILE` reads (issue 21), by content:
/// JSON Lines (`watch -o json`, `decode --pcap -o json`, the proxy's `-o json`) when the file
/// starts with `{`; else what `cti simulate --replay` reads (``ReplayRecording``): a pcap or
/// pcapng capture (one CTI connection, the first with an OPEN_REQ unless `connection` names
/// another) or a raw recording (`watch --record FILE`).
enum LadderRecording {
    /// Reads every message of `path`; throws ``ReplayRecording/Failure`` naming the problem (exit 65).
    static func load(path: String, connection: Int?, version: ProtocolVersion) throws -> [LadderMessage] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReplayRecording.Failure(description: "\(path): cannot be read")
        }
        if data.first(where: { ![UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t")].contains($0) }) == UInt8(ascii: "{") {
            return try jsonLines(data, path: path)
        }
        return try frames(ReplayRecording.load(path: path, connection: connection, version: version), path: path, version: version)
    }

    /// Decodes the frames; a client's OPEN_REQ sets the version of what follows (as `decode --pcap --protocol auto`).
    private static func frames(_ recording: ReplayRecording, path: String, version: ProtocolVersion) throws -> [LadderMessage] {
        var decoder = CTIMessageDecoder(version: version)
        var messages: [LadderMessage] = []
        for (index, recorded) in recording.frames.enumerated() {
            if recorded.fromClient, let asked = OpenRequest.versionNumber(in: recorded.frame),
               let chosen = ProtocolVersion(asked, numbering: version.numbering) {
                decoder = CTIMessageDecoder(version: chosen)
            }
            let message: CTIMessage
            do {
                message = try decoder.decode(recorded.frame)
            } catch {
                throw ReplayRecording.Failure(description: "\(path): frame \(index + 1): \(error)")
            }
            guard let fields = message.fields else { continue }
            let time = recorded.time.map { Double($0.nanoseconds) / 1e9 }
            messages.append(LadderMessage(fields, fromClient: recorded.fromClient, time: time))
        }
        return messages
    }

    /// One message per line with `type` and `fields`; lifecycle lines (no `type`) are skipped.
    private static func jsonLines(_ data: Data, path: String) throws -> [LadderMessage] {
        var messages: [LadderMessage] = []
        for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }) else { continue }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] else {
                throw ReplayRecording.Failure(description: "\(path): line \(index + 1): not a JSON object")
            }
            guard let type = object["type"] as? String else { continue }
            guard let fields = object["fields"] as? [String: Any],
                  let message = LadderMessage(type: type, fields: fields, direction: object["direction"] as? String,
                                              time: ((object["time"] ?? object["ts"]) as? String).flatMap(seconds)) else {
                throw ReplayRecording.Failure(description: "\(path): line \(index + 1): not a message of `watch -o json` (type \(type))")
            }
            messages.append(message)
        }
        return messages
    }

    /// `2026-12-06T22:22:34.595724Z` as seconds since 1970.
    static func seconds(_ timestamp: String) -> Double? {
        let parts = timestamp.split(separator: ".", maxSplits: 1)
        let whole = parts.count == 2 ? String(parts[0]) + "Z" : timestamp
        guard let date = ISO8601DateFormatter().date(from: whole) else { return nil }
        let fraction = parts.count == 2 ? Double("0." + parts[1].filter(\.isNumber)) ?? 0 : 0
        return date.timeIntervalSince1970 + fraction
    }
}
