import Foundation

/// The persistent calls this user's `cti` made on each server, kept in
/// `$XDG_STATE_HOME/cti/persistent-calls` (else `~/.local/state/cti/persistent-calls`): a
/// persistent call outlives the process that made it, so a later `cti persistent drop CALLID`
/// finds its device there. One line per call, `SERVER CALLID DEVICE`, SERVER being side A's
/// `host:port`. Not kept for the embedded simulator, whose calls end with the process.
struct PersistentCallBook: Sendable {
    let path: String
    /// Side A's `host:port`: the server the calls are on.
    let server: String

    /// The book for the settings' server; `nil` for the embedded simulator or with no home.
    init?(settings: ConsoleSettings, environment: [String: String] = SessionCommandSupport.environment) {
        guard !settings.embedded, let hostA = settings.hostA else { return nil }
        server = "\(hostA)"
        guard let directory = StateDirectory.path(environment: environment) else { return nil }
        path = directory + "/persistent-calls"
    }

    struct Entry: Equatable {
        var server: String
        var callID: UInt32
        var device: String
    }

    /// The entries; unreadable lines are skipped.
    func entries() -> [Entry] {
        guard let text = ConfigFile.readFile(path) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard parts.count == 3, let callID = UInt32(parts[1]) else { return nil }
            return Entry(server: parts[0], callID: callID, device: parts[2])
        }
    }

    /// The device of `callID` on the server, if this user's `cti` made the call.
    func device(of callID: UInt32) -> String? {
        entries().last { $0.server == server && $0.callID == callID }?.device
    }

    func add(callID: UInt32, device: String) {
        write(entries().filter { !($0.server == server && $0.callID == callID) } + [Entry(server: server, callID: callID, device: device)])
    }

    func remove(callID: UInt32) {
        let entries = entries()
        let kept = entries.filter { !($0.server == server && $0.callID == callID) }
        if kept.count != entries.count { write(kept) }
    }

    /// Best effort: a book that cannot be written only means a later drop needs `--device`.
    private func write(_ entries: [Entry]) {
        let text = entries.map { "\($0.server) \($0.callID) \($0.device)\n" }.joined()
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
