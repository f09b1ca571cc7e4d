import ArgumentParser

/// `sleep SECONDS`: pause a script (events keep printing meanwhile); Ctrl-C ends it early in the REPL.
struct SleepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sleep",
        abstract: "Pause for SECONDS (fractions allowed); events keep printing meanwhile.")

    @Argument(help: ArgumentHelp("How long to pause.", valueName: "seconds"))
    var seconds: Double

    func validate() throws {
        try SecondsOption.check(seconds, option: "sleep")
    }

    func run() async throws {
        try? await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
    }
}
