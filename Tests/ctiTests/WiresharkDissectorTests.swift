import CTIBenchSupport
import CTICapture
import CTIProtocol
import CTITestSupport
import Foundation
import Testing

/// The dissector `cti describe --wireshark-lua` prints, run by Debian's `tshark` on captures the
/// test makes: it must show every message as `cti decode` does (issue 18 acceptance).
@Suite struct WiresharkDissectorTests {
    /// `tshark` on the PATH (`scripts/install-deps.sh --tests` installs it).
    static let tshark = Tshark.executable

    static let skipReason: Comment = "tshark is not installed (scripts/install-deps.sh --tests installs it)"

    /// A port no tshark dissector claims: connections there are found by the heuristic.
    static let unregisteredPort: UInt16 = 39999

    /// The capture every comparison runs on: every layout, both directions, on the registered
    /// port; one frame split over three segments (the first cut inside the header);
    /// consecutive frames sharing segments; and a connection on another port, found by the
    /// heuristic (and by its OPEN_REQ).
    struct EveryLayoutCapture {
        var path: String
        var messages: [RandomFrames.Frame]
        var heuristicMessages: [RandomFrames.Frame]
        /// The index in `messages` of the split frame, and the number of the packet of its last segment.
        var split: Int
        var splitFrameNumber: Int
        var packetCount: Int
        var frames: [[UInt8]] { (messages + heuristicMessages).map(\.bytes) }
    }

    static func everyLayoutCapture(in directory: URL) throws -> EveryLayoutCapture {
        var frames = RandomFrames(seed: 18)
        let messages = try frames.everyLayout() + Self.lenientFrames().map { RandomFrames.Frame(bytes: $0.frame, fromClient: true, name: $0.name) }
        var registered = TestConnection(port: 42027)
        var capture = TestCapture()
        capture.add(registered.handshake())
        let split = messages.firstIndex { !$0.fromClient && $0.bytes.count >= 40 && MessageCatalog.standard.descriptor(named: $0.name) != nil }!
        var splitFrameNumber = 0
        var pending: (direction: CaptureDirection, range: Range<Int>, count: Int)?
        func flush() {
            if let batch = pending { capture.add(registered.segment(batch.direction, batch.range)) }
            pending = nil
        }
        for (index, message) in messages.enumerated() {
            let direction: CaptureDirection = message.fromClient ? .clientToServer : .serverToClient
            let range = registered.send(message.bytes, direction)
            if index == split {
                flush()
                let cuts = [range.lowerBound, range.lowerBound + 3, range.lowerBound + 21, range.upperBound]
                for part in 0..<3 { capture.add(registered.segment(direction, cuts[part]..<cuts[part + 1])) }
                splitFrameNumber = capture.packets.count
            } else if let batch = pending, batch.direction == direction, batch.count < 3, index % 2 == 0 {
                pending = (direction, batch.range.lowerBound..<range.upperBound, batch.count + 1)
            } else {
                flush()
                pending = (direction, range, 1)
            }
        }
        flush()

        var other = TestConnection(port: Self.unregisteredPort, clientPort: 50001)
        capture.add(other.handshake())
        let heuristicMessages = ["OPEN_REQ", "OPEN_CONF", "HEARTBEAT_REQ"].map { name in
            messages.first { $0.name == name }!
        }
        for message in heuristicMessages {
            let direction: CaptureDirection = message.fromClient ? .clientToServer : .serverToClient
            let range = other.send(message.bytes, direction)
            capture.add(other.segment(direction, range))
        }
        let path = try capture.write(to: directory.appendingPathComponent("every-layout.pcap").path)
        return EveryLayoutCapture(path: path, messages: messages, heuristicMessages: heuristicMessages, split: split,
                                  splitFrameNumber: splitFrameNumber, packetCount: capture.packets.count)
    }

    @Test(.enabled(if: tshark != nil, skipReason))
    func dissectorShowsEveryLayoutAsCTIDecodeDoes() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = try Self.writeDissector(in: directory)
        let capture = try Self.everyLayoutCapture(in: directory)
        let (messages, heuristicMessages, split, splitFrameNumber) = (capture.messages, capture.heuristicMessages, capture.split, capture.splitFrameNumber)
        let capturePath = capture.path

