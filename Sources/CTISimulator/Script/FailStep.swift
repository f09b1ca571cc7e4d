import CTIProtocol

/// What a `fail` step does: one of the simulator's fault commands that take a side
/// (``SimulatorCommandTable``: `kill`, `hang`, `offline`, `malformed`, `garbage`, …), run as
/// if typed on its stdin — the same code, not a copy.
public struct FailStep: Hashable, Sendable {
    /// The fault when a step names only the side (`fail = "A"`).
    public static let defaultMode = "kill"

    public var side: CTISide
    public var mode: String

    /// `SIDE[:MODE]`, e.g. `A`, `A:kill`, `B:offline`. Throws when the side is not A or B, or
    /// the mode is not a simulator command taking just a side.
    public init(_ text: String) throws(SimulatorCommandError) {
        let parts = text.split(separator: ":", maxSplits: 1).map { String($0.filter { !$0.isWhitespace }) }
        guard let sideText = parts.first, let side = CTISide(rawValue: sideText.uppercased()) else {
            throw SimulatorCommandError("'\(text)': expected SIDE[:MODE] with SIDE A or B")
        }
        self.side = side
        self.mode = parts.count > 1 ? parts[1].lowercased() : Self.defaultMode
        guard let (declaration, _) = try? SimulatorCommand.read(commandLine), declaration.arguments == [.side] else {
            let modes = SimulatorCommandTable.declarations.filter { $0.arguments == [.side] }.map { $0.words.joined(separator: " ") }
            throw SimulatorCommandError("'\(text)': MODE must be one of \(modes.joined(separator: ", "))")
        }
    }

    /// The simulator command it runs, e.g. `kill A`.
    public var commandLine: String { "\(mode) \(side)" }

    /// `A:kill`.
    public var description: String { "\(side):\(mode)" }
}
