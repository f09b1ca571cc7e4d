import CTIProtocol
import NIOCore

/// Random but valid frames of every message of the catalog, for checking the generated Wireshark
/// dissector against `cti decode` (`WiresharkDissectorTests`) and for `cti-bench pcap`'s
/// capture: every layout with random fixed values (enumerations with
/// named and unnamed values, masks with undefined bits too), required floating fields always,
/// optional ones now and then, repeated ones 0-3 times, strings of printable ASCII (quotes and
/// backslashes included), named variables and arrays, tags outside the layout (from the tag
/// table, or unknown), aliased tags; the alternative fixed layouts of `ERRATA.md`; messages
/// without a layout and an unknown type as raw bodies.
public struct RandomFrames {
    public let catalog: MessageCatalog
    private var rng: SplitMix64

    /// One frame and the direction it travels.
    public struct Frame: Sendable {
        public var bytes: [UInt8]
        public var fromClient: Bool
        public var name: String

        public init(bytes: [UInt8], fromClient: Bool, name: String) {
            self.bytes = bytes
            self.fromClient = fromClient
            self.name = name
        }
    }

    public init(catalog: MessageCatalog = .standard, seed: UInt64) {
        self.catalog = catalog
        self.rng = SplitMix64(seed: seed)
    }

    /// A frame of every message (two of those that travel both ways, one each way), the
    /// alternative layouts, and an unknown message type.
    public mutating func everyLayout() throws -> [Frame] {
        let encoder = CTIMessageEncoder(allowUndefinedMaskBits: true)
        var frames: [Frame] = []
        func add(_ message: CTIMessage, fromClient: Bool, name: String) throws {
            frames.append(Frame(bytes: Array(try encoder.encode(message).readableBytesView), fromClient: fromClient, name: name))
        }
        for descriptor in catalog.messages {
            let ways: [Bool] = switch descriptor.direction {
            case .clientToServer: [true]
            case .serverToClient: [false]
            case .both, .unknown: [true, false]
            }
            for fromClient in ways {
                guard descriptor.hasLayout else {
                    try add(.opaque(descriptor, body: ByteBuffer(bytes: bytes(upTo: 24))), fromClient: fromClient, name: descriptor.name)
                    continue
                }
                try add(.fields(fields(for: descriptor, layout: nil)), fromClient: fromClient, name: descriptor.name)
                for layout in descriptor.alternateFixed.indices {
                    try add(.fields(fields(for: descriptor, layout: layout)), fromClient: fromClient, name: descriptor.name + " (alternative layout)")
                }
            }
        }
        var unknownType: UInt32
        repeat { unknownType = UInt32.random(in: 1000...60000, using: &rng) } while catalog.descriptor(type: unknownType) != nil
        try add(.unknown(type: unknownType, body: ByteBuffer(bytes: bytes(upTo: 16))), fromClient: false, name: "UNKNOWN")
        return frames
    }

    /// A number below `bound` (for choices made beside the frames, from the same seed).
    public mutating func below(_ bound: Int) -> Int { Int.random(in: 0..<bound, using: &rng) }

    /// Random fields of a layout (`layout`: an alternative fixed layout by index).
    mutating func fields(for descriptor: MessageDescriptor, layout: Int?) -> MessageFields {
        var fields = MessageFields(descriptor)
        let specs = layout.map { descriptor.alternateFixed[$0].fixed } ?? descriptor.fixed
        fields.alternateLayout = layout
        fields.fixed = specs.map { number(width: $0.size, type: $0.type, table: $0.enumTable) }
        // FAILURE_CONF's alternative is told by its body length: nothing after the fixed part.
        if layout != nil && descriptor.alternateLayoutRule != .whenCanonicalFails { return fields }
        var floating: [FloatingField] = []
        var variable = 0
        for spec in descriptor.floating {
            let count = spec.repeats ? Int.random(in: spec.isRequired ? 1...3 : 0...3, using: &rng)
                : spec.isRequired || Bool.random(using: &rng) ? 1 : 0
            for _ in 0..<count {
                variable += 1
                var tag = spec.tag
                if let alias = descriptor.tagAliases.first(where: { $0.value == spec.tag })?.key, Bool.random(using: &rng) { tag = alias }
                floating.append(FloatingField(tag: tag, value: value(spec.type, maxSize: spec.maxSize, table: spec.enumTable, variable: variable)))
            }
        }
        if descriptor.alternateFixed.isEmpty && Int.random(in: 0..<3, using: &rng) == 0 {
            floating.append(outsideLayoutField(of: descriptor))
        }
        floating.shuffle(using: &rng)
        // Now and then the first field twice (a list, for a field that does not repeat).
        if Int.random(in: 0..<4, using: &rng) == 0, let first = floating.first, !first.value.isNamed { floating.append(first) }
        fields.floating = floating
        return fields
    }

