import CTIProtocol
import NIOCore

/// Frames made by the codec for the tests.
enum TestFrames {
    /// A HEARTBEAT_REQ (MHDR + body).
    static func heartbeat(invokeID: UInt32) throws -> [UInt8] {
        var fields = try MessageFields(named: "HEARTBEAT_REQ")
        try fields.set(.invokeID, .number(invokeID))
        return Array(try CTIMessageEncoder().encode(.fields(fields)).readableBytesView)
    }

    /// An OPEN_REQ with this ClientPassword.
    static func openRequest(password: String) throws -> [UInt8] {
        var fields = try MessageFields(named: "OPEN_REQ")
        try fields.set(.clientID, .text("proxy-test"))
        try fields.set(.clientPassword, .bytes(ByteBuffer(bytes: Array(password.utf8))))
        return Array(try CTIMessageEncoder().encode(.fields(fields)).readableBytesView)
    }
}

/// Deterministic pseudo-random bytes.
struct TestRandom {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) } }

    /// Ascending cut positions inside `0..<count`, about one per `every` bytes.
    mutating func cuts(_ count: Int, every: Int) -> [Int] {
        var cuts: [Int] = []
        var at = 0
        while true {
            at += 1 + Int(next() % UInt64(2 * every))
            guard at < count else { return cuts }
            cuts.append(at)
        }
    }
}
