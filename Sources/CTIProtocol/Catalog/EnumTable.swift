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
    /// Names of the values below 256, by value: most enumerations are small numbers, and an
    /// array index is cheaper than hashing for the lookup every rendered enum makes.
    private let denseNames: [String?]
    /// Each entry's name as a JSON string (`"NAME"`), parallel to ``entries``; and the same by
    /// value below 256. Encoded once for the JSON writer.
    let jsonNames: [[UInt8]]
    private let denseJSONNames: [[UInt8]?]
    /// Every spelling accepted for an entry (upper-cased, `-` read as `_`) → value; built on
    /// first use.
    private let byAlias = Mutex<[String: UInt32]?>(nil)
    /// Values (bits, for masks) newer than the catalogue's protocol version → the version each
    /// arrived in (``VersionHistory``). The entries still name them, for display.
    public let arrivals: [UInt32: UInt32]

    init(name: String, entries raw: [String: String], arrivals: [UInt32: UInt32] = [:]) {
        self.name = name
        self.arrivals = arrivals
        self.isMask = name.hasSuffix("Mask")
        let entries = raw.compactMap { key, symbol in UInt32(key).map { (value: $0, name: symbol) } }
            .sorted { $0.value < $1.value }
        self.entries = entries
        self.byValue = Dictionary(entries.map { ($0.value, $0.name) }, uniquingKeysWith: { first, _ in first })
        var dense = [String?](repeating: nil, count: (entries.last { $0.value < 256 }?.value).map { Int($0) + 1 } ?? 0)
        for entry in entries.reversed() where entry.value < UInt32(dense.count) { dense[Int(entry.value)] = entry.name }
        self.denseNames = dense
        let jsonNames = entries.map { JSONWriter.encodedString($0.name) }
        self.jsonNames = jsonNames
        var denseJSON = [[UInt8]?](repeating: nil, count: dense.count)
        for (index, entry) in entries.enumerated().reversed() where entry.value < UInt32(dense.count) { denseJSON[Int(entry.value)] = jsonNames[index] }
        self.denseJSONNames = denseJSON
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
    public func name(of value: UInt32) -> String? {
        value < UInt32(denseNames.count) ? denseNames[Int(value)] : byValue[value]
    }

    /// The symbol for a value as a JSON string, `nil` when the table has none.
    func jsonName(of value: UInt32) -> [UInt8]? {
        if value < UInt32(denseJSONNames.count) { return denseJSONNames[Int(value)] }
        return byValue[value].map(JSONWriter.encodedString)
    }

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

    /// The defined bits the catalogue's protocol version has (``definedBits`` without the
    /// later ``arrivals``): what `all` means in that version.
    public var availableBits: UInt32 { arrivals.keys.reduce(definedBits) { $0 & ~$1 } }

    /// The names of the bits set in `value`, lowest bit first; bits the table does not define are
    /// left out (see ``undefinedBits(in:)``).
    public func bitNames(of value: UInt32) -> [String] {
        var names: [String] = []
        forEachBitName(of: value) { names.append($0) }
        return names
    }

    /// Calls `body` with the name of each bit set in `value`, lowest bit first (no array made:
    /// the JSON writer calls this for every mask it prints).
    public func forEachBitName(of value: UInt32, _ body: (String) -> Void) {
        for entry in entries where entry.value != 0 && value & entry.value == entry.value { body(entry.name) }
    }

    /// Calls `body` with the JSON string of each bit name set in `value`, lowest bit first.
    func forEachJSONBitName(of value: UInt32, _ body: ([UInt8]) -> Void) {
        for index in entries.indices where entries[index].value != 0 && value & entries[index].value == entries[index].value { body(jsonNames[index]) }
    }

    /// A value (for masks: the lowest bit set in `value`) that is newer than the catalogue's
    /// protocol version, and the version it arrived in; `nil` when the version has them all.
    public func laterArrival(in value: UInt32) -> (value: UInt32, since: UInt32)? {
        guard !arrivals.isEmpty else { return nil }
        if !isMask { return arrivals[value].map { (value, $0) } }
        return arrivals.filter { $0.key != 0 && value & $0.key == $0.key }.min { $0.key < $1.key }.map { ($0.key, $0.value) }
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
