import NIOCore
@testable import CTIProtocol

/// Random but valid messages for property tests: every fixed field a value of its width (masks in
/// client requests only with defined bits), required floating fields always, optional ones now
/// and then, repeated ones 0-3 times, in a random order, plus now and then a tag outside the
/// layout (by the global table's type) or an unknown tag. Only what the catalogue's protocol
/// version has: no field, tag or value that arrived later.
struct RandomMessage {
    let catalog: MessageCatalog

    /// `rounds` random messages of every layout, in catalog order, with their round number; every
    /// third one (round 1, 4, ...) repeats its first floating field, which does not repeat in
    /// most layouts (the display rule then makes a list of it).
    func forEachMessageOfEveryLayout(rounds: Int, seed: UInt64, _ body: (inout MessageFields, Int) throws -> Void) rethrows {
        var rng = SplitMix64(seed: seed)
        for descriptor in catalog.messages where descriptor.hasLayout && descriptor.arrivesIn == nil {
            for round in 0..<rounds {
                var fields = self.fields(for: descriptor, using: &rng)
                if round % 3 == 1, let first = fields.floating.first { fields.floating.append(first) }
                try body(&fields, round)
            }
        }
    }

    func fields(for descriptor: MessageDescriptor, using rng: inout SplitMix64, extraTags: Bool = true) -> MessageFields {
        var fields = MessageFields(descriptor)
        let checksMasks = descriptor.direction != .serverToClient
        for (index, spec) in descriptor.fixed.enumerated() {
            fields.fixed[index] = number(width: spec.size, table: spec.enumTable, definedBitsOnly: checksMasks, using: &rng)
        }
        var floating: [FloatingField] = []
        for spec in descriptor.floating where spec.arrivesIn == nil {
            let occurrences: Int
            if spec.repeats {
                occurrences = Int.random(in: spec.isRequired ? 1...3 : 0...3, using: &rng)
            } else {
                occurrences = spec.isRequired || Bool.random(using: &rng) ? 1 : 0
            }
            for _ in 0..<occurrences {
                floating.append(FloatingField(tag: spec.tag, value: value(for: spec.type, maxSize: spec.maxSize, table: spec.enumTable,
                                                                             definedBitsOnly: checksMasks, using: &rng)))
            }
        }
        if extraTags && descriptor.alternateFixed.isEmpty && Int.random(in: 0..<4, using: &rng) == 0 {
            floating.append(outsideLayoutField(for: descriptor, using: &rng))
        }
        floating.shuffle(using: &rng)
        fields.floating = floating
        return fields
    }

    /// A tag the layout does not list: one from the global table, decoded by its type, or one the
    /// table does not know (kept as bytes).
    private func outsideLayoutField(for descriptor: MessageDescriptor, using rng: inout SplitMix64) -> FloatingField {
        let candidates = catalog.tags.values.filter { info in
            descriptor.floatingSpec(tag: info.tag) == nil && descriptor.tagAliases[info.tag] == nil && info.arrivesIn == nil
        }
        if Bool.random(using: &rng), let info = candidates.randomElement(using: &rng) {
            let data: FieldValue
            if let type = info.type {
                data = value(for: type, maxSize: nil, table: nil, using: &rng)
            } else {
                data = .bytes(bytes(upTo: 8, using: &rng))
            }
            return FloatingField(tag: info.tag, value: data)
        }
        var tag: UInt16
        repeat { tag = UInt16.random(in: 400...0xFFFF, using: &rng) } while catalog.tags[tag] != nil
        return FloatingField(tag: tag, value: .bytes(bytes(upTo: 12, using: &rng)))
    }

    func value(for type: WireType, maxSize: Int?, table: EnumTable?, definedBitsOnly: Bool = true, using rng: inout SplitMix64) -> FieldValue {
        switch type {
        case .uchar, .char, .ushort, .short, .uint, .int, .bool, .time:
            return .number(number(width: type.width!, table: table, definedBitsOnly: definedBitsOnly, using: &rng))
        case .string:
            return .string(CTIString(text(upTo: min((maxSize ?? 64) - 1, 48), using: &rng)))
        case .unspec:
            return .bytes(bytes(upTo: min(maxSize ?? 32, 32), using: &rng))
        case .namedVariable:
            return .namedVariable(name: CTIString("user." + text(upTo: 20, using: &rng)), value: CTIString(text(upTo: 40, using: &rng)))
        case .namedArray:
            return .namedArray(index: UInt8.random(in: 0...255, using: &rng), name: CTIString("user." + text(upTo: 20, using: &rng)),
                               value: CTIString(text(upTo: 40, using: &rng)))
        case .ushortArray, .uintArray:
            let width = type == .uintArray ? 4 : 2
            let limit = maxSize.map { $0 / width } ?? 6
            return .numbers((0..<Int.random(in: 0...min(limit, 6), using: &rng)).map { _ in number(width: width, table: nil, using: &rng) })
        }
    }

    /// A number of `width` bytes: for a mask, random bits (only those the table defines when
    /// `definedBitsOnly`, as client requests must); for an enumeration, a named value half the
    /// time. Never a value or bit newer than the catalogue's version.
    func number(width: Int, table: EnumTable?, definedBitsOnly: Bool = true, using rng: inout SplitMix64) -> UInt32 {
        let later = table.map { table in table.arrivals.keys.reduce(0, |) } ?? 0
        if let table, table.isMask {
            let bits = UInt32.random(in: 0...UInt32.max, using: &rng) & ~later
            return definedBitsOnly ? bits & table.definedBits : bits & (width == 4 ? .max : (1 << (8 * UInt32(width))) - 1)
        }
        let present = table?.entries.filter { table?.arrivals[$0.value] == nil } ?? []
        if !present.isEmpty, Bool.random(using: &rng) {
            return present.randomElement(using: &rng)!.value
        }
        var number: UInt32
        repeat {
            switch width {
            case 1: number = UInt32(UInt8.random(in: 0...UInt8.max, using: &rng))
            case 2: number = UInt32(UInt16.random(in: 0...UInt16.max, using: &rng))
            default: number = UInt32.random(in: 0...UInt32.max, using: &rng)
            }
        } while table?.arrivals[number] != nil
        return number
    }

    func text(upTo limit: Int, using rng: inout SplitMix64) -> String {
        let count = Int.random(in: 0...max(0, limit), using: &rng)
        return String((0..<count).map { _ in Character(UnicodeScalar(UInt8.random(in: 0x20...0x7E, using: &rng))) })
    }

    func bytes(upTo limit: Int, using rng: inout SplitMix64) -> ByteBuffer {
        ByteBuffer(bytes: (0..<Int.random(in: 0...limit, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) })
    }
}
