import ArgumentParser
import CTIProtocol

extension DescribeCommand {
    /// `cti describe versions [N]`: what arrived in each protocol version `cti` speaks
    /// (``VersionHistory``, issue 20); with a version number, each change with its source.
    static func describeVersions(_ name: String?, history: VersionHistory = .standard) throws -> [String] {
        let catalog = MessageCatalog.standard
        if let name {
            guard let number = NumberParser.unsigned(name), let release = history.release(number) else {
                let known = history.releases.map(\.number.description).joined(separator: ", ")
                throw ValidationError("'\(name)' is not a protocol version cti speaks (\(known))")
            }
            var lines = ["Protocol \(release.number) (UCCE \(release.ucce)): \(release.summary)"]
            for arrival in history.arrivals(in: number) {
                lines.append("  \(words(arrival.subject, catalog: catalog))")
                lines.append("      source: \(arrival.source)")
            }
            for retirement in history.retirements where retirement.until + 1 == number {
                lines.append("  removed: \(retirement.table) \(retirement.value) \(retirement.name)")
                lines.append("      source: \(retirement.source)")
            }
            lines.append("Sources of this version: " + release.sources.joined(separator: "; "))
            let cited = Set(history.arrivals(in: number).flatMap { citedKeys($0.source) } + release.sources.flatMap(citedKeys))
            for key in cited.sorted() { if let text = history.sources[key] { lines.append("  [\(key)] \(text)") } }
            return lines
        }
        var lines = ["protocol  UCCE   what arrived"]
        for release in history.releases {
            lines.append("\(String(release.number).padded(9)) \(release.ucce.padded(6)) \(release.summary)")
        }
        for release in history.releases {
            let arrivals = history.arrivals(in: release.number)
            let retired = history.retirements.filter { $0.until + 1 == release.number }
            guard !arrivals.isEmpty || !retired.isEmpty else { continue }
            lines.append("")
            lines.append("Protocol \(release.number) (UCCE \(release.ucce)):")
            for (title, group) in groups(arrivals, catalog: catalog) where !group.isEmpty {
                lines.append("  \(title.padded(9)) " + group.joined(separator: ", "))
            }
            if !retired.isEmpty {
                lines.append("  removed   " + retired.map { "\($0.table) \($0.value) \($0.name)" }.joined(separator: ", "))
            }
        }
        lines.append("")
        lines.append("cti describe versions N: each change of version N with its source. Older servers: cti --protocol auto (the default for sessions).")
        return lines
    }

    /// The arrivals of one version in four groups, each in file order.
    private static func groups(_ arrivals: [VersionHistory.Arrival], catalog: MessageCatalog) -> [(String, [String])] {
        var messages: [String] = [], fields: [String] = [], tags: [String] = [], values: [String] = []
        for arrival in arrivals {
            switch arrival.subject {
            case .message(let name): messages.append(name)
            case .fixedField(let message, let field): fields.append("\(message).\(field) (fixed)")
            case .floatingField(let message, let field): fields.append("\(message).\(field)")
            case .tag(let tag): tags.append("\(tag) \(catalog.tags[tag]?.symbol ?? "?")")
            case .value(let table, let value): values.append("\(table) \(valueName(table, value, catalog: catalog))")
            }
        }
        return [("messages", messages), ("fields", fields), ("tags", tags), ("values", values)]
    }

    /// One arrival in words, for the detail of a version.
    private static func words(_ subject: VersionHistory.Subject, catalog: MessageCatalog) -> String {
        switch subject {
        case .message(let name): "message \(name) (\(catalog.descriptor(named: name).map { String($0.typeID) } ?? "?"))"
        case .fixedField(let message, let field): "fixed field \(message).\(field)"
        case .floatingField(let message, let field): "floating field \(message).\(field)"
        case .tag(let tag): "tag \(tag) \(catalog.tags[tag]?.symbol ?? "?")"
        case .value(let table, let value): "\(table) \(valueName(table, value, catalog: catalog))"
        }
    }

    private static func valueName(_ table: String, _ value: UInt32, catalog: MessageCatalog) -> String {
        let enumTable = catalog.enumTable(named: table)
        let number = enumTable?.isMask == true ? "0x\(String(value, radix: 16))" : String(value)
        return enumTable?.name(of: value).map { "\(number) \($0)" } ?? number
    }

    /// The `[KEY]` citations in a source text.
    private static func citedKeys(_ text: String) -> [String] {
        text.split(separator: "[").dropFirst().compactMap { part in part.firstIndex(of: "]").map { String(part[..<$0]) } }
    }
}
