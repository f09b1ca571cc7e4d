import NIOCore

/// A minimal streaming JSON writer producing one compact object per call site, used for JSON
/// Lines output. Keys and strings are escaped per RFC 8259.
///
/// Noncopyable: it owns the memory it writes into (``JSONOutput``), so an append is a bounds
/// check and a copy, without the uniqueness and capacity checks of an array's.
public struct JSONWriter: ~Copyable, Sendable {
    private var out: JSONOutput
    /// The UTF-8 text written so far.
    public var bytes: [UInt8] { out.array }
    /// Per open object or array (bit `depth - 1`): whether a value was written, so the next one
    /// needs a comma. The JSON written here nests a few levels, never 64.
    private var needsComma: UInt64 = 0
    private var depth = 0

    /// `capacity`: bytes reserved at once (a JSON line of an event is a few hundred).
    public init(capacity: Int = 512) {
        out = JSONOutput(capacity: capacity)
    }

    /// The text written so far.
    public var string: String { out.withBytes { String(decoding: $0, as: UTF8.self) } }

    /// Appends the UTF-8 written so far to `output` (a stream's buffer): no array in between.
    public func append(to output: inout [UInt8]) { out.withBytes { output.append(contentsOf: $0) } }

    public mutating func beginObject() { valuePrefix(); out.append(UInt8(ascii: "{")); open() }
    public mutating func endObject() { out.append(UInt8(ascii: "}")); depth -= 1 }
    public mutating func beginArray() { valuePrefix(); out.append(UInt8(ascii: "[")); open() }
    public mutating func endArray() { out.append(UInt8(ascii: "]")); depth -= 1 }

    private mutating func open() {
        precondition(depth < 64, "JSONWriter: nested too deep")
        needsComma &= ~(1 << UInt64(depth))
        depth += 1
    }

    /// Writes `"key":`; the next value call writes the value.
    public mutating func key(_ key: String) {
        valuePrefix()
        writeEscaped(key)
        out.append(UInt8(ascii: ":"))
        pendingKey = true
    }

    public mutating func string(_ value: String) { valuePrefix(); writeEscaped(value) }
    /// A timestamp as an ISO-8601 UTC string (``UTCTime/iso8601(epochMilliseconds:fractional:)``).
    public mutating func timestamp(epochMilliseconds: Int64) {
        valuePrefix()
        out.append(UInt8(ascii: "\""))
        out.write(maximumCount: UTCTime.maximumCount) { UTCTime.iso8601(epochMilliseconds: epochMilliseconds, fractional: true, writingTo: $0) }
        out.append(UInt8(ascii: "\""))
    }

    /// `"key":` as ``key(encoded:)`` takes it.
    static func encodedKey(_ name: String) -> [UInt8] {
        var writer = JSONWriter(capacity: name.utf8.count + 3)
        writer.writeEscaped(name)
        writer.out.append(UInt8(ascii: ":"))
        return writer.bytes
    }

    /// `"text"`, as ``string(encoded:)`` takes it.
    static func encodedString(_ text: String) -> [UInt8] {
        var writer = JSONWriter(capacity: text.utf8.count + 2)
        writer.writeEscaped(text)
        return writer.bytes
    }

    /// Writes a string encoded by ``encodedString(_:)`` (the catalogue's symbols).
    mutating func string(encoded: [UInt8]) {
        valuePrefix()
        out.append(contentsOf: encoded)
    }

    /// Writes a key encoded by ``encodedKey(_:)`` (the catalogue's field names).
    mutating func key(encoded: [UInt8]) {
        valuePrefix()
        out.append(contentsOf: encoded)
        pendingKey = true
    }

    /// A wire STRING's text (invalid UTF-8 becomes U+FFFD), written from its bytes.
    public mutating func string(_ text: CTIString) { valuePrefix(); text.withUnsafeBytes { writeEscaped($0) } }

    /// Writes `"key":` from a wire STRING (a named variable's name).
    public mutating func key(_ text: CTIString) {
        valuePrefix()
        text.withUnsafeBytes { writeEscaped($0) }
        out.append(UInt8(ascii: ":"))
        pendingKey = true
    }

