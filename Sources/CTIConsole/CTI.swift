import ArgumentParser
import CTIOutput
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The `cti` command: a console for the Cisco CTI Server protocol (GED-188).
///
/// The executable `cti` only calls ``start()``; the command tree lives in this library so that
/// tests and the REPL line-parser fuzz target reach it.
public struct CTI: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "cti",
        abstract: "A console for the Cisco CTI Server protocol (GED-188, protocol versions 20 to 25: Unified CCE 11.5 to 15.0).",
        discussion: """
        Open sessions against a CTI Server (side A / side B), watch every event, send \
        requests, and decode or build messages. Without --host (or CTI_HOST, or a profile with \
        a host) cti runs against its embedded simulator.

        EXIT STATUS: 0 success; 1 request refused by the server; 2 connection or session failure; \
        64 usage error; 65 undecodable input (decode); 124 a --timeout ran out; 130 wait interrupted.
        """,
        version: VersionInfo.text,
        subcommands: [
            OpenCommand.self, CloseCommand.self, ReconnectCommand.self, StatusCommand.self, StatsCommand.self, WatchCommand.self,
            CallCommand.self, AgentCommand.self, QueryCommand.self, PersistentCommand.self, SendCommand.self, SimCommand.self,
            DescribeCommand.self, ConfigCommand.self, DecodeCommand.self, EncodeCommand.self, SimulateCommand.self, ProxyCommand.self,
            TopCommand.self,
            LadderCommand.self,
            DoctorCommand.self,
            LoadCommand.self,
            WaitCommand.self, SleepCommand.self, QuitCommand.self,
        ]
    )

    @Option(name: .customShort("c"), help: ArgumentHelp("Run this console command (repeatable); no prompt, no history.", valueName: "command"))
    var commands: [String] = []

    @Option(name: .customShort("f"), help: ArgumentHelp("Run the console commands in this file (- for stdin).", valueName: "file"))
    var file: String?

    @Flag(help: "Scripts: show each command on stderr before running it.")
    var echo = false

    @Flag(name: .customLong("continue-on-error"), help: "Scripts: go on after a failing command (the exit status is the last failure's).")
    var continueOnError = false

    /// No subcommand: the REPL on a terminal, else a script (`-c`, `-f`, or stdin).
    public init() {}

    public func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        // Text with colour on a terminal until a `watch -o ...` line says otherwise.
        let interactive = commands.isEmpty && file == nil && isatty(STDIN_FILENO) == 1
        let context = ConsoleContext(printer: EventPrinter(options: try EventOutputOptions.parse([]), environment: environment), interactive: interactive)
        let runner = LineRunner(context: context)
        let script = ScriptRunner(runner: runner, echo: echo, continueOnError: continueOnError)
        let status: Int32
        if !commands.isEmpty {
            status = await script.run(lines: commands.map { .success($0) }, source: "-c")
        } else if let file, file != "-" {
            guard let bytes = ConfigFile.readBytes(file) else {
                StandardStream.diagnose("cti: -f \(file): cannot be read")
                throw ExitStatus.usage
            }
            status = await script.run(lines: UTF8Text.lines(bytes), source: file)
        } else if interactive {
            status = await REPL(runner: runner, environment: environment).run()
        } else {
            status = await script.run(lines: UTF8Text.lines(Array(FileHandle.standardInput.readDataToEndOfFile())), source: "stdin")
        }
        await context.closeSession()
        try? StandardStream.output.flush()
        if status != 0 { throw ExitCode(status) }
    }

    /// The process entry point (`Sources/cti/main.swift`). Writes to a closed pipe fail with
    /// EPIPE (handled by ``StandardStream``) instead of killing the process with SIGPIPE. A
    /// password on the command line is blanked in the process's argv (with a warning) before
    /// parsing, which works on a copy; an argument that is not UTF-8 is a usage error.
    public static func start() async {
        signal(SIGPIPE, SIG_IGN)
        let arguments = Array(CommandLine.arguments.dropFirst())
        if PasswordWords.hideInProcessArguments() {
            StandardStream.diagnose("cti: warning: a password on the command line can be seen by other users (ps, /proc) until cti hides it; "
                                    + "use --password-prompt, --password-file, CTI_PASSWORD or a profile's password-file")
        }
        for index in 1..<max(Int(CommandLine.argc), 1) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))
            if case .failure(let invalid) = UTF8Text.decode(bytes) {
                StandardStream.diagnose("cti: argument \(index) is \(invalid)")
                Glibc.exit(ExitStatus.usage.rawValue)
            }
        }
        let parseAndRun: ([String]?) async -> Void = main  // the asynchronous entry, not the synchronous one
        await parseAndRun(arguments)
    }
}
