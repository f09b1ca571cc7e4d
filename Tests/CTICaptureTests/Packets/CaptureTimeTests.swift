import Testing
@testable import CTICapture

/// Capture times move forward with the carry into seconds, and order as times do.
@Suite struct CaptureTimeTests {
    @Test func advancingCarriesIntoTheSeconds() {
        let start = CaptureTime(seconds: 10, nanoseconds: 999_999_000)
        #expect(start.advanced(byNanoseconds: 999) == CaptureTime(seconds: 10, nanoseconds: 999_999_999))
        #expect(start.advanced(byNanoseconds: 1_000) == CaptureTime(seconds: 11, nanoseconds: 0))
        #expect(start.advanced(byNanoseconds: 2_500_001_000) == CaptureTime(seconds: 13, nanoseconds: 500_000_000))
    }

    @Test func ordersBySecondsThenNanoseconds() {
        #expect(CaptureTime(seconds: 1, nanoseconds: 999_999_999) < CaptureTime(seconds: 2, nanoseconds: 0))
        #expect(CaptureTime(seconds: 2, nanoseconds: 1) > CaptureTime(seconds: 2, nanoseconds: 0))
        #expect(CaptureTime(seconds: 2, nanoseconds: 5).milliseconds == 2000)
    }
}
