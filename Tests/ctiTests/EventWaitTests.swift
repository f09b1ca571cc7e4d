import Testing
@testable import CTIConsole

/// The race one-shot commands run between reading events and a time limit (in-process: the
/// suites that spawn `cti` can hold the test threads for minutes on a loaded machine, hence the
/// generous limits).
@Suite(.timeLimit(.minutes(5)))
struct EventWaitTests {
    @Test func theReaderFinishingFirstEndsTheWait() async {
        let ending = await EventWait.until(timeout: 30) { 5 }
        guard case .done(5) = ending else {
            Issue.record("expected the reader's value, got \(ending)")
            return
        }
    }

    @Test func theTimeLimitEndsAReaderThatNeverFinishes() async {
        // The reader returns only once cancelled: the wait ends only if the time limit cancels it.
        let ending = await EventWait.until(timeout: 0.1) { () -> Int in
            while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(10)) }
            return 1
        }
        guard case .timedOut = ending else {
            Issue.record("expected a timeout, got \(ending)")
            return
        }
    }

    @Test func withoutATimeLimitTheReaderDecides() async {
        let ending = await EventWait.until(timeout: nil) { () -> String in
            try? await Task.sleep(for: .milliseconds(50))
            return "read"
        }
        guard case .done("read") = ending else {
            Issue.record("expected the reader's value, got \(ending)")
            return
        }
    }
}
