#if canImport(Glibc)
import Glibc
#endif

/// Where the ClientPassword comes from: `--password` (blanked in argv at start), `--password-file`
/// (first line), a no-echo prompt on the terminal, or `CTI_PASSWORD`. Never history, logs or
/// JSON.
enum PasswordSource {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func read(value: String?, file: String?, prompt: Bool, environment: [String: String]) throws -> [UInt8] {
        if let value { return Array(value.utf8) }
        if let file {
            guard let text = ConfigFile.readFile(file) else { throw Failure(description: "--password-file \(file): cannot be read") }
            return Array((text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "").utf8)
        }
        if prompt {
            guard isatty(STDIN_FILENO) == 1 || isatty(STDERR_FILENO) == 1, let typed = getpass("CTI password: ") else {
                throw Failure(description: "cannot prompt for the password: no terminal")
            }
            return Array(String(cString: typed).utf8)
        }
        if let value = environment["CTI_PASSWORD"] { return Array(value.utf8) }
        return []
    }
}
