import CTIProtocol

/// Why a ``CTISimulator`` call failed.
public struct SimulatorError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: Hashable, Sendable {
        /// A side could not bind its port.
        case cannotListen
        /// The simulator was stopped.
        case stopped
        /// The TLS certificate, key or client CA cannot be used.
        case tls
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    static func cannotListen(_ side: CTISide, host: String, port: Int, _ error: any Error) -> SimulatorError {
        SimulatorError(.cannotListen, "side \(side): cannot listen on \(host):\(port): \(error)")
    }

    static let stopped = SimulatorError(.stopped, "the simulator is stopped")

    public var description: String { message }
}
