import ArgumentParser
import CTIOutput

/// `close`: close the REPL's or script's session (CLOSE_REQ).
struct CloseCommand: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Close the session held by the REPL or script (one-shot commands close their own).")

    func run(on provider: any SessionProvider) async throws {
        guard let context = provider.console, context.session != nil else {
            StandardStream.diagnose("cti: no session is open")
            return
        }
        await context.closeSession()
    }
}
