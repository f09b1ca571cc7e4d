import ArgumentParser
import CTIOutput
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

    @Option(name: [.short, .long], help: OutputChoice.help)
    var output: OutputChoice = .standard

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

    /// The sink these options describe (format, colours, fields, frames, quiet, lifecycle).
    func sink(environment: [String: String]) -> OutputSink {
        OutputSink(format: output.format, settings: OutputSettings(style: TextStyle(colored: colored(environment: environment)), verbose: verbose, hex: hex),
                   quiet: quiet, lifecycleOnStdout: lifecycle)
    }

    /// Whether stdout gets ANSI colours.
    func colored(environment: [String: String]) -> Bool {
        switch color {
        case .always: true
        case .never: false
        case .auto:
            output.isText && isatty(STDOUT_FILENO) == 1 && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
        }
    }
}
