/// Whether `cti load` would stay on this machine (issue 22: anything else needs `--yes`): a
/// loopback address (127.0.0.0/8, ::1) or a name that resolves to loopback addresses only.
enum LoopbackCheck {
    static func isLoopback(_ host: String) -> Bool {
        if isLoopbackAddress(host) { return true }
        guard case .success(let addresses) = DoctorNetwork.resolve(host), !addresses.isEmpty else { return false }
        return addresses.allSatisfy(isLoopbackAddress)
    }

    /// `127.x.y.z` or `::1` (numeric forms only).
    static func isLoopbackAddress(_ text: String) -> Bool {
        if text == "::1" || text == "0:0:0:0:0:0:0:1" { return true }
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
