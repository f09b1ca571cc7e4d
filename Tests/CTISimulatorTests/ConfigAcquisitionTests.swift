import CTIProtocol
@testable import CTISimulator
import NIOCore
import Testing

/// Configuration acquisition (`other-services.md` §8): CONFIG_REQUEST_KEY_EVENT and
/// CONFIG_REQUEST_EVENT answered from the simulator's agents and skill groups, read byte by byte
/// with the spec's layouts.
@Suite(.timeLimit(.minutes(1))) struct ConfigAcquisitionTests {
    /// One floating field as it is on the wire (PV20+: USHORT tag, USHORT length).
    struct Floating: Equatable {
        var tag: UInt16
        var data: [UInt8]
        var uint: UInt32 { data.reduce(0) { $0 << 8 | UInt32($1) } }
        var text: String { String(decoding: data.prefix { $0 != 0 }, as: UTF8.self) }
    }

    /// A record message's NumRecords and its records (each starts at a RecordType, tag 183).
    static func records(_ frame: CTIFrame) -> (count: UInt16, records: [[Floating]]) {
        var body = frame.body
        let count = body.readInteger(as: UInt16.self)!
        var records: [[Floating]] = []
        while body.readableBytes > 0 {
            let tag = body.readInteger(as: UInt16.self)!
            let length = body.readInteger(as: UInt16.self)!
            let field = Floating(tag: tag, data: body.readBytes(length: Int(length))!)
            if tag == Tag.recordType { records.append([]) }
            records[records.count - 1].append(field)
        }
        return (count, records)
    }

    /// Tags of `other-services.md` §8 / `messages.json`.
    enum Tag {
        static let recordType: UInt16 = 183
        static let peripheralNumber: UInt16 = 184
        static let skillGroupSkillTargetID: UInt16 = 192
        static let loginID: UInt16 = 190
        static let `extension`: UInt16 = 173
        static let agentSkillTargetID: UInt16 = 141
        static let numSkills: UInt16 = 191
        static let fltSkillGroupNumber: UInt16 = 139
        static let deviceType: UInt16 = 195
    }

    /// Wire MessageTypes (`message-types.tsv`).
    enum Wire {
        static let keyEvent: UInt32 = 231
        static let begin: UInt32 = 233
        static let end: UInt32 = 234
        static let skillGroup: UInt32 = 236
        static let agent: UInt32 = 237
        static let device: UInt32 = 238
    }

    static func open(configMask: UInt32, version: UInt32 = 25) -> OpenRequest {
        var request = Fixtures.open(client: "top", services: Fixtures.allEvents, version: version)
        request.configMessageMask = configMask
        return request
    }

    static func request(_ information: UInt32) throws -> MessageFields {
        var fields = try MessageFields(named: "CONFIG_REQUEST_EVENT")
        try fields.set(.configInformation, .number(information))
        try fields.set(.configMsgMask, .number(information))
        try fields.set(.peripheralID, .number(5000))
        return fields
    }

    /// Reads frames until CONFIG_END_EVENT; returns them from CONFIG_BEGIN_EVENT on.
    static func upload(on client: TestClient) async throws -> [CTIFrame] {
        while try await client.next().name != "CONFIG_END_EVENT" {}
        let frames = client.receivedFrames
        let begin = frames.firstIndex { $0.type == Wire.begin }!
        return Array(frames[begin...])
    }

    @Test func twelveAgentsComeInRecordsOfAtMostTenBetweenBeginAndEnd() async throws {
        try await withSimulator({ $0.callCenter.agents = 12 }) { simulator, _ in
            let client = try await simulator.connect(.a, recordsFrames: true)
            try await client.open(Self.open(configMask: 0x6))
            try await client.send(try Self.request(0x2 | 0x4 | 0x8))
            let frames = try await Self.upload(on: client)
            #expect(frames.map(\.type) == [Wire.begin, Wire.skillGroup, Wire.agent, Wire.agent, Wire.device, Wire.device, Wire.end])

            let begin = frames[0].body, end = frames.last!.body
            #expect(begin.readableBytes == 6 && end.readableBytes == 4)
            #expect(begin.getInteger(at: begin.readerIndex, as: UInt16.self) == 1)                  // ConfigType solicited
            #expect(begin.getInteger(at: begin.readerIndex + 2, as: UInt32.self) == UInt32(0x2 | 0x4 | 0x8))  // ConfigInformation
            #expect(end.getInteger(at: end.readerIndex, as: UInt32.self) == 0)                       // CONFIGEND_SUCCESS

            let groups = Self.records(frames[1])
            #expect(groups.count == 2 && groups.records.count == 2)
            #expect(groups.records.map { $0.first { $0.tag == Tag.peripheralNumber }?.uint } == [10, 11])
            #expect(groups.records.map { $0.first { $0.tag == Tag.skillGroupSkillTargetID }?.uint } == [5010, 5011])

            let first = Self.records(frames[2]), second = Self.records(frames[3])
            #expect(first.count == 10 && first.records.count == 10)
            #expect(second.count == 2 && second.records.count == 2)
            let agents = first.records + second.records
            #expect(agents.map { $0.first { $0.tag == Tag.loginID }?.text } == (0..<12).map { String(1001 + $0) })
            #expect(agents.map { $0.first { $0.tag == Tag.extension }?.text } == (0..<12).map { String(2001 + $0) })
            #expect(agents[0].first { $0.tag == Tag.agentSkillTargetID }?.uint == 5101)
            #expect(agents[0].first { $0.tag == Tag.numSkills }?.uint == 2)
            // FltSkillGroupNumber: one field of NumSkills packed UINTs.
            #expect(agents[0].first { $0.tag == Tag.fltSkillGroupNumber }?.data == [0, 0, 0, 10, 0, 0, 0, 11])
            #expect(agents.allSatisfy { $0.first?.tag == Tag.recordType && $0.first?.uint == 0 })

            let devices = Self.records(frames[4]).records + Self.records(frames[5]).records
            #expect(Self.records(frames[4]).count == 10 && Self.records(frames[5]).count == 4)
            #expect(devices.map { $0.first { $0.tag == Tag.deviceType }?.uint } == [2, 2] + Array(repeating: 4, count: 12))

            // The codec reads them with the same layouts.
            let decoded = try CTIMessageDecoder(version: .v25).decode(frames[2]).fields!
            #expect(decoded.number(.numRecords) == 10)
            #expect(decoded.values(of: .loginID).count == 10)
        }
    }

    @Test func onlyTheAreasAskedForAndTheKeyEventSaysNoKeys() async throws {
        try await withSimulator { simulator, _ in
            let client = try await simulator.connect(.a, recordsFrames: true)
            try await client.open(Self.open(configMask: 0x4))
            try await client.expect("SYSTEM_EVENT")
            try await client.send(try MessageFields(named: "CONFIG_REQUEST_KEY_EVENT"))
            let key = try await client.expect("CONFIG_KEY_EVENT")
            #expect(key.number(.configkeyStatus) == 2)
            // Services (1) and call types (16) the simulator has none of: left out.
            try await client.send(try Self.request(0x1 | 0x4 | 0x10))
            let frames = try await Self.upload(on: client)
            #expect(frames.map(\.type) == [Wire.begin, Wire.agent, Wire.end])
            #expect(CTIMessageDecoder.fields(frames[0])?.number(.configInformation) == 0x4)
            #expect(Self.records(frames[1]).count == 4)
        }
    }

    @Test func aSessionOfAnOlderVersionGetsItInItsVersion() async throws {
        try await withSimulator { simulator, _ in
            let client = try await simulator.connect(.a, version: ProtocolVersion(20)!, recordsFrames: true)
            try await client.open(Self.open(configMask: 0x6, version: 20))
            try await client.send(try Self.request(0x6))
            let frames = try await Self.upload(on: client)
            #expect(frames.map(\.type) == [Wire.begin, Wire.skillGroup, Wire.agent, Wire.end])
            let agents = try CTIMessageDecoder(version: ProtocolVersion(20)!).decode(frames[2]).fields!
            #expect(agents.notes.isEmpty)
            #expect(agents.values(of: .loginID).map(\.text) == ["1001", "1002", "1003", "1004"])
        }
    }

    @Test func aSessionThatDidNotAskForConfigurationIsRefused() async throws {
        try await withSimulator { simulator, log in
            let client = try await simulator.connect(.a)
            try await client.open(Self.open(configMask: 0))
            try await client.expect("SYSTEM_EVENT")
            try await client.send(try Self.request(0x4))
            let failure = try await client.expect("FAILURE_CONF")
            #expect(failure.number(.status) == StatusCode.functionNotAvailable.rawValue)
            #expect(!log.lines(containing: "ConfigMsgMask 0").isEmpty)
        }
    }

    @Test func theRequestsAreRoutedOnTheActiveSideOnly() throws {
        let request = try Self.request(0x4)
        #expect(RequestRoute.of(.fields(request), phase: .open(.active)) == .configuration(request))
        #expect(RequestRoute.of(.fields(request), phase: .open(.standby)) == .refuse(invokeID: 0, status: StatusCode.serverNotMaster))
    }
}

private extension CTIMessageDecoder {
    /// A PV25 frame's fields.
    static func fields(_ frame: CTIFrame) -> MessageFields? { try? CTIMessageDecoder(version: .v25).decode(frame).fields }
}
