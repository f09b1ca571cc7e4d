import ArgumentParser
import CTIClient
import CTIOutput
import CTIProtocol

/// `reconnect [A|B]`: in the REPL or a script, reconnect the session now instead of waiting for
/// the back-off (``CTIClient/reconnectNow(to:)``), and wait until it is open again.
struct ReconnectCommand: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconnect",
        abstract: "Reconnect the REPL's or script's session now, skipping the back-off: to the other side, or to side A or B.",
        discussion: """
        The session on the side left is reset (its pending requests fail) and the side named \
        (default: the other side than the one in use, or the side a back-off was waiting for) \
        is connected at once; the command returns when the session is open again. Exit status: \
        0 open again; 124 not open again within --timeout (the session keeps trying); 2 no \
        session to reconnect. Only in the REPL or a script (cti -c open -c reconnect): a one-shot \
        `cti reconnect` holds no session, and is a usage error (64).
        """)

    /// A side as typed: `A`, `b`.
    enum Side: String, ExpressibleByArgument, CaseIterable {
        case a = "A"
        case b = "B"

        init?(argument: String) { self.init(rawValue: argument.uppercased()) }

        var side: CTISide { self == .a ? .a : .b }
    }

    @Argument(help: "The side to connect to (default: the other side).")
    var side: Side?

    @Option(help: ArgumentHelp("Wait at most this many seconds for the session to be open again.", valueName: "seconds"))
    var timeout: Double = 10

    /// How often the command looks whether the session is open again.
    static let pollInterval = Duration.milliseconds(20)

    func validate() throws {
        try SecondsOption.check(timeout, option: "--timeout")
    }

    func run(on provider: any SessionProvider) async throws {
        guard let context = provider.console else {
            StandardStream.diagnose("cti: reconnect: only in the REPL or a script (e.g. cti -c open -c reconnect): a one-shot command holds no session")
            throw ExitStatus.usage
        }
        guard let session = context.session else {
            StandardStream.diagnose("cti: no session is open (`open` one first)")
            throw ExitStatus.connectionFailure
        }
        guard await session.client.reconnectNow(to: side?.side) else {
            StandardStream.diagnose("cti: the session has ended: `close` it and `open` again")
            throw ExitStatus.connectionFailure
        }
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
        while !(await session.client.isOpen) {
            guard ContinuousClock.now < deadline else {
                StandardStream.diagnose("cti: reconnect: no session open within \(timeout) s (still trying; `status` shows where)")
                throw ExitStatus.timeout
            }
            try? await Task.sleep(for: ReconnectCommand.pollInterval)
        }
    }
}
