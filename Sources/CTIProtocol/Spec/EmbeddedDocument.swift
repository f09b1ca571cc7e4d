#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads a JSON file embedded by `scripts/embed-spec.py` (``EmbeddedSpec``).
enum EmbeddedDocument {
    /// The file's contents as `type`. The embedded files are checked by the test suite; one that
    /// does not parse is a build defect.
    static func decode<Document: Decodable>(_ type: Document.Type, from text: String, file: String) -> Document {
        do {
            return try JSONDecoder().decode(Document.self, from: Data(text.utf8))
        } catch {
            preconditionFailure("embedded \(file) does not parse: \(error)")
        }
    }
}
