import Synchronization

/// A table of named values from `constants.md`, as carried in `messages.json` `enumTables`.
///
/// Tables whose name ends in `Mask` are bit masks: each entry names one bit. The others are
/// enumerations: each entry names one value. Values without a Cisco symbol carry the project's
/// names (`ERRATA.md`). 0xFFFF / 0xFFFFFFFF in any enum field mean "none" and render as `NONE`.
public final class EnumTable: Sendable {
    /// The table's name in `messages.json`, e.g. `EventCause`, `ServiceMask`.
    public let name: String
    /// Whether each entry is a bit of a mask rather than a value.
    public let isMask: Bool
    /// Entries sorted by value.
    public let entries: [(value: UInt32, name: String)]
    private let byValue: [UInt32: String]
    /// Every spelling accepted for an entry (upper-cased, `-` read as `_`) → value; built on
    /// first use.
    private let byAlias = Mutex<[String: UInt32]?>(nil)

    init(name: String, entries raw: [String: String]) {
        self.name = name
        self.isMask = name.hasSuffix("Mask")
        let entries = raw.compactMap { key, symbol in UInt32(key).map { (value: $0, name: symbol) } }
            .sorted { $0.value < $1.value }
        self.entries = entries
        self.byValue = Dictionary(entries.map { ($0.value, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// Builds the spelling → value map (on first use: rendering never needs it).
    private static func aliasMap(_ entries: [(value: UInt32, name: String)]) -> [String: UInt32] {
        var aliases: [String: UInt32] = [:]
        var ambiguous: Set<String> = []
        let tablePrefixes = EnumTable.commonPrefixes(entries.map(\.name))
        for entry in entries {
            for alias in EnumTable.aliases(of: entry.name, tablePrefixes: tablePrefixes) where !ambiguous.contains(alias) {
                if let existing = aliases[alias], existing != entry.value {
                    aliases[alias] = nil
                    ambiguous.insert(alias)
                } else {
                    aliases[alias] = entry.value
                }
            }
        }
        // A full symbol always wins over a shortened alias of another entry.
        for entry in entries { aliases[EnumTable.normalize(entry.name)] = entry.value }
        return aliases
    }

    /// The symbol for a value, `nil` when the table has none.
    public func name(of value: UInt32) -> String? { byValue[value] }

    /// The value of a symbol or one of its short spellings (case-insensitive, `-` for `_`):
    /// `CTI_SERVICE_CLIENT_EVENTS`, `CLIENT_EVENTS`, `client-events`.
    public func value(named text: some StringProtocol) -> UInt32? {
        let key = EnumTable.normalize(text)
        return byAlias.withLock { map in
            if map == nil { map = EnumTable.aliasMap(entries) }
            return map![key]
        }
    }

    /// Every bit value the table defines, OR-ed (masks only).
    public var definedBits: UInt32 { entries.reduce(0) { $0 | $1.value } }

    /// The names of the bits set in `value`, lowest bit first; bits the table does not define are
    /// left out (see ``undefinedBits(in:)``).
    public func bitNames(of value: UInt32) -> [String] {
        entries.filter { $0.value != 0 && value & $0.value == $0.value }.map(\.name)
    }

    /// The bits of `value` the table does not define.
    public func undefinedBits(in value: UInt32) -> UInt32 { value & ~definedBits }

    static func normalize(_ text: some StringProtocol) -> String {
        String(text.trimmedSpaces).uppercased().replacing("-", with: "_")
    }

    /// Short spellings: without the `_MASK` suffix, without the prefixes many symbols of the
    /// table share (`CALLTYPE_`, `AGENT_STATE_`, `CEC_`), and without the usual family prefixes
    /// (`CTI_SERVICE_`, `CTI_`, `AGENT_`, `CALL_`, ...).
    static func aliases(of symbol: String, tablePrefixes: [String]) -> [String] {
        var out: [String] = []
        var base = normalize(symbol)
        if base.hasSuffix("_MASK") { base.removeLast(5); out.append(base) }
        for prefix in tablePrefixes + ["CTI_SERVICE_", "CTI_", "AGENT_", "CALL_", "CONFIG_", "E_CTI_", "E_", "CF_", "SYS_", "PGS_"]
        where base.hasPrefix(prefix) && base.count > prefix.count {
            out.append(String(base.dropFirst(prefix.count)))
        }
        return out
    }

    /// The prefixes of whole `_`-separated words (one or two) that at least a quarter of the
    /// table's symbols share (`CALLTYPE_`, `AGENT_STATE_`, `CEC_` and `CECX_`).
    static func commonPrefixes(_ symbols: [String]) -> [String] {
        guard symbols.count > 1 else { return [] }
        var counts: [String: Int] = [:]
        for symbol in symbols.map(normalize) {
            let words = symbol.split(separator: "_", omittingEmptySubsequences: false)
            guard words.count > 1 else { continue }
            for length in 1...min(2, words.count - 1) { counts[words.prefix(length).joined(separator: "_") + "_", default: 0] += 1 }
        }
        return counts.filter { $0.value * 4 >= symbols.count && $0.value > 1 }.keys.sorted { $0.count > $1.count }
    }
}
