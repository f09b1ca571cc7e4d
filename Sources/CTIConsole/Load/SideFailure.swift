import CTIProtocol
import CTISimulator

/// `cti load --fail-side A[:kill|hang] --at 60s` (issue 22): the failure the run injects into the
/// embedded simulator, to measure how long the agents take to be back. `kill` closes the side's
/// listener and connections (the clients see the connection go at once); `hang` leaves them
/// open but silent (the clients find out by their heartbeats). The simulator's commands of the
/// same names do it, and the other side becomes active.
struct SideFailure: Equatable, Sendable, CustomStringConvertible {
    enum Mode: String, CaseIterable, Sendable {
        case kill, hang
    }

    var side: CTISide
    var mode: Mode

    init(side: CTISide, mode: Mode) {
        self.side = side
        self.mode = mode
    }

    /// Parses `A`, `B`, `A:kill`, `b:hang`.
    init(parsing text: String) throws(LoadOptionError) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard let first = parts.first, let side = CTISide(rawValue: first.uppercased()) else {
            throw LoadOptionError(description: "--fail-side '\(text)': expected A or B, then :kill (default) or :hang")
        }
        self.side = side
        if parts.count == 2 {
            guard let mode = Mode(rawValue: parts[1].lowercased()) else {
                throw LoadOptionError(description: "--fail-side '\(text)': the failure is kill or hang, not '\(parts[1])'")
            }
            self.mode = mode
        } else {
            self.mode = .kill
        }
    }

    /// Makes the failure in `simulator`.
    func inject(into simulator: CTISimulator) async {
        switch mode {
        case .kill: await simulator.kill(side)
        case .hang: await simulator.hang(side)
        }
    }

    var description: String { "\(side):\(mode.rawValue)" }
}
