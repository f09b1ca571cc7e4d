import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// When to colour text output.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

/// How session commands print events (`watch`, `--follow`, the REPL).
struct EventOutputOptions: ParsableArguments {
    /// The heading these options have in `--help` and the man page (described there once).
    static let title = "Output Options"

    @Option(name: [.short, .long], help: "Output format: text (one aligned line per event) or json (JSON Lines).")
    var output: OutputFormat = .text

    @Option(help: "Colour text output: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    @Flag(name: .shortAndLong, help: "Only errors on stderr (no banners, lifecycle notes or warnings).")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Show every field of each event.")
    var verbose = false

    @Flag(help: "Add each event's raw frame (passwords blanked).")
    var hex = false

    @Flag(help: "Print lifecycle records (connected, opened, failed over, closed) on stdout too.")
    var lifecycle = false

    /// Whether stdout gets ANSI colours.
    func colored(environment: [String: String]) -> Bool {
        switch color {
        case .always: true
        case .never: false
        case .auto:
            output == .text && isatty(STDOUT_FILENO) == 1 && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
        }
    }
}
