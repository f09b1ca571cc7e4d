import CTIProtocol
import CTISimulator
import NIOCore
import TOMLKit

/// The `[[step]]` tables of a scenario (issue 19): each names one action by its key —
/// `expect = "MAKE_CALL_REQ"` (with `fields`, a subset that must match, and `timeout` in
/// seconds, default ``defaultTimeout``), `reply = "MAKE_CALL_CONF"` and `send = "..."` (with
/// `fields`), `wait = 1.5` (seconds), `fail = "A"` / `"A:hang"` / `"B:offline"` (a simulator
/// fault command, ``FailStep``). Field values are written as `cti encode` takes them
/// (``FieldAssignment``); a list gives a repeated field once per element.
enum ScenarioSteps {
    /// How long an `expect` waits when the step gives no `timeout`.
    static let defaultTimeout = 10.0
    /// The keys that name a step's action.
    static let actions = ["expect", "reply", "send", "wait", "fail"]

    /// The steps of the `step` key's array of tables.
    static func parse(_ value: any TOMLValueConvertible, path: String) throws -> [ScriptStep] {
        guard let list = value.array else { throw Scenario.Failure(path: path, reason: "step must be an array of tables ([[step]])") }
        var steps: [ScriptStep] = []
        for (index, element) in list.enumerated() {
            func failure(_ reason: String) -> Scenario.Failure { Scenario.Failure(path: path, reason: "step \(index + 1): \(reason)") }
            guard let table = element.table else { throw failure("not a table") }
            let named = actions.filter { table.contains(key: $0) }
            guard named.count == 1, let action = named.first else {
                throw failure("give exactly one of \(actions.joined(separator: ", "))")
            }
            let allowed: Set<String> = switch action {
            case "expect": ["expect", "fields", "timeout"]
            case "reply", "send": [action, "fields"]
            default: [action]
            }
            if let extra = table.keys.sorted().first(where: { !allowed.contains($0) }) {
                throw failure("key '\(extra)' does not go with \(action) (keys: \(allowed.sorted().joined(separator: ", ")))")
            }
            steps.append(try step(action, table, failure))
        }
        return steps
    }

    private static func step(_ action: String, _ table: TOMLTable, _ failure: (String) -> Scenario.Failure) throws -> ScriptStep {
        let value = table[action]!
        switch action {
        case "wait":
            guard let seconds = seconds(value) else { throw failure("key 'wait': expected seconds >= 0") }
            return .wait(.nanoseconds(Int64(seconds * 1e9)))
        case "fail":
            guard let text = value.string else { throw failure("key 'fail': expected SIDE[:MODE], e.g. \"A\" or \"B:offline\"") }
            do {
                return .fail(try FailStep(text))
            } catch {
                throw failure("key 'fail': \(error)")
            }
        default:
            guard let name = value.string else { throw failure("key '\(action)': expected a message name") }
            let assignments = try fields(table, failure)
            do {
                switch action {
                case "expect":
                    var timeout = defaultTimeout
                    if let given = table["timeout"] {
                        guard let seconds = seconds(given), seconds > 0 else { throw failure("key 'timeout': expected seconds > 0") }
                        timeout = seconds
                    }
                    return .expect(try ExpectedRequest(name: name, assignments: assignments), timeout: .nanoseconds(Int64(timeout * 1e9)))
                case "reply":
                    return .reply(try message(name, assignments))
                default:
                    return .send(try message(name, assignments), at: nil)
                }
            } catch let error as CTIEncodeError {
                throw failure("key '\(assignments.isEmpty ? action : "fields")': \(error)")
            }
        }
    }

    /// The message a `reply` or `send` step sends, encoded once here so that a field it lacks
    /// (a required floating field) is the scenario's error, not the session's.
    private static func message(_ name: String, _ assignments: [String]) throws(CTIEncodeError) -> ScriptMessage {
        let message = CTIMessage.fields(try FieldAssignment().build(name, assignments: assignments))
        _ = try CTIMessageEncoder(version: .v25).encode(message)
        return .message(message)
    }

    /// `fields = { Name = value, … }` as `Name=value` words.
    private static func fields(_ table: TOMLTable, _ failure: (String) -> Scenario.Failure) throws -> [String] {
        guard let value = table["fields"] else { return [] }
        guard let fields = value.table else { throw failure("key 'fields': expected a table, e.g. { DialedNumber = \"5551234\" }") }
        var words: [String] = []
        for key in fields.keys.sorted() {
            let value = fields[key]!
            let elements: [any TOMLValueConvertible] = value.array.map { Array($0) } ?? [value]
            for element in elements {
                guard let text = text(element) else { throw failure("key 'fields': \(key): expected a string, number or boolean") }
                words.append("\(key)=\(text)")
            }
        }
        return words
    }

    private static func text(_ value: any TOMLValueConvertible) -> String? {
        if let string = value.string { return string }
        if let int = value.int { return "\(int)" }
        if let bool = value.bool { return "\(bool)" }
        if let double = value.double { return "\(double)" }
        return nil
    }

    private static func seconds(_ value: any TOMLValueConvertible) -> Double? {
        guard let seconds = value.double ?? value.int.map(Double.init), seconds >= 0, seconds.isFinite else { return nil }
        return seconds
    }
}
