import Testing
@testable import CTICapture

/// Addresses parse and print in the notations capture users read (dotted quad, RFC 5952).
@Suite struct IPAddressTests {
    @Test(arguments: ["127.0.0.1", "10.1.2.254", "::1", "::", "fe80::1:2", "2001:db8::ff00:42:8329", "1:0:0:2::3"])
    func printsWhatItParsed(_ text: String) throws {
        let address = try #require(IPAddress(text))
        #expect(address.description == text)
        #expect(IPAddress(bytes: address.bytes) == address)
    }

    @Test func theLongestZeroRunIsShortened() {
        #expect(IPAddress(bytes: [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1])?.description == "2001:db8::1:0:0:1")
    }

    @Test(arguments: ["", "1.2.3", "1.2.3.256", "1::2::3", "12345::", "localhost"])
    func rejectsWhatIsNotAnAddress(_ text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test func endpointsBracketV6() throws {
        #expect(TCPEndpoint(address: try #require(IPAddress("::1")), port: 42027).description == "[::1]:42027")
        #expect(TCPEndpoint(address: try #require(IPAddress("127.0.0.1")), port: 43027).description == "127.0.0.1:43027")
    }
}
