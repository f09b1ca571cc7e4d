/// The text form of a message: its name, then `Field=value` for every field in display order.
/// Enums and masks show their symbols (unknown values as numbers), TIME as UTC, UNSPEC as hex,
/// secrets as their length only.
extension CTIMessage {
    /// One line: `NAME Field=value …` (`NAME body=0x…` for messages without a layout).
    public func textLine(catalog: MessageCatalog = .standard) -> String {
        var line = name
        if descriptor?.isExtension == true { line += " [extension]" }
        switch self {
        case .fields(let fields):
            for field in fields.displayFields(catalog: catalog) {
                line += " "
                line += field.name
                line += "="
                line += field.value.text
            }
            for note in fields.notes { line += " !note=\(TextQuoting.quoted(note.description))" }
        case .unknown(let type, let body):
            line += " typeId=\(type) body=\(TextQuoting.hex(body.readableBytesView))"
        case .opaque(_, let body):
            line += " body=\(TextQuoting.hex(body.readableBytesView))"
        }
        return line
    }
}

extension RenderedValue {
    /// The value as it appears after `Field=` in text output.
    public var text: String {
        switch self {
        case .unsigned(let number): String(number)
        case .signed(let number): String(number)
        case .bool(let flag): flag ? "TRUE" : "FALSE"
        case .time(let seconds): UTCTime.iso8601(seconds: seconds)
        case .enumeration(let name, let number): name ?? String(number)
        case .mask(let names, let number, let undefined): MaskText.render(names: names, value: number, undefined: undefined)
        case .text(let string): TextQuoting.quoted(string)
        case .hex(let hex): hex.isEmpty ? "\"\"" : "0x" + hex
        case .secret(let length): TextQuoting.quoted(RenderedValue.secretText(length: length))
        case .variables(let variables):
            "{" + variables.map { "\($0.name)=\(TextQuoting.quoted($0.value))" }.joined(separator: " ") + "}"
        case .list(let items): "[" + items.map(\.text).joined(separator: ",") + "]"
        }
    }
}

enum MaskText {
    /// `A|B`, with bits the table does not name as a trailing `0x…`; `0` when empty.
    static func render(names: [String], value: UInt32, undefined: UInt32) -> String {
        guard value != 0 else { return "0" }
        return (names + (undefined != 0 ? ["0x" + String(undefined, radix: 16)] : [])).joined(separator: "|")
    }
}

/// Quoting for text output: bare when the text is a plain token, else in double quotes with
/// `\"`, `\\` and control characters escaped.
public enum TextQuoting {
    public static func quoted(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            scalar.value > 0x20 && scalar.value < 0x7F && scalar != "\"" && scalar != "\\" && scalar != "=" && scalar != "{" && scalar != "}" && scalar != "[" && scalar != "]" && scalar != ","
        }
        if plain { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let text = Hex.encode(bytes)
        return text.isEmpty ? "\"\"" : "0x" + text
    }
}

/// TIME values as ISO-8601 UTC without Foundation.
public enum UTCTime {
    /// `2026-11-23T13:35:46Z`.
    public static func iso8601(seconds: UInt32) -> String {
        iso8601(epochMilliseconds: Int64(seconds) * 1000, fractional: false)
    }

    /// `2026-11-23T13:35:46.123Z` (or without the fraction).
    public static func iso8601(epochMilliseconds: Int64, fractional: Bool = true) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumCount) { buffer in
            let count = iso8601(epochMilliseconds: epochMilliseconds, fractional: fractional, writingTo: buffer.baseAddress!)
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
        }
    }

    /// Appends the time of day of ``iso8601(epochMilliseconds:fractional:)``, `13:35:46.123`
    /// (between its `T` and `Z`), to UTF-8 text being built.
    public static func appendTimeOfDay(epochMilliseconds: Int64, to text: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumCount) { buffer in
            let count = iso8601(epochMilliseconds: epochMilliseconds, fractional: true, writingTo: buffer.baseAddress!)
            let start = buffer[..<count].firstIndex(of: UInt8(ascii: "T"))! + 1
            text.append(contentsOf: buffer[start..<(count - 1)])
        }
    }

    /// The most bytes ``iso8601(epochMilliseconds:fractional:writingTo:)`` writes (a year of
    /// Int64 milliseconds has at most 9 digits and a sign).
    static let maximumCount = 32

    /// The same text written at `text` (room for ``maximumCount`` bytes); returns its length.
    /// No String in between: JSON Lines write one per event.
    static func iso8601(epochMilliseconds: Int64, fractional: Bool, writingTo text: UnsafeMutablePointer<UInt8>) -> Int {
        let totalSeconds = epochMilliseconds >= 0 ? epochMilliseconds / 1000 : (epochMilliseconds - 999) / 1000
        let millis = Int(epochMilliseconds - totalSeconds * 1000)
        var days = Int(totalSeconds >= 0 ? totalSeconds / 86_400 : (totalSeconds - 86_399) / 86_400)
        let secondOfDay = Int(totalSeconds - Int64(days) * 86_400)
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        var count = 0
        func put(_ byte: UInt8) {
            text[count] = byte
            count += 1
        }
        /// `value` in at least `width` digits.
        func pad(_ value: Int, _ width: Int) {
            var digits = 1
            var limit = 10
            while value >= limit && digits < 19 { digits += 1; limit &*= 10 }
            digits = max(digits, width)
            var rest = value
            for index in stride(from: digits - 1, through: 0, by: -1) {
                text[count + index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            count += digits
        }
        if year < 0 { put(UInt8(ascii: "-")) }
        pad(abs(year), 4)
        put(UInt8(ascii: "-")); pad(month, 2); put(UInt8(ascii: "-")); pad(day, 2)
        put(UInt8(ascii: "T")); pad(secondOfDay / 3600, 2); put(UInt8(ascii: ":")); pad(secondOfDay / 60 % 60, 2); put(UInt8(ascii: ":")); pad(secondOfDay % 60, 2)
        if fractional { put(UInt8(ascii: ".")); pad(millis, 3) }
        put(UInt8(ascii: "Z"))
        return count
    }
}
