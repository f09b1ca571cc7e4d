import TOMLKit
#if canImport(Glibc)
import Glibc
#endif

/// The config file: TOML, `$XDG_CONFIG_HOME/cti/config` (else `~/.config/cti/config`), or
/// `CTI_CONFIG` / `--config`. Top-level keys are the default profile; `[profiles.NAME]` tables
/// are named profiles; `profile = "NAME"` at the top picks one when neither `--profile` nor
/// `CTI_PROFILE` does. Keys are the long option names: `host`, `host-b`, `protocol`,
/// `client-id`, `password-file`, `peripheral`, `services`, `call-mask`, `agent-mask`,
/// `config-mask`, `agent-id`, `agent-ext`, `instrument`, `heartbeat`, `connect-timeout`.
struct ConfigFile {
    /// A config file that cannot be used.
    struct Failure: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "config file \(path): \(reason)" }
    }

    static let keys: Set<String> = [
        "host", "host-b", "protocol", "client-id", "password-file", "peripheral", "services", "call-mask", "agent-mask",
        "config-mask", "agent-id", "agent-ext", "instrument", "heartbeat", "connect-timeout",
        "tls", "tls-ca", "tls-cert", "tls-key", "tls-insecure",
    ]

    let path: String
    /// The chosen profile's values as text, by key.
    let values: [String: String]
    /// The profile the values came from (`nil`: the top level).
    let profile: String?

    /// The default location.
    static func defaultPath(environment: [String: String]) -> String? {
        if let base = environment["XDG_CONFIG_HOME"], !base.isEmpty { return base + "/cti/config" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/cti/config" }
        return nil
    }

    /// Reads `path`; a missing default file is no error (`required` is false for it).
    static func load(path: String, profile requested: String?, required: Bool) throws(Failure) -> ConfigFile? {
        guard let text = readFile(path) else {
            if required || requested != nil {
                throw Failure(path: path, reason: required ? "cannot be read" : "cannot be read (needed for --profile \(requested!))")
            }
            return nil
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch {
            throw Failure(path: path, reason: "not valid TOML: \(error)")
        }
        let chosen = requested ?? table["profile"]?.string
        var values = try strings(of: table, path: path, context: "top level", skipping: ["profile", "profiles"])
        if let chosen {
            guard let profiles = table["profiles"]?.table, let profileTable = profiles[chosen]?.table else {
                let known = table["profiles"]?.table?.keys.sorted().joined(separator: ", ") ?? "none"
                throw Failure(path: path, reason: "no profile '\(chosen)' (profiles: \(known))")
            }
            values.merge(try strings(of: profileTable, path: path, context: "profile \(chosen)", skipping: []), uniquingKeysWith: { _, new in new })
        }
        return ConfigFile(path: path, values: values, profile: chosen)
    }

    private static func strings(of table: TOMLTable, path: String, context: String, skipping: Set<String>) throws(Failure) -> [String: String] {
        var out: [String: String] = [:]
        for key in table.keys where !skipping.contains(key) {
            guard keys.contains(key) else {
                throw Failure(path: path, reason: "\(context): unknown key '\(key)' (keys: \(keys.sorted().joined(separator: ", ")))")
            }
            let value = table[key]!
            if let string = value.string {
                out[key] = string
            } else if let int = value.int {
                out[key] = String(int)
            } else if let double = value.double {
                out[key] = String(double)
            } else if let bool = value.bool {
                out[key] = String(bool)
            } else {
                throw Failure(path: path, reason: "\(context): '\(key)' must be a string or a number")
            }
        }
        return out
    }

    /// The whole file, or `nil` when it cannot be read.
    static func readFile(_ path: String) -> String? {
        readBytes(path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The bytes of a file, or `nil` if it cannot be read.
    static func readBytes(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }
}
