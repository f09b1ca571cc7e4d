/// Parses mask values as people write them (`constants.md` §1-4): symbols in full
/// (`CTI_SERVICE_CLIENT_EVENTS`) or short (`CLIENT_EVENTS`, `client-events`), numbers (`17`,
/// `0x11`), lists joined by `,` or `|`, and `all` for every bit the table defines in its
/// catalogue's protocol version.
///
/// Bits the spec does not define are refused unless `allowUndefined` is set: servers reject them
/// (E_CTI_INVALID_SERVICE_MASK and friends). So are bits newer than the table's protocol version
/// (``EnumTable/arrivals``: E_CTI_INVALID_TAG_FOR_VERSION).
public enum MaskParser {
    /// A mask text that cannot be read.
    public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        public var table: String
        public var text: String
        public var reason: String
        public var description: String { "\(table): '\(text)' \(reason)" }
    }

    public static func parse(_ text: some StringProtocol, table: EnumTable, allowUndefined: Bool = false) throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        let parts = text.split(whereSeparator: { $0 == "," || $0 == "|" || $0 == "+" }).map { $0.trimmedSpaces }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { throw Failure(table: table.name, text: String(text), reason: "is empty") }
        for part in parts {
            if part.lowercased() == "all" {
                value |= table.availableBits
            } else if part.lowercased() == "none" || part == "0" {
                continue
            } else if let number = NumberParser.unsigned(part) {
                let undefined = table.undefinedBits(in: number)
                if undefined != 0 && !allowUndefined {
                    throw Failure(table: table.name, text: String(part),
                                  reason: "sets bit(s) 0x\(String(undefined, radix: 16)) the spec does not define (servers reject them)")
                }
                try refuseLater(number, part, table)
                value |= number
            } else if let bit = table.value(named: part) {
                try refuseLater(bit, part, table)
                value |= bit
            } else {
                throw Failure(table: table.name, text: String(part), reason: "is not a name in this mask (see `cti describe masks`)")
            }
        }
        return value
    }

    private static func refuseLater(_ bits: UInt32, _ text: some StringProtocol, _ table: EnumTable) throws(Failure) {
        guard let later = table.laterArrival(in: bits) else { return }
        throw Failure(table: table.name, text: String(text),
                      reason: "sets bit 0x\(String(later.value, radix: 16)), which arrived in protocol \(later.since): not in the protocol version chosen")
    }
}

/// Numbers as people write them: decimal, `0x` hex, negative decimal for signed fields.
public enum NumberParser {
    /// A non-negative number up to UInt32.max, decimal or `0x` hex.
    public static func unsigned(_ text: some StringProtocol) -> UInt32? {
        let trimmed = text.trimmedSpaces
        if trimmed.hasPrefix("0x") || trimmed.hasPrefix("0X") { return UInt32(trimmed.dropFirst(2), radix: 16) }
        return UInt32(trimmed)
    }

    /// A signed decimal number from Int32.min.
    public static func signed(_ text: some StringProtocol) -> Int32? { Int32(text.trimmedSpaces) }
}
