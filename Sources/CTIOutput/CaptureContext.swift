import CTIProtocol

/// Where a message of a packet capture was (`cti decode --pcap`): when the packet that completed
/// it was captured, its number in the file, the connection's client and server (`address:port`),
/// which way it went, and the side when the server port says so. A message relayed by `cti proxy`
/// (issue 19) has the same context with the proxy's connection number and no packet number.
public struct CaptureContext: Sendable {
    /// Capture time: seconds since 1970 (UTC) and nanoseconds.
    public var seconds: Int64
    public var nanoseconds: UInt32
    /// The number of the packet (1-based, as Wireshark counts) that completed the frame; nil for
    /// a message relayed live (`cti proxy`).
    public var packet: Int?
    /// The proxy's number of the connection (`cti proxy`); nil in a capture.
    public var connection: Int?
    public var client: String
    public var server: String
    /// Client to server (else server to client).
    public var fromClient: Bool
    public var side: CTISide?

    public init(seconds: Int64, nanoseconds: UInt32, packet: Int?, connection: Int? = nil, client: String, server: String,
                fromClient: Bool, side: CTISide?) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
        self.packet = packet
        self.connection = connection
        self.client = client
        self.server = server
        self.fromClient = fromClient
        self.side = side
    }

    /// `client→server` or `server→client`.
    public var direction: String { fromClient ? "client→server" : "server→client" }

    /// The capture time in ISO 8601 UTC with microseconds, `2026-11-23T13:45:46.123456Z`.
    public var timestamp: String { Self.timestamp(seconds: seconds, nanoseconds: nanoseconds) }

    /// A capture time in ISO 8601 UTC with microseconds.
    public static func timestamp(seconds: Int64, nanoseconds: UInt32) -> String {
        var text = Array(UTCTime.iso8601(epochMilliseconds: seconds * 1000 + Int64(nanoseconds / 1_000_000), fractional: true).utf8)
        text.removeLast()
        appendMicroseconds(of: nanoseconds, to: &text)
        text.append(UInt8(ascii: "Z"))
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends the time of day (UTC) with microseconds, `13:45:46.123456`.
    func appendTimeOfDay(to line: inout [UInt8]) {
        UTCTime.appendTimeOfDay(epochMilliseconds: seconds * 1000 + Int64(nanoseconds / 1_000_000), to: &line)
        Self.appendMicroseconds(of: nanoseconds, to: &line)
    }

    /// The three digits after the milliseconds of a time's fraction.
    private static func appendMicroseconds(of nanoseconds: UInt32, to text: inout [UInt8]) {
        let microseconds = nanoseconds / 1000 % 1000
        for divisor: UInt32 in [100, 10, 1] { text.append(UInt8(ascii: "0") + UInt8(microseconds / divisor % 10)) }
    }
}