    /// Bytes as a string of lower-case hex digits (``Hex/encode(_:)``), written in place.
    public mutating func hexString(_ buffer: ByteBuffer) {
        valuePrefix()
        out.append(UInt8(ascii: "\""))
        for byte in buffer.readableBytesView {
            out.append(Hex.digit(byte >> 4))
            out.append(Hex.digit(byte & 0xF))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// A string given as raw bytes (invalid UTF-8 becomes U+FFFD).
    public mutating func string(utf8 value: some Collection<UInt8>) { string(String(decoding: value, as: UTF8.self)) }
    public mutating func number(_ value: some BinaryInteger) {
        valuePrefix()
        if value < 0 { out.append(UInt8(ascii: "-")) }
        writeDecimal(UInt64(truncatingIfNeeded: value.magnitude))
    }
    public mutating func bool(_ value: Bool) { valuePrefix(); out.append(contentsOf: value ? "true" : "false") }
    public mutating func null() { valuePrefix(); out.append(contentsOf: "null") }

    private var pendingKey = false

    private mutating func valuePrefix() {
        guard depth > 0 else { return }
        let bit: UInt64 = 1 << UInt64(depth - 1)
        if pendingKey {
            pendingKey = false
        } else if needsComma & bit != 0 {
            out.append(UInt8(ascii: ","))
        }
        needsComma |= bit
    }

    /// The decimal digits of `value`, without going through a String.
    private mutating func writeDecimal(_ value: UInt64) {
        guard value >= 10 else { out.append(UInt8(ascii: "0") + UInt8(value)); return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var remaining = value
            var start = 20
            while remaining > 0 {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// `"text"`, escaped. Runs of bytes that need no escape are copied at once.
    mutating func writeEscaped(_ text: String) {
        var text = text
        text.withUTF8 { writeEscaped(utf8: $0) }
    }

    /// `"text"` from bytes off the wire: ASCII (the usual case) is written as it is; anything
    /// else goes through `String(decoding:)` first, which replaces invalid UTF-8 with U+FFFD.
    private mutating func writeEscaped(_ raw: UnsafeRawBufferPointer) {
        let utf8 = raw.assumingMemoryBound(to: UInt8.self)
        if Self.isASCII(utf8) {
            writeEscaped(utf8: utf8)
        } else {
            writeEscaped(String(decoding: utf8, as: UTF8.self))
        }
    }

    private static func isASCII(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var combined: UInt8 = 0
        for byte in utf8 { combined |= byte }
        return combined < 0x80
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F
    }

    /// Whether any byte needs an escape. This runs for every string written, so it tests eight
    /// bytes at a time: a byte below 0x20, or equal to `"`, `\\` or 0x7F, in a word `w` shows as
    /// a high bit in `(x - 0x01…) & ~x & 0x80…` for `x = w` minus 0x20 per byte (below), or
    /// `x = w ^ c` for each `c` (equal); the test is exact for "any byte".
    private static func needsEscape(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        var index = 0
        while index + 8 <= utf8.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if (word &- ones &* 0x20) & ~word & highs != 0 || hasZeroByte(word ^ (ones &* 0x22))
                || hasZeroByte(word ^ (ones &* 0x5C)) || hasZeroByte(word ^ (ones &* 0x7F)) {
                return true
            }
            index += 8
        }
        while index < utf8.count {
            if needsEscape(base[index]) { return true }
            index += 1
        }
        return false
    }

    private mutating func writeEscaped(utf8: UnsafeBufferPointer<UInt8>) {
        out.append(UInt8(ascii: "\""))
        guard Self.needsEscape(utf8) else {
            // The usual case (names, digits, words): one copy.
            out.append(contentsOf: utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        var runStart = 0
        for index in utf8.indices {
            let byte = utf8[index]
            guard Self.needsEscape(byte) else { continue }
            if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
            runStart = index + 1
            switch byte {
            case UInt8(ascii: "\""): out.append(0x5C); out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            default:
                out.append(contentsOf: "\\u00")
                out.append(Hex.digit(byte >> 4))
                out.append(Hex.digit(byte & 0xF))
            }
        }
        if runStart < utf8.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        out.append(UInt8(ascii: "\""))
    }
}

/// The bytes a ``JSONWriter`` has written: memory it owns, grown by doubling.
struct JSONOutput: ~Copyable, @unchecked Sendable {
    // Sendable: the memory belongs to this value alone (noncopyable), like an array's.
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private mutating func grow(to needed: Int) {
        let larger = max(capacity * 2, needed)
        let memory = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        memory.update(from: base, count: count)
        base.deallocate()
        base = memory
        capacity = larger
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func append(contentsOf bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append(contentsOf: $0) }
    }

    mutating func append(contentsOf text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Lets `body` write at most `maximumCount` bytes in place; it returns how many it wrote.
    mutating func write(maximumCount: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        reserve(maximumCount)
        count += body(base + count)
    }
}
