import ArgumentParser
import CTIProtocol

/// `--protocol 20|21|22|23|24|25|auto` (issue 20): one version, or `auto` — open with the newest
/// and step down on E_CTI_INVALID_VERSION (sessions); the newest where nothing is negotiated
/// (`decode`, `encode`, `describe`).
enum ProtocolChoice: Hashable, Sendable, CustomStringConvertible {
    case exactly(ProtocolVersion)
    case auto

    /// The spellings, for the help, completion and errors.
    static let spellings = ProtocolVersion.supported.map(\.description) + ["auto"]

    init?(argument: String) {
        let text = argument.lowercased()
        if text == "auto" {
            self = .auto
        } else if let number = UInt32(text), let version = ProtocolVersion(number) {
            self = .exactly(version)
        } else {
            return nil
        }
    }

    /// Parses a value from the config file or the environment, naming where it came from.
    init(parsing text: String, from source: String) throws(ConsoleSettings.Failure) {
        guard let choice = ProtocolChoice(argument: text) else {
            throw ConsoleSettings.Failure(description: "protocol '\(text)' (from \(source)): \(ProtocolChoice.expectation)")
        }
        self = choice
    }

    /// `--protocol`'s transform: a clear error for anything else.
    static func parse(_ text: String) throws -> ProtocolChoice {
        guard let choice = ProtocolChoice(argument: text) else {
            throw ValidationError("unsupported protocol version '\(text)': \(expectation)")
        }
        return choice
    }

    /// What `--protocol` takes, in words.
    static let expectation = "cti speaks protocol \(ProtocolVersion.supported.first!)-\(ProtocolVersion.supported.last!) "
        + "(UCCE 11.5-15.0) or auto"

    /// The version to open or decode with first.
    var version: ProtocolVersion {
        switch self {
        case .exactly(let version): version
        case .auto: .v25
        }
    }

    /// Whether a session steps down on E_CTI_INVALID_VERSION.
    var negotiates: Bool { self == .auto }

    var description: String {
        switch self {
        case .exactly(let version): version.description
        case .auto: "auto"
        }
    }
}
