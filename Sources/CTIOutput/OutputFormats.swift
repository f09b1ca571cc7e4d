/// The formats the console writes in: the table `-o`/`--output` takes its values, help and
/// completion from. A new format is one file in `Formats/` and one line here.
public enum OutputFormats {
    /// In the order `--help` lists them; the first is the default.
    public static let all: [any OutputFormat] = [
        TextFormat(),
        JSONLinesFormat(),
        HexFormat(),
        RawRecordingFormat(),
    ]

    /// The format `-o` names `name`.
    public static func named(_ name: String) -> (any OutputFormat)? {
        all.first { $0.name == name }
    }

    /// The `-o` values.
    public static var names: [String] { all.map(\.name) }

    /// The values in words: `text (…), json (…), hex (…) or raw (…)`.
    public static var help: String {
        let described = all.map { "\($0.name) (\($0.summary))" }
        return described.dropLast().joined(separator: ", ") + (described.count > 1 ? " or " : "") + (described.last ?? "")
    }
}
