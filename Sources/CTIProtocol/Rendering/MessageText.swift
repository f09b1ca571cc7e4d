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
        var bytes: [UInt8] = []
        appendText(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``text`` to UTF-8 text being built (no String in between: summaries write one
    /// per key field of every event).
    public func appendText(to text: inout [UInt8]) {
        switch self {
        case .unsigned(let number): DecimalText.append(number, to: &text)
        case .signed(let number):
            if number < 0 { text.append(UInt8(ascii: "-")) }
            DecimalText.append(number.magnitude, to: &text)
        case .bool(let flag): text.append(contentsOf: (flag ? "TRUE" : "FALSE").utf8)
        case .time(let seconds): text.append(contentsOf: UTCTime.iso8601(seconds: seconds).utf8)
        case .enumeration(let name?, _): text.append(contentsOf: name.utf8)
        case .enumeration(nil, let number): DecimalText.append(number, to: &text)
        case .mask(let names, let number, let undefined): MaskText.append(names: names, value: number, undefined: undefined, to: &text)
        case .text(let string): TextQuoting.append(string, to: &text)
        case .hex(let hex):
            if hex.isEmpty {
                text.append(contentsOf: #""""#.utf8)
            } else {
                text.append(contentsOf: "0x".utf8)
                text.append(contentsOf: hex.utf8)
            }
        case .secret(let length): TextQuoting.append(RenderedValue.secretText(length: length), to: &text)
        case .variables(let variables):
            text.append(UInt8(ascii: "{"))
            for (index, variable) in variables.enumerated() {
                if index > 0 { text.append(UInt8(ascii: " ")) }
                text.append(contentsOf: variable.name.utf8)
                text.append(UInt8(ascii: "="))
                TextQuoting.append(variable.value, to: &text)
            }
            text.append(UInt8(ascii: "}"))
        case .list(let items):
            text.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { text.append(UInt8(ascii: ",")) }
                item.appendText(to: &text)
            }
            text.append(UInt8(ascii: "]"))
        }
    }
}

enum MaskText {
    /// `A|B`, with bits the table does not name as a trailing `0x…`; `0` when empty.
    static func append(names: [String], value: UInt32, undefined: UInt32, to text: inout [UInt8]) {
        guard value != 0 else { return text.append(UInt8(ascii: "0")) }
        for (index, name) in names.enumerated() {
            if index > 0 { text.append(UInt8(ascii: "|")) }
            text.append(contentsOf: name.utf8)
        }
        guard undefined != 0 else { return }
        if !names.isEmpty { text.append(UInt8(ascii: "|")) }
        text.append(contentsOf: "0x".utf8)
        text.append(contentsOf: String(undefined, radix: 16).utf8)
    }
}

/// Unsigned numbers in decimal, written as UTF-8 digits.
enum DecimalText {
    static func append(_ value: UInt32, to text: inout [UInt8]) {
        var divisor: UInt32 = 1
        while value / divisor >= 10 { divisor &*= 10 }
        var rest = value
        repeat {
            text.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest / divisor))
            rest %= divisor
            divisor /= 10
        } while divisor > 0
    }
}

/// Quoting for text output: bare when the text is a plain token, else in double quotes with
/// `\"`, `\\` and control characters escaped.
public enum TextQuoting {
    public static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``quoted(_:)`` to UTF-8 text being built. Byte by byte: every character to
    /// escape is ASCII, and the bytes of other characters are copied as they are.
    static func append(_ string: String, to text: inout [UInt8]) {
        var string = string
        string.withUTF8 { append(utf8: UnsafeRawBufferPointer($0), to: &text) }
    }

    /// Appends the quoted form of UTF-8 bytes (a received string's, before any String is made).
    static func append(utf8 bytes: UnsafeRawBufferPointer, to text: inout [UInt8]) {
        if !bytes.isEmpty && bytes.allSatisfy(isPlain) { return text.append(contentsOf: bytes) }
        text.append(UInt8(ascii: "\""))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): text.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): text.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): text.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\t"): text.append(contentsOf: #"\t"#.utf8)
            case UInt8(ascii: "\r"): text.append(contentsOf: #"\r"#.utf8)
            case ..<0x20, 0x7F:
                text.append(contentsOf: #"\x"#.utf8)
                text.append(contentsOf: String(byte, radix: 16).utf8)
            default: text.append(byte)
            }
        }
        text.append(UInt8(ascii: "\""))
    }

    /// Whether a byte may stand in a bare token: printable ASCII but space and `"\={}[],`.
    private static func isPlain(_ byte: UInt8) -> Bool {
        guard byte > 0x20 && byte < 0x7F else { return false }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "="), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ","): return false
        default: return true
        }
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