    /// A tag the layout does not list (named by the tag table, or unknown to it), whose display
    /// name is not one of the layout's.
    private mutating func outsideLayoutField(of descriptor: MessageDescriptor) -> FloatingField {
        let names = Set(descriptor.fieldNames)
        let candidates = catalog.tags.values.filter { info in
            descriptor.floatingSpec(tag: info.tag) == nil && descriptor.tagAliases[info.tag] == nil && !names.contains(info.fieldName)
        }.sorted { $0.tag < $1.tag }
        if Bool.random(using: &rng), let info = candidates.randomElement(using: &rng) {
            if let type = info.type, type != .namedVariable, type != .namedArray {
                return FloatingField(tag: info.tag, value: value(type, maxSize: nil, table: nil, variable: 0))
            }
            return FloatingField(tag: info.tag, value: .bytes(ByteBuffer(bytes: bytes(upTo: 8))))
        }
        var tag: UInt16
        repeat { tag = UInt16.random(in: 400...UInt16.max, using: &rng) } while catalog.tags[tag] != nil
        return FloatingField(tag: tag, value: .bytes(ByteBuffer(bytes: bytes(upTo: 12))))
    }

    private mutating func value(_ type: WireType, maxSize: Int?, table: EnumTable?, variable: Int) -> FieldValue {
        switch type {
        case .uchar, .char, .ushort, .short, .uint, .int, .bool, .time:
            return .number(number(width: type.width!, type: type, table: table))
        case .string:
            return .text(text(upTo: min((maxSize ?? 64) - 1, 40)))
        case .unspec:
            return .bytes(ByteBuffer(bytes: bytes(upTo: min(maxSize ?? 32, 32))))
        case .namedVariable:
            return .namedVariable(name: CTIString("user.v\(variable)" + text(upTo: 8)), value: CTIString(text(upTo: 40)))
        case .namedArray:
            return .namedArray(index: UInt8.random(in: 0...UInt8.max, using: &rng), name: CTIString("user.a\(variable)" + text(upTo: 8)),
                               value: CTIString(text(upTo: 40)))
        case .ushortArray, .uintArray:
            let width = type == .uintArray ? 4 : 2
            let count = Int.random(in: 0...min((maxSize ?? 24) / width, 6), using: &rng)
            return .numbers((0..<count).map { _ in number(width: width, type: type == .uintArray ? .uint : .ushort, table: table) })
        }
    }

    /// A number of the width: a named value half the time for enumerations, any bits for masks
    /// (undefined ones included), 0 or 1 mostly for BOOL, anything otherwise.
    private mutating func number(width: Int, type: WireType, table: EnumTable?) -> UInt32 {
        if let table, !table.isMask, !table.entries.isEmpty, Bool.random(using: &rng) {
            let fitting = table.entries.filter { width == 4 || $0.value < 1 << UInt32(width * 8) }
            if let entry = fitting.randomElement(using: &rng) { return entry.value }
        }
        if type == .bool && Int.random(in: 0..<4, using: &rng) != 0 { return UInt32.random(in: 0...1, using: &rng) }
        switch width {
        case 1: return UInt32(UInt8.random(in: 0...UInt8.max, using: &rng))
        case 2: return Int.random(in: 0..<8, using: &rng) == 0 ? 0xFFFF : UInt32(UInt16.random(in: 0...UInt16.max, using: &rng))
        default: return Int.random(in: 0..<8, using: &rng) == 0 ? 0xFFFF_FFFF : UInt32.random(in: 0...UInt32.max, using: &rng)
        }
    }

    /// Printable ASCII, quotes, backslashes, `<`, `&` and spaces included.
    private mutating func text(upTo limit: Int) -> String {
        let count = Int.random(in: 0...max(0, limit), using: &rng)
        return String((0..<count).map { _ in Character(Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &rng))) })
    }

    private mutating func bytes(upTo limit: Int) -> [UInt8] {
        (0..<Int.random(in: 0...limit, using: &rng)).map { _ in UInt8.random(in: 0...UInt8.max, using: &rng) }
    }
}

private extension FieldValue {
    var isNamed: Bool {
        switch self {
        case .namedVariable, .namedArray: true
        default: false
        }
    }
}
