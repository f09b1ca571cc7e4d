import CTIProtocol
import NIOCore

/// Random but valid frames of every message layout, for `cti-bench pcap`: each fixed field a
/// value of its width (an enum's value or a mask's defined bits half the time), required
/// floating fields always, optional ones now and then, repeated ones 1-3 times, strings and
/// bytes of random length within their limits. Seeded, so a capture can be made again.
struct RandomFrames {
    /// A frame and the direction its message goes in.
    struct Frame {
        var bytes: [UInt8]
        var fromServer: Bool
    }

    private var generator: SplitMix64
    private let encoder = CTIMessageEncoder(version: .v25, allowUndefinedMaskBits: true)
    private let descriptors = MessageCatalog.standard.messages.filter(\.hasLayout)

    init(seed: UInt64) {
        generator = SplitMix64(state: seed)
    }

    /// `count` frames of each layout (those the encoder takes: a random value it refuses is
    /// left out).
    mutating func frames(perLayout count: Int) -> [Frame] {
        var frames: [Frame] = []
        for descriptor in descriptors {
            for _ in 0..<count {
                guard let buffer = try? encoder.encode(.fields(message(descriptor))) else { continue }
                frames.append(Frame(bytes: Array(buffer.readableBytesView), fromServer: descriptor.direction == .serverToClient))
            }
        }
        return frames
    }

    /// A number below `bound`.
    mutating func below(_ bound: Int) -> Int { Int.random(in: 0..<bound, using: &generator) }

    private mutating func message(_ descriptor: MessageDescriptor) -> MessageFields {
        var fields = MessageFields(descriptor)
        fields.fixed = descriptor.fixed.map { number(width: $0.size, table: $0.enumTable) }
        var floating: [FloatingField] = []
        for spec in descriptor.floating {
            let occurrences = spec.repeats ? (spec.isRequired ? 1 : 0) + below(3) : (spec.isRequired || below(2) == 0 ? 1 : 0)
            for _ in 0..<occurrences {
                floating.append(FloatingField(tag: spec.tag, value: value(spec.type, maxSize: spec.maxSize, table: spec.enumTable)))
            }
        }
        fields.floating = floating
        return fields
    }

    private mutating func value(_ type: WireType, maxSize: Int?, table: EnumTable?) -> FieldValue {
        switch type {
        case .uchar, .char, .ushort, .short, .uint, .int, .bool, .time:
            return .number(number(width: type.width!, table: table))
        case .string:
            return .string(CTIString(text(upTo: min((maxSize ?? 64) - 1, 48))))
        case .unspec:
            return .bytes(ByteBuffer(bytes: (0..<below(min(maxSize ?? 32, 32) + 1)).map { _ in UInt8(truncatingIfNeeded: below(256)) }))
        case .namedVariable:
            return .namedVariable(name: CTIString("user." + text(upTo: 20)), value: CTIString(text(upTo: 40)))
        case .namedArray:
            return .namedArray(index: UInt8(below(256)), name: CTIString("user." + text(upTo: 20)), value: CTIString(text(upTo: 40)))
        case .ushortArray, .uintArray:
            let width = type == .uintArray ? 4 : 2
            let limit = min(maxSize.map { $0 / width } ?? 6, 6)
            return .numbers((0..<below(limit + 1)).map { _ in number(width: width, table: nil) })
        }
    }

    private mutating func number(width: Int, table: EnumTable?) -> UInt32 {
        let raw = UInt32.random(in: 0...UInt32.max, using: &generator)
        if let table, below(2) == 0 {
            if table.isMask { return raw & table.definedBits }
            if let entry = table.entries.randomElement(using: &generator) { return entry.value }
        }
        return width >= 4 ? raw : raw & ((1 << (8 * width)) - 1)
    }

    private mutating func text(upTo limit: Int) -> String {
        String((0..<below(max(0, limit) + 1)).map { _ in Character(UnicodeScalar(UInt8(0x20 + below(0x5F)))) })
    }
}

/// SplitMix64: small, fast and seedable.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
