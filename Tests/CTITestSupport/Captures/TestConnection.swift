import CTICapture

/// One TCP connection of a test capture: the bytes each direction sends, and the segments that
/// carry any part of them (so tests can reorder, repeat, overlap and split them at will).
public struct TestConnection: Sendable {
    public let client: TCPEndpoint
    public let server: TCPEndpoint
    /// Initial sequence numbers, chosen near the 32-bit wrap so that tests cross it.
    public var clientISN: UInt32 = 0xFFFF_FF00
    public var serverISN: UInt32 = 0x7FFF_FFF0
    public private(set) var clientStream: [UInt8] = []
    public private(set) var serverStream: [UInt8] = []

    public init(client: TCPEndpoint, server: TCPEndpoint) {
        self.client = client
        self.server = server
    }

    /// 127.0.0.1:50000 to 127.0.0.1:`port` (or ::1 with `v6`).
    public init(port: UInt16 = 42027, clientPort: UInt16 = 50000, v6: Bool = false) {
        let address = IPAddress(v6 ? "::1" : "127.0.0.1")!
        self.init(client: TCPEndpoint(address: address, port: clientPort), server: TCPEndpoint(address: address, port: port))
    }

    /// Appends bytes to a direction's stream; returns their range in it.
    @discardableResult
    public mutating func send(_ bytes: [UInt8], _ direction: CaptureDirection) -> Range<Int> {
        switch direction {
        case .clientToServer:
            clientStream += bytes
            return clientStream.count - bytes.count..<clientStream.count
        case .serverToClient:
            serverStream += bytes
            return serverStream.count - bytes.count..<serverStream.count
        }
    }

    /// SYN, SYN-ACK and ACK.
    public func handshake() -> [[UInt8]] {
        [
            TCPPacketBuilder.packet(from: client, to: server, sequence: clientISN, acknowledgment: 0, flags: [.syn], payload: []),
            TCPPacketBuilder.packet(from: server, to: client, sequence: serverISN, acknowledgment: clientISN &+ 1, flags: [.syn, .ack], payload: []),
            TCPPacketBuilder.packet(from: client, to: server, sequence: clientISN &+ 1, acknowledgment: serverISN &+ 1, flags: [.ack], payload: []),
        ]
    }

    /// The segment carrying `range` of a direction's stream.
    public func segment(_ direction: CaptureDirection, _ range: Range<Int>, flags: TCPFlags = [.ack, .psh]) -> [UInt8] {
        switch direction {
        case .clientToServer:
            return TCPPacketBuilder.packet(from: client, to: server, sequence: clientISN &+ 1 &+ UInt32(range.lowerBound),
                                           acknowledgment: serverISN &+ 1, flags: flags, payload: clientStream[range])
        case .serverToClient:
            return TCPPacketBuilder.packet(from: server, to: client, sequence: serverISN &+ 1 &+ UInt32(range.lowerBound),
                                           acknowledgment: clientISN &+ 1, flags: flags, payload: serverStream[range])
        }
    }

    /// The whole of a direction's stream so far, one segment per `size` bytes, in order.
    public func segments(_ direction: CaptureDirection, size: Int = 1460) -> [[UInt8]] {
        let count = direction == .clientToServer ? clientStream.count : serverStream.count
        return stride(from: 0, to: count, by: size).map { segment(direction, $0..<min($0 + size, count)) }
    }

    /// FIN from the client.
    public func finish() -> [UInt8] {
        TCPPacketBuilder.packet(from: client, to: server, sequence: clientISN &+ 1 &+ UInt32(clientStream.count),
                                acknowledgment: serverISN &+ 1 &+ UInt32(serverStream.count), flags: [.fin, .ack], payload: [])
    }
}
