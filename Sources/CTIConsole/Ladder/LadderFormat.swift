import ArgumentParser

/// `cti ladder --format`: how the diagram is drawn (issue 21).
enum LadderFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Fixed-width columns with times on the left, like sngrep's call flow.
    case text
    /// A Mermaid `sequenceDiagram`, for tickets and Markdown.
    case mermaid
    /// A self-contained SVG image.
    case svg
}
