import Testing
@testable import CTIConsole

/// The state a REPL or script keeps across lines, driven line by line (no session needed for
/// `watch` lines, which only change how events are shown).
@Suite struct ConsoleContextTests {
    func context(interactive: Bool) throws -> (ConsoleContext, LineRunner) {
        let context = ConsoleContext(printer: EventPrinter(options: try EventOutputOptions.parse([]), environment: [:]), interactive: interactive)
        return (context, LineRunner(context: context))
    }

    @Test func aWatchLineWithoutQuietUndoesAnEarlierQuietOne() async throws {
        for interactive in [true, false] {
            let (context, runner) = try context(interactive: interactive)
            #expect(await runner.run("watch -q") == .success)
            #expect(context.printer.quiet)
            #expect(await runner.run("watch") == .success)
            #expect(!context.printer.quiet, "interactive: \(interactive)")
        }
    }
}
