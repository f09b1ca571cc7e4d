/// `cti load --agents-file FILE` (issue 22): one virtual agent per line, comma-separated:
///
///     agent_id,instrument,password,skill_groups,remote_phone
///     1001,2001,secret,10;11,9195550001
///
/// Only the first two columns are required; skill groups are numbers separated by `;` or
/// spaces; the remote phone makes the agent a mobile agent with a nailed connection under
/// `--persistent`. A first line naming the columns, blank lines and lines starting with `#` are
/// skipped; a field may be in double quotes (`""` for a quote inside).
enum AgentsFile {
    /// A line that cannot be used, with the file and line number (exit 65).
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The columns in their order.
    static let columns = ["agent_id", "instrument", "password", "skill_groups", "remote_phone"]

    /// What the first column of a heading line says.
    static let headerNames: Set<String> = ["agent_id", "agentid", "agent id", "agent"]

    static func parse(_ text: String, path: String) throws(Failure) -> [LoadAgent] {
        var agents: [LoadAgent] = []
        var seenAgentIDs: [String: Int] = [:]
        var seenInstruments: [String: Int] = [:]
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            func fail(_ message: String) -> Failure { Failure(description: "\(path):\(number): \(message)") }
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
            guard let fields = splitFields(line) else { throw fail("a quoted field is not closed") }
            if agents.isEmpty, let first = fields.first?.lowercased(), headerNames.contains(first) { continue }
            guard (2...columns.count).contains(fields.count) else {
                throw fail("expected 2 to \(columns.count) fields (\(columns.joined(separator: ","))), found \(fields.count)")
            }
            let agentID = fields[0], instrument = fields[1]
            guard !agentID.isEmpty else { throw fail("the agent ID is empty") }
            guard !instrument.isEmpty else { throw fail("agent \(agentID) has no instrument") }
            if let earlier = seenAgentIDs[agentID] { throw fail("agent \(agentID) is listed again (first on line \(earlier))") }
            if let earlier = seenInstruments[instrument] { throw fail("instrument \(instrument) is listed again (first on line \(earlier))") }
            seenAgentIDs[agentID] = number
            seenInstruments[instrument] = number
            var skillGroups: [UInt32] = []
            if fields.count > 3 {
                for group in fields[3].split(whereSeparator: { $0 == ";" || $0 == " " }) {
                    guard let value = UInt32(group) else { throw fail("skill group '\(group)' of agent \(agentID) is not a number") }
                    skillGroups.append(value)
                }
            }
            let password = fields.count > 2 && !fields[2].isEmpty ? fields[2] : nil
            let remotePhone = fields.count > 4 && !fields[4].isEmpty ? fields[4] : nil
            agents.append(LoadAgent(agentID: agentID, instrument: instrument, password: password, skillGroups: skillGroups,
                                    remotePhone: remotePhone))
        }
        guard !agents.isEmpty else { throw Failure(description: "\(path): no agents in the file") }
        return agents
    }

    /// The comma-separated fields of a line, trimmed, quotes removed; `nil` for an open quote.
    static func splitFields(_ line: Substring) -> [String]? {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if quoted {
                if character == "\"" {
                    let next = line.index(after: index)
                    if next < line.endIndex && line[next] == "\"" {
                        current.append("\"")
                        index = next
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" && current.allSatisfy(\.isWhitespace) {
                current = ""
                quoted = true
            } else if character == "," {
                fields.append(trimmed(current))
                current = ""
            } else {
                current.append(character)
            }
            index = line.index(after: index)
        }
        guard !quoted else { return nil }
        fields.append(trimmed(current))
        return fields
    }

    private static func trimmed(_ text: String) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
