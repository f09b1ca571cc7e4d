import CTISimulator
import TOMLKit

/// A simulator scenario (`cti simulate --scenario F`): a TOML file describing another contact
/// center. Keys: `agents`, `remote-devices`, `rate` (calls per second), `seed`, `peripherals`
/// (a list of IDs), and `[[step]]` tables (``ScenarioSteps``, issue 19): what the first session
/// must do, run strictly. Keys it leaves out keep the command line's values.
struct Scenario: Equatable {
    struct Failure: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "scenario \(path): \(reason)" }
    }

    var agents: Int?
    var remoteDevices: Int?
    var rate: Double?
    var seed: UInt64?
    var peripherals: [UInt32]?
    /// The `[[step]]` tables; `nil` when there are none.
    var steps: [ScriptStep]?

    static func load(path: String) throws -> Scenario {
        guard let text = ConfigFile.readFile(path) else { throw Failure(path: path, reason: "cannot be read") }
        return try parse(text, path: path)
    }

    static func parse(_ text: String, path: String) throws -> Scenario {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch {
            throw Failure(path: path, reason: "not valid TOML: \(error)")
        }
        var scenario = Scenario()
        for key in table.keys {
            let value = table[key]!
            switch key {
            case "agents":
                guard let count = value.int, (0...999).contains(count) else { throw Failure(path: path, reason: "agents must be 0-999") }
                scenario.agents = count
            case "remote-devices":
                guard let count = value.int, (0...999).contains(count) else { throw Failure(path: path, reason: "remote-devices must be 0-999") }
                scenario.remoteDevices = count
            case "rate":
                guard let rate = value.double ?? value.int.map(Double.init), rate >= 0, rate.isFinite else {
                    throw Failure(path: path, reason: "rate must be a number of calls per second >= 0")
                }
                scenario.rate = rate
            case "seed":
                guard let seed = value.int, seed >= 0 else { throw Failure(path: path, reason: "seed must be a whole number >= 0") }
                scenario.seed = UInt64(seed)
            case "peripherals":
                guard let list = value.array, !list.isEmpty,
                      case let ids = list.compactMap({ $0.int }), ids.count == list.count, ids.allSatisfy({ $0 >= 0 && $0 <= Int(UInt32.max) }) else {
                    throw Failure(path: path, reason: "peripherals must be a non-empty list of IDs")
                }
                scenario.peripherals = ids.map { UInt32($0) }
            case "step":
                scenario.steps = try ScenarioSteps.parse(value, path: path)
            default:
                throw Failure(path: path, reason: "unknown key '\(key)' (keys: agents, remote-devices, rate, seed, peripherals, step)")
            }
        }
        return scenario
    }

    func apply(to configuration: inout SimulatorConfiguration) {
        if let agents { configuration.agentCount = agents }
        if let remoteDevices { configuration.remoteDevices = remoteDevices }
        if let rate { configuration.callRate = rate }
        if let seed { configuration.seed = seed }
        if let peripherals { configuration.peripherals = peripherals }
        if let steps { configuration.script = ServerScript(steps: steps, mode: .strict, scope: .firstSession) }
    }
}