        let started = Date()
        let (pdml, stderr) = try Self.runTShark(script: script, capture: capturePath)
        let seconds = Date().timeIntervalSince(started)
        print("tshark with the generated dissector: \(messages.count + heuristicMessages.count) messages in \(capture.packetCount) frames, "
              + String(format: "%.2f s", seconds))
        #expect(Self.unexpectedDiagnostics(stderr).isEmpty, "tshark stderr: \(stderr)")

        let document = try PDMLDocument(pdml)
        #expect(Self.luaErrors(document) == [])
        #expect(!document.packets.flatMap(\.descendants).contains { $0.name == "_ws.malformed" }, "no valid message is malformed")
        let protocols = document.protocols(named: "cti")
        #expect(protocols.count == messages.count + heuristicMessages.count)
        let dissected = try protocols.map { try Self.json(ofMessage: $0.node) }
        let expected = try Self.ctiMessages(capture: capturePath, frames: capture.frames)
        Self.expectSameMessages(dissected: dissected, cti: expected)
        // The random messages hold what the comparison is for.
        let shown = dissected.map(\.description).joined(separator: "\n")
        for evidence in ["\"name\":null", "\"name\":\"NONE\"", "\"NamedVariable\":{", "\"NamedArray\":{\"user.", "\"FailureCode\":",
                         "\"RequestingDeviceIDType\":", "\"type\":\"UNKNOWN\"", "\"body\":\"", "\\\\", "\"ClientPassword\":\"*** (",
                         "\"outsideLayout\":[", "alternate fixed layout (", " read as tag ", "bytes exceeds the maximum of",
                         "STRING without terminating NUL", "byte(s) after the NUL ignored"] {
            #expect(shown.contains(evidence), "no message shows \(evidence)")
        }
        #expect(shown.contains(/"Tag[0-9]+":"/), "no unknown tag")

