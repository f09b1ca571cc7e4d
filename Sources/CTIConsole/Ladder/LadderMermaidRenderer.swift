import Foundation

/// `cti ladder --format mermaid`: a Mermaid `sequenceDiagram` (issue 21), one `participant`
/// line per party; requests `->>`, confirmations `-->>` (dashed), events `-)`, and a message that
/// concerns one party only as `Note over`.
struct LadderMermaidRenderer {
    static func render(_ diagram: LadderDiagram, title: String) -> String {
        var lines = ["sequenceDiagram", "    title \(escaped(title))"]
        for (index, party) in diagram.parties.enumerated() { lines.append("    participant P\(index) as \(escaped(party))") }
        for step in diagram.steps {
            let label = step.time.map { "\(step.label) (+\(String(format: "%.3f", $0)))" } ?? step.label
            if step.isNote {
                lines.append("    Note over P\(step.to): \(escaped(label))")
            } else {
                let arrow = switch step.kind {
                case .request: "->>"
                case .confirmation: "-->>"
                case .event: "-)"
                }
                lines.append("    P\(step.from)\(arrow)P\(step.to): \(escaped(label))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Mermaid ends a label at a line break and reads `;` and `#` specially: they are written as entities.
    private static func escaped(_ text: String) -> String {
        text.map { character -> String in
            switch character {
            case "#": "#35;"
            case ";": "#59;"
            case "\n": " "
            default: String(character)
            }
        }.joined()
    }
}
