/// How the formats render what they render: colours, every field or the key ones, frames as hex
/// too (the Output Options `--color`, `-v`, `--hex`; `decode --show-hex`).
public struct OutputSettings: Sendable {
    public var style: TextStyle
    public var verbose: Bool
    /// Adds each message's frame (passwords blanked): a `hex` key in JSON, a dump under the line in text.
    public var hex: Bool

    public init(style: TextStyle = TextStyle(colored: false), verbose: Bool = false, hex: Bool = false) {
        self.style = style
        self.verbose = verbose
        self.hex = hex
    }
}
