/// The shape of `spec/protocol-versions.json`: what arrived in each protocol version after
/// the oldest one `cti` speaks, relative to the baseline layouts of `messages.json` (issue 20).
///
/// Only ``VersionHistory`` reads it.
struct VersionDocument: Decodable {
    struct Release: Decodable {
        var number: UInt32
        var ucce: String
        var summary: String
        var sources: [String]
    }

    /// One thing that does not exist before `since`.
    struct Arrival: Decodable {
        /// `message`, `fixed`, `floating`, `tag` or `value`.
        var kind: String
        var message: String?
        var field: String?
        var tag: UInt16?
        var table: String?
        var value: UInt32?
        var since: UInt32
        var source: String
    }

    /// A value of an enumeration the baseline no longer has, with its name in older versions.
    struct Retired: Decodable {
        var table: String
        var value: UInt32
        var name: String
        /// The last version that has it.
        var until: UInt32
        var source: String
    }

    /// The version `messages.json` describes.
    var baseline: UInt32
    /// The sources cited as `[KEY]`, by key.
    var sources: [String: String]
    var versions: [Release]
    var since: [Arrival]
    var retired: [Retired]

    static func load() -> VersionDocument {
        EmbeddedDocument.decode(VersionDocument.self, from: EmbeddedSpec.protocolVersionsJSON, file: "protocol-versions.json")
    }
}
