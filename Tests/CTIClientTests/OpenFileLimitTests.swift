import Glibc
import Testing
@testable import CTIClient

/// Raising RLIMIT_NOFILE for thousands of sessions, and saying so when the hard limit is lower.
@Suite struct OpenFileLimitTests {
    static func limits() -> (soft: Int, hard: Int) {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        return (Int(clamping: limit.rlim_cur), Int(clamping: limit.rlim_max))
    }

    @Test func theSoftLimitIsRaisedToWhatIsNeededButNotBeyondTheHardLimit() throws {
        let (soft, hard) = Self.limits()
        #expect(try OpenFileLimit.ensure(16) == soft, "a limit already high enough stays")
        guard hard < Int(Int32.max) else { return }
        #expect(throws: OpenFileLimit.TooLow.self) { try OpenFileLimit.ensure(hard + 1) }
        do {
            try OpenFileLimit.ensure(hard + 1)
        } catch {
            #expect(error.description.contains("hard limit is \(hard)"))
        }
        #expect(Self.limits().soft == soft, "a refusal changes nothing")
    }
}
