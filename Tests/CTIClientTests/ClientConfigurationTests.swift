import Testing
@testable import CTIClient

/// Endpoints as given on the command line, and the back-off between connection attempts.
@Suite struct ClientConfigurationTests {
    @Test func endpointsParseWithDefaultPortsPerSide() {
        #expect(Endpoint(parsing: "cti.example.com", side: .a) == Endpoint(host: "cti.example.com", port: 42027))
        #expect(Endpoint(parsing: "cti.example.com", side: .b) == Endpoint(host: "cti.example.com", port: 43027))
        #expect(Endpoint(parsing: "10.0.0.5:5000", side: .a) == Endpoint(host: "10.0.0.5", port: 5000))
        #expect(Endpoint(parsing: "[::1]:42028", side: .a) == Endpoint(host: "::1", port: 42028))
        #expect(Endpoint(parsing: "host:notaport", side: .a) == nil)
        #expect(Endpoint(parsing: "", side: .a) == nil)
    }

    @Test func backoffGrowsAndCaps() {
        let backoff = Backoff()
        #expect((1...8).map(backoff.delay(afterFailures:)) == [.zero, .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(30), .seconds(30)])
    }
}