        // The split frame is one message, in the packet of its last segment.
        let splitMessages = protocols.filter { $0.frame == splitFrameNumber }
        #expect(splitMessages.count == 1)
        #expect(splitMessages.map { $0.node.child(named: "cti.message")?.show } == [messages[split].name])
        #expect(splitMessages.map { $0.node.child(named: "cti.length")?.show } == ["\(messages[split].bytes.count - 8)"])
        #expect(protocols.filter { $0.frame == splitFrameNumber - 1 || $0.frame == splitFrameNumber - 2 }.isEmpty)
    }

    /// The issue's own words: `tshark -T json` gives the same message names, field names and
    /// values as `cti decode --pcap -o json`. Wireshark's JSON carries a field's value, not the
    /// name its value string gives it, so enumerations and masks compare by value here; the PDML
    /// comparison above checks the names too.
    @Test(.enabled(if: tshark != nil, skipReason))
    func dissectorJSONHasTheNamesAndValuesOfCTIDecode() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = try Self.writeDissector(in: directory)
        let capture = try Self.everyLayoutCapture(in: directory)
        let (output, stderr) = try Self.runTShark(script: script, capture: capture.path, format: ["-T", "json", "--no-duplicate-keys"])
        #expect(Self.unexpectedDiagnostics(stderr).isEmpty, "tshark stderr: \(stderr)")
        guard case .array(let packets) = try JSONDecoder().decode(JSONValue.self, from: output) else {
            throw Failure("tshark -T json did not print an array of packets")
        }
        let fieldTable = LuaDissectorGenerator().fieldTable
        var dissected: [JSONValue] = []
        var splitMessages: [JSONValue] = []
        for (index, packet) in packets.enumerated() {
            let layers: [JSONValue] = switch packet["_source"]?["layers"]?["cti"] {
            case .array(let layers)?: layers
            case let layer?: [layer]
            case nil: []
            }
            for case .object(let layer) in layers {
                let message = try Self.json(ofTSharkLayer: layer, fieldTable: fieldTable)
                dissected.append(message)
                if index + 1 == capture.splitFrameNumber { splitMessages.append(message) }
            }
        }
        let expected = try Self.ctiMessages(capture: capture.path, frames: capture.frames).map(Self.valuesOnly)
        Self.expectSameMessages(dissected: dissected, cti: expected)
        #expect(splitMessages.map { $0["type"] } == [.string(capture.messages[capture.split].name)], "the split frame is one message")
    }

    @Test(.enabled(if: tshark != nil, skipReason))
    func framesCTIDecodeRefusesGetExpertInfo() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = try Self.writeDissector(in: directory)
        let catalog = MessageCatalog.standard
        let open = catalog.descriptor(named: "OPEN_REQ")!
        let agentState = catalog.descriptor(named: "AGENT_STATE_EVENT")!
        let openFixed = [UInt8](repeating: 0, count: open.fixedSize)
        let clientID = Self.floating(open.floatingSpec(named: "ClientID")!.tag, [0x61, 0])
        let cases: [(name: String, frame: [UInt8], expert: String)] = [
            ("a truncated field", Self.frame(open, body: openFixed + Self.floating(open.floatingSpec(named: "ClientID")!.tag, [0x61, 0x62], length: 30)),
             "cti.expert.truncated"),
            ("too few bytes for a floating field header", Self.frame(open, body: openFixed + clientID + [0, 2]), "cti.expert.truncated"),
            ("a body shorter than the fixed part", Self.frame(agentState, body: Array(repeating: 0, count: agentState.fixedSize - 5)),
             "cti.expert.short_body"),
            ("a numeric field of the wrong length",
             Self.frame(open, body: openFixed + clientID + Self.floating(open.floatingSpec(named: "ApplicationPathID")!.tag, [1, 2])),
             "cti.expert.bad_length"),
        ]
        var connection = TestConnection(port: 43027)
        var capture = TestCapture()
        capture.add(connection.handshake())
        for item in cases {
            let range = connection.send(item.frame, .clientToServer)
            capture.add(connection.segment(.clientToServer, range))
        }
        let capturePath = try capture.write(to: directory.appendingPathComponent("malformed.pcap").path)
        let (pdml, stderr) = try Self.runTShark(script: script, capture: capturePath)
        #expect(Self.unexpectedDiagnostics(stderr).isEmpty, "tshark stderr: \(stderr)")
        let document = try PDMLDocument(pdml)
        #expect(Self.luaErrors(document) == [])
        let protocols = document.protocols(named: "cti")
        try #require(protocols.count == cases.count)
        for (item, message) in zip(cases, protocols) {
            let names = Set(message.node.descendants.map(\.name))
            #expect(names.contains(item.expert), "\(item.name): \(names.filter { $0.hasPrefix("cti.expert") })")
            #expect(names.contains("_ws.malformed"), "\(item.name) is marked malformed")
        }
    }

    /// Frames `cti decode` reads leniently, with a note: a field over its maximum, a STRING
    /// without its NUL or with bytes after it, a tag no table knows.
    static func lenientFrames() -> [(name: String, frame: [UInt8])] {
        let open = MessageCatalog.standard.descriptor(named: "OPEN_REQ")!
        let clientID = open.floatingSpec(named: "ClientID")!
        let fixed = [UInt8](repeating: 0, count: open.fixedSize)
        let password = floating(open.floatingSpec(named: "ClientPassword")!.tag, [])
        return [
            ("a floating field longer than its maximum",
             frame(open, body: fixed + floating(clientID.tag, Array(repeating: 0x61, count: clientID.maxSize! + 3) + [0]) + password)),
            ("an unknown tag", frame(open, body: fixed + floating(clientID.tag, [0x61, 0]) + password + floating(0xFFF0, [1, 2, 3]))),
            ("a STRING without its NUL", frame(open, body: fixed + floating(clientID.tag, [0x61, 0x62]) + password)),
            ("bytes after a STRING's NUL", frame(open, body: fixed + floating(clientID.tag, [0x61, 0, 0x62, 0x63]) + password)),
        ]
    }

    /// A frame: MHDR (MessageLength excludes it, `wire-format.md` §2) and body.
    static func frame(_ descriptor: MessageDescriptor, body: [UInt8]) -> [UInt8] {
        bigEndian(UInt32(body.count)) + bigEndian(descriptor.typeID) + body
    }

    /// A floating field: tag, length (of the data unless given), data (`wire-format.md` §4).
    static func floating(_ tag: UInt16, _ data: [UInt8], length: Int? = nil) -> [UInt8] {
        bigEndian(tag) + bigEndian(UInt16(length ?? data.count)) + data
    }

    @Test func generatedDissectorIsTheSameEachRun() throws {
        let first = try CLIRunner.run(["describe", "--wireshark-lua"])
        let second = try CLIRunner.run(["describe", "--wireshark-lua"])
        #expect(first.status == 0)
        #expect(first.stderr.isEmpty)
        #expect(first.stdout.hasPrefix("-- cti-ged188.lua"))
        #expect(first.stdout == second.stdout)
    }

    @Test(arguments: [
        (["describe", "--wireshark-lua", "messages"], "--wireshark-lua takes no topic or name"),
        (["describe"], "give a topic"),
    ])
    func badCombinationsAreUsageErrors(arguments: [String], message: String) throws {
        let result = try CLIRunner.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    // MARK: - The two sides

    /// What `cti decode --pcap CAPTURE -o json` makes of the messages of the capture, in its JSON
    /// form without the capture's keys (`type`, `typeId`, `fields` or `body`, `outsideLayout`,
    /// `notes` sorted); `frames` are what the capture carries, to check the count.
    static func ctiMessages(capture: String, frames: [[UInt8]]) throws -> [JSONValue] {
        let result = try CLIRunner.run(["decode", "--pcap", capture, "-o", "json"])
        #expect(result.status == 0, "cti decode: \(result.stderr)")
        #expect(result.stdoutLines.count == frames.count, "cti decode --pcap printed \(result.stdoutLines.count) messages of \(frames.count)")
        return try result.stdoutLines.map { line in
            guard case .object(let object) = try JSONValue.parse(line) else { throw CocoaError(.coderReadCorrupt) }
            var message = object.filter { ["type", "typeId", "fields", "body", "outsideLayout"].contains($0.key) }
            if case .array(let notes)? = object["notes"] {
                message["notes"] = .array(notes.compactMap { if case .string(let text) = $0 { text } else { nil } }.sorted().map(JSONValue.string))
            }
            return .object(message)
        }
    }

    /// Both sides hold the same messages (as multisets: the order of messages of different
    /// connections may differ); a difference is reported message by message.
    static func expectSameMessages(dissected: [JSONValue], cti: [JSONValue]) {
        var remaining = Dictionary(grouping: cti.map(\.description), by: { $0 }).mapValues(\.count)
        var onlyInTShark: [String] = []
        for message in dissected.map(\.description) {
            if let count = remaining[message], count > 0 { remaining[message] = count - 1 } else { onlyInTShark.append(message) }
        }
        let onlyInCTI = remaining.flatMap { Array(repeating: $0.key, count: $0.value) }.sorted()
        #expect(dissected.count == cti.count, "tshark shows \(dissected.count) messages, cti \(cti.count)")
        let differences = zip(onlyInTShark.sorted(), onlyInCTI).prefix(5).map { "tshark: \($0)\ncti:    \($1)" }.joined(separator: "\n")
        #expect(onlyInTShark.isEmpty && onlyInCTI.isEmpty, "\(onlyInTShark.count) message(s) differ:\n\(differences)")
    }

    /// The expert infos that stand for `cti`'s decode notes (what was read leniently).
    static let noteExperts: Set<String> = ["cti.expert.missing_nul", "cti.expert.after_nul", "cti.expert.over_maximum",
                                           "cti.expert.aliased_tag", "cti.expert.alternate_layout", "cti.expert.missing_required"]

    /// One `cti` protocol element of the PDML in `cti`'s JSON form: the fields read back by the
    /// kind of the Wireshark field that shows them, grouped by name as the codec groups them
    /// (named variables into one object, repeated fields and repeated tags into lists); fields
    /// marked as outside the layout as `outsideLayout`, and the notes' expert infos as `notes`
    /// (sorted: the order of expert infos in the tree is not the codec's).
    static func json(ofMessage node: PDMLDocument.Node) throws -> JSONValue {
        let fieldTable = LuaDissectorGenerator().fieldTable
        let name = node.child(named: "cti.message")?.show ?? "?"
        let typeID = Int64(node.child(named: "cti.type")?.show ?? "") ?? -1
        var message: [String: JSONValue] = ["type": .string(name), "typeId": .number(typeID)]
        guard let descriptor = MessageCatalog.standard.descriptor(type: UInt32(typeID)), descriptor.name == name, descriptor.hasLayout else {
            message["body"] = .string(node.child(named: "cti.body")?.value ?? "")
            return .object(message)
        }
        var order: [String] = []
        var outsideLayout: [String] = []
        var values: [String: [JSONValue]] = [:]
        var variables: [String: [String: JSONValue]] = [:]
        for item in node.children where item.name.hasPrefix("cti.") && !["cti.length", "cti.type", "cti.message"].contains(item.name) {
            let label = String(item.showname.prefix { $0 != ":" })
            if values[label] == nil && variables[label] == nil { order.append(label) }
            let outside = item.descendants.contains { ["cti.expert.outside_layout", "cti.expert.unknown_tag"].contains($0.name) }
            if outside && !outsideLayout.contains(label) { outsideLayout.append(label) }
            if item.name == "cti.unknown_tag" {
                values[label, default: []].append(.string(item.value))
                continue
            }
            guard let field = fieldTable.field(abbreviation: item.name) else {
                throw Failure("\(name): field \(item.name) (\(item.showname)) is not one the generator registers")
            }
            switch field.kind {
            case .namedVariable, .namedArray:
                let index = item.child(named: "cti.variable.index").map { "[\($0.show)]" } ?? ""
                variables[label, default: [:]][(item.child(named: "cti.variable.name")?.show ?? "") + index] =
                    .string(item.child(named: "cti.variable.value")?.show ?? "")
            case .array:
                let elements = item.children.filter { $0.name == field.elementAbbreviation }
                values[label, default: []].append(.array(try elements.map { try number($0, table: field.table) }))
            default:
                values[label, default: []].append(try value(item, field))
            }
        }
        var fields: [String: JSONValue] = [:]
        for label in order {
            if let object = variables[label], values[label] == nil {
                fields[label] = .object(object)
                continue
            }
            let occurrences = values[label] ?? []
            let repeats = descriptor.floating.first { $0.name == label }?.repeats ?? false
            fields[label] = occurrences.count == 1 && !repeats ? occurrences[0] : .array(occurrences)
        }
        message["fields"] = .object(fields)
        if !outsideLayout.isEmpty { message["outsideLayout"] = .array(outsideLayout.map(JSONValue.string)) }
        let notes = node.descendants.filter { noteExperts.contains($0.name) }.map(\.showname).sorted()
        if !notes.isEmpty { message["notes"] = .array(notes.map(JSONValue.string)) }
        return .object(message)
    }

    /// A field's value as `cti` writes it in JSON.
    private static func value(_ item: PDMLDocument.Node, _ field: WiresharkField) throws -> JSONValue {
        switch field.kind {
        case .unsigned, .signed:
            guard let number = Int64(item.show) else { throw Failure("\(field.name): '\(item.show)' is not a number") }
            return .number(number)
        case .enumeration:
            return try number(item, table: field.table)
        case .mask:
            guard let number = Int64(item.show.dropFirst(2), radix: 16) else { throw Failure("\(field.name): '\(item.show)' is not hex") }
            let set = item.children.filter { $0.show == "1" }.compactMap { bit in field.bits.first { $0.abbreviation == bit.name }?.name }
            return .object(["names": .array(set.map(JSONValue.string)), "value": .number(number)])
        case .boolean:
            return item.show == "0" ? .bool(false) : item.show == "1" ? .bool(true) : .number(Int64(item.show) ?? -1)
        case .time:
            return .number(Int64(item.value, radix: 16) ?? -1)
        case .string, .secret:
            return .string(item.show)
        case .bytes:
            return .string(item.value)
        case .namedVariable, .namedArray, .array:
            throw Failure("\(field.name): read by the caller")
        }
    }

    /// A number, with its value-string name when it has a table (`{"name": …, "value": n}`; a
    /// value the table does not name shows as Wireshark's `Unknown (n)`, `null` in `cti`).
    private static func number(_ item: PDMLDocument.Node, table: EnumTable?) throws -> JSONValue {
        guard let number = Int64(item.show) else { throw Failure("\(item.name): '\(item.show)' is not a number") }
        guard table != nil else { return .number(number) }
        let label = String(item.showname.prefix { $0 != ":" })
        let suffix = " (\(item.show))"
        var shown = item.showname.dropFirst(label.count + 2)
        if shown.hasSuffix(suffix) { shown = shown.dropLast(suffix.count) }
        return .object(["name": shown == "Unknown" ? .null : .string(String(shown)), "value": .number(number)])
    }

    // MARK: - tshark's JSON

    /// One `cti` layer of `tshark -T json --no-duplicate-keys` in `cti`'s JSON form, values only
    /// (see ``valuesOnly(_:)``): each `cti.<field>` key read back by the kind of its Wireshark
    /// field, repeated fields as lists, named variables and arrays from their subtrees.
    static func json(ofTSharkLayer layer: [String: JSONValue], fieldTable: WiresharkFieldTable) throws -> JSONValue {
        func list(_ value: JSONValue?) -> [JSONValue] {
            switch value {
            case .array(let values)?: values
            case let value?: [value]
            case nil: []
            }
        }
        func text(_ value: JSONValue?) -> String {
            if case .string(let text)? = value { return text }
            return ""
        }
        let name = text(layer["cti.message"])
        let typeID = Int64(text(layer["cti.type"])) ?? -1
        var message: [String: JSONValue] = ["type": .string(name), "typeId": .number(typeID)]
        guard let descriptor = MessageCatalog.standard.descriptor(type: UInt32(typeID)), descriptor.name == name, descriptor.hasLayout else {
            message["body"] = .string(text(layer["cti.body"]).filter { $0 != ":" })
            return .object(message)
        }
        var fields: [String: JSONValue] = [:]
        var collected: [String: [JSONValue]] = [:]
        for (key, value) in layer where key.hasPrefix("cti.") && !key.hasSuffix("_tree")
            && !["cti.length", "cti.type", "cti.message", "cti.tag", "cti.field_length"].contains(key) && !key.hasPrefix("cti.expert") {
            let occurrences = list(value)
            let trees = list(layer[key + "_tree"])
            if key == "cti.unknown_tag" {
                for (occurrence, tree) in zip(occurrences, trees) {
                    collected["Tag" + text(tree["cti.tag"]), default: []].append(.string(text(occurrence).filter { $0 != ":" }))
                }
                continue
            }
            guard let field = fieldTable.field(abbreviation: key) else {
                throw Failure("\(name): field \(key) is not one the generator registers")
            }
            var values: [JSONValue] = []
            switch field.kind {
            case .namedVariable, .namedArray:
                var object: [String: JSONValue] = [:]
                for tree in trees {
                    let index = tree["cti.variable.index"].map { "[\(text($0))]" } ?? ""
                    object[text(tree["cti.variable.name"]) + index] = .string(text(tree["cti.variable.value"]))
                }
                fields[field.name] = .object(object)
                continue
            case .array:
                values = try trees.map { tree in .array(try list(tree[field.elementAbbreviation!]).map { try Self.tsharkNumber(text($0), field) }) }
            default:
                values = try occurrences.map { try Self.tsharkValue(text($0), field) }
            }
            collected[field.name, default: []] += values
        }
        // A field that occurs more than once (or may: a repeated one) is a list in both tools.
        for (label, values) in collected {
            let repeats = descriptor.floating.first { $0.name == label }?.repeats ?? false
            fields[label] = values.count == 1 && !repeats ? values[0] : .array(values)
        }
        message["fields"] = .object(fields)
        return .object(message)
    }

    /// A field's value in tshark's JSON (always a string) as `cti` writes it, numbers for
    /// enumerations and masks.
    private static func tsharkValue(_ text: String, _ field: WiresharkField) throws -> JSONValue {
        switch field.kind {
        case .unsigned, .signed, .enumeration:
            return try tsharkNumber(text, field)
        case .mask:
            guard let number = Int64(text.dropFirst(2), radix: 16) else { throw Failure("\(field.name): '\(text)' is not hex") }
            return .number(number)
        case .boolean:
            return text == "0" ? .bool(false) : text == "1" ? .bool(true) : .number(Int64(text) ?? -1)
        case .time:
            return .number(try tsharkTime(text, field))
        case .string, .secret:
            return .string(text)
        case .bytes:
            return .string(text.filter { $0 != ":" })
        case .namedVariable, .namedArray, .array:
            throw Failure("\(field.name): read by the caller")
        }
    }

    private static func tsharkNumber(_ text: String, _ field: WiresharkField) throws -> JSONValue {
        guard let number = Int64(text) else { throw Failure("\(field.name): '\(text)' is not a number") }
        return .number(number)
    }

    /// An absolute time as tshark writes it in UTC (`Nov 23, 2026 13:45:46.000000000 UTC`), in
    /// seconds since 1970.
    private static func tsharkTime(_ text: String, _ field: WiresharkField) throws -> Int64 {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "MMM d, yyyy HH:mm:ss"
        let trimmed = text.split(separator: " ", omittingEmptySubsequences: true).prefix(4).joined(separator: " ")
        guard let date = formatter.date(from: String(trimmed.prefix { $0 != "." })) else { throw Failure("\(field.name): '\(text)' is not a time") }
        return Int64(date.timeIntervalSince1970)
    }

    /// `cti`'s JSON of a message as tshark's JSON can show it: enumerations and masks by value
    /// (`{"name": …, "value": n}` becomes `n`), without the decode notes and the list of fields
    /// outside the layout (the PDML comparison checks those).
    static func valuesOnly(_ message: JSONValue) -> JSONValue {
        func value(_ field: JSONValue) -> JSONValue {
            switch field {
            case .object(let object) where object.count == 2 && object["value"] != nil && (object["name"] != nil || object["names"] != nil):
                return object["value"]!
            case .array(let values):
                return .array(values.map(value))
            default:
                return field
            }
        }
        guard case .object(var object) = message else { return message }
        object["notes"] = nil
        object["outsideLayout"] = nil
        if case .object(let fields)? = object["fields"] { object["fields"] = .object(fields.mapValues(value)) }
        return .object(object)
    }

    // MARK: - Running tshark

    private static func writeDissector(in directory: URL) throws -> String {
        let result = try CLIRunner.run(["describe", "--wireshark-lua"])
        try #require(result.status == 0, "\(result.stderr)")
        let path = directory.appendingPathComponent("cti-ged188.lua").path
        try Data(result.stdout.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// `tshark -T pdml` (or another output format) with the dissector loaded: its stdout, and stderr.
    private static func runTShark(script: String, capture: String, format: [String] = ["-T", "pdml"]) throws -> (pdml: Data, stderr: String) {
        let (output, stderr) = try Tshark.output(["-n", "-r", capture, "-X", "lua_script:" + script] + format)
        return (output, stderr)
    }

    /// Lua errors in the dissection (Lua adds a hidden `_ws.lua.fake` item to the trees it
    /// builds: not an error).
    private static func luaErrors(_ document: PDMLDocument) -> [String] {
        document.packets.flatMap(\.descendants).filter { node in
            node.name.hasPrefix("_ws.lua") && node.name != "_ws.lua.fake" || node.showname.contains("Lua Error")
        }.map { "\($0.name): \($0.showname)" }
    }

    /// stderr lines other than tshark's notice that it runs as root (the test may run as root).
    private static func unexpectedDiagnostics(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("Running as user \"root\"") && !$0.isEmpty }
    }

    private static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cti-wireshark-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private static func bigEndian<Integer: FixedWidthInteger>(_ value: Integer) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian, Array.init)
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
