import Foundation

/// `cti ladder --format svg`: the diagram as one self-contained SVG image (issue 21): party
/// names on top with a life line each, one row per step (arrow with its label, or a boxed note),
/// seconds since the first message on the left. Confirmations are dashed.
struct LadderSVGRenderer {
    static let columnWidth = 220
    static let rowHeight = 28
    static let left = 90
    static let top = 70

    static func render(_ diagram: LadderDiagram, title: String) -> String {
        let width = left + diagram.parties.count * columnWidth
        let height = top + diagram.steps.count * rowHeight + 30
        func center(_ column: Int) -> Int { left + column * columnWidth + columnWidth / 2 }
        var lines = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"monospace\" font-size=\"12\">",
            "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\"/></marker></defs>",
            "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
            "<text x=\"10\" y=\"20\" font-weight=\"bold\">\(escaped(title))</text>",
        ]
        for (index, party) in diagram.parties.enumerated() {
            lines.append("<text x=\"\(center(index))\" y=\"\(top - 20)\" text-anchor=\"middle\" font-weight=\"bold\">\(escaped(party))</text>")
            lines.append("<line x1=\"\(center(index))\" y1=\"\(top - 10)\" x2=\"\(center(index))\" y2=\"\(height - 10)\" stroke=\"#999\"/>")
        }
        for (number, step) in diagram.steps.enumerated() {
            let y = top + number * rowHeight + rowHeight / 2
            let time = step.time.map { String(format: "%.3f", $0) } ?? "#\(number + 1)"
            lines.append("<text x=\"\(left - 10)\" y=\"\(y + 4)\" text-anchor=\"end\" fill=\"#555\">\(time)</text>")
            if step.isNote {
                let x = center(step.to)
                let boxWidth = step.label.count * 7 + 10
                lines.append("<rect x=\"\(x - boxWidth / 2)\" y=\"\(y - 10)\" width=\"\(boxWidth)\" height=\"18\" fill=\"#ffffcc\" stroke=\"#999\"/>")
                lines.append("<text x=\"\(x)\" y=\"\(y + 3)\" text-anchor=\"middle\">\(escaped(step.label))</text>")
            } else {
                let dash = step.kind == .confirmation ? " stroke-dasharray=\"5,3\"" : ""
                lines.append("<line x1=\"\(center(step.from))\" y1=\"\(y + 6)\" x2=\"\(center(step.to))\" y2=\"\(y + 6)\" stroke=\"black\"\(dash) marker-end=\"url(#arrow)\"/>")
                lines.append("<text x=\"\((center(step.from) + center(step.to)) / 2)\" y=\"\(y + 1)\" text-anchor=\"middle\">\(escaped(step.label))</text>")
            }
        }
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
