import CTIProtocol

extension StatusCode {
    /// `E_CTI_… (n)`, for the simulator's log lines.
    var logText: String { "\(name ?? "status") (\(rawValue))" }
}
