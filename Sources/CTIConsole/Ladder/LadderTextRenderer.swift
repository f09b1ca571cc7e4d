import Foundation

/// `cti ladder --format text`: one line per step in fixed-width columns, seconds since the
/// first message on the left (the message's number when the input has no times), like sngrep's
/// call flow. Columns never move once drawn, so a live ladder prints each step as it comes and
/// the header again when a party joins.
struct LadderTextRenderer {
    /// Characters per party column: the longest message name (29) with room for an arrow.
    static let columnWidth = 34
    /// The time on the left: `%9.3f` and two spaces.
    static let timeWidth = 11

    /// The header: each party's name centred over its column.
    static func header(_ parties: [String]) -> String {
        var line = Array(repeating: Character(" "), count: timeWidth + parties.count * columnWidth)
        for (index, party) in parties.enumerated() {
            let name = Array(party.prefix(columnWidth - 2))
            let start = center(index) - name.count / 2
            for (offset, character) in name.enumerated() { line[start + offset] = character }
        }
        return trimmed(line)
    }

    /// One step, the `number`-th (1-based), with `partyCount` columns drawn.
    static func row(_ step: LadderStep, number: Int, partyCount: Int) -> String {
        var line = Array(repeating: Character(" "), count: timeWidth + partyCount * columnWidth + columnWidth)
        let time = step.time.map { String(format: "%9.3f", $0) } ?? String(repeating: " ", count: max(0, 9 - "#\(number)".count)) + "#\(number)"
        for (offset, character) in time.enumerated() { line[offset] = character }
        for index in 0..<partyCount { line[center(index)] = "|" }
        let label = Array(step.label)
        if step.isNote {
            let text = Array("* ") + label
            for (offset, character) in text.enumerated() { line[center(step.to) + offset] = character }
        } else {
            let left = center(min(step.from, step.to)), right = center(max(step.from, step.to))
            for position in (left + 1)..<right { line[position] = "-" }
            if step.from < step.to { line[right - 1] = ">" } else { line[left + 1] = "<" }
            let body = Array(" ") + label + Array(" ")
            let start = left + 1 + max(1, (right - left - 1 - body.count) / 2)
            for (offset, character) in body.enumerated() where start + offset < right - 1 { line[start + offset] = character }
        }
        return trimmed(line)
    }

    /// The whole diagram: a title, the header and every step.
    static func render(_ diagram: LadderDiagram, title: String) -> String {
        var lines = [title, header(diagram.parties)]
        for (index, step) in diagram.steps.enumerated() { lines.append(row(step, number: index + 1, partyCount: diagram.parties.count)) }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func center(_ column: Int) -> Int { timeWidth + column * columnWidth + columnWidth / 2 }

    private static func trimmed(_ line: [Character]) -> String {
        String(String(line).reversed().drop { $0 == " " }.reversed())
    }
}
