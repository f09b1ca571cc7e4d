import ArgumentParser
import CTIOutput
import CTISimulator

/// `sim ...`: a command for the embedded simulator (`sim help` lists them), in a REPL or script;
/// one it does not know is a usage error.
struct SimCommand: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Send a command to the embedded simulator (REPL and scripts; `sim help` lists them).")

    @Argument(parsing: .captureForPassthrough, help: "The simulator command, e.g. `heartbeats stop A`.")
    var words: [String] = []

    func run(on provider: any SessionProvider) async throws {
        // `sim`, `sim --help`, `sim -h` and `sim help` list the commands, with or without a simulator.
        if words.isEmpty || words == ["--help"] || words == ["-h"] || words == ["help"] {
            try StandardStream.output.writeLine("""
                usage: sim COMMAND (in the REPL or a script, with the embedded simulator; `cti simulate` takes the same \
                commands on its stdin)
                \(SimulatorCommandTable.helpText)
                """)
            try StandardStream.output.flush()
            return
        }
        guard let simulator = provider.console?.session?.simulator else {
            StandardStream.diagnose("cti: sim: no embedded simulator (open a session without --host first; or run `cti simulate` and type there)")
            throw ExitStatus.usage
        }
        let line = words.joined(separator: " ")
        do {
            _ = try SimulatorCommand.parse(line)
        } catch {
            StandardStream.diagnose("cti: sim: \(error)")
            throw ExitStatus.usage
        }
        let reply = await simulator.execute(line)
        try StandardStream.output.writeLine(reply)
        try StandardStream.output.flush()
    }
}
