import CTIProtocol
@testable import CTISimulator
import NIOCore
import Testing

/// The simulator as an older CTI Server (`--max-protocol`, issue 20): each session speaks the
/// version it opened with, newer versions are refused, newer requests are refused with 48/49,
/// and what a session's version lacks is never sent to it.
@Suite struct MaxProtocolTests {
    static let pv23 = ProtocolVersion(23)!

    /// An ALL_EVENTS OPEN_REQ of `version` that asks for every call event and agent state.
    static func monitorOpen(version: UInt32, client: String = "monitor", services: UInt32 = Fixtures.allEvents) -> OpenRequest {
        var request = Fixtures.open(client: client, services: services, version: version)
        request.callMessageMask = 0xFFFF_FFFF  // bits 28-31 arrived in 23
        request.agentStateMask = 0x3FFF
        return request
    }

    /// The `version` notes of a message (none when the session speaks its version).
    static func versionNotes(_ message: CTIMessage) -> [DecodeNote] {
        message.fields?.notes.filter(\.isNotInVersion) ?? []
    }

    @Test func aPV23ClientOfAMax23ServerGetsThe30ByteOpenConfAndEventsItsVersionReadsWithoutNotes() async throws {
        try await withSimulator({ $0.maxProtocol = Self.pv23 }) { simulator, log in
            let client = try await simulator.connect(.a, version: Self.pv23, recordsFrames: true)
            try await client.send(.fields(Self.monitorOpen(version: 23).fields))
            let conf = try await client.expect("OPEN_CONF")
            #expect(conf.notes.isEmpty)
            #expect(conf[.sessionType] == nil, "SessionType arrived in 24")
            // OPEN_CONF's fixed part before 24 ends at DepartmentID: 30 bytes, no floating fields for ALL_EVENTS.
            let frame = try #require(client.receivedFrames.first)
            #expect(frame.type == 4)
            #expect(frame.body.readableBytes == 30)
            #expect(MessageCatalog.standard.descriptor(named: "OPEN_CONF")!.fixedSize == 32)
            #expect(frame.body.getInteger(at: frame.body.readerIndex, as: UInt32.self) == 1, "InvokeID")
            #expect(frame.body.getInteger(at: frame.body.readerIndex + 4, as: UInt32.self) == Fixtures.allEvents, "ServicesGranted")
            #expect(frame.body.getInteger(at: frame.body.readerIndex + 26, as: UInt32.self) == conf.number(.departmentID), "DepartmentID last")

            var received = [try await client.next(waitingFor: "SYSTEM_EVENT")]
            _ = try await simulator.callIn(device: "2001")
            #expect(await simulator.flood(count: 3) == 3)
            while received.filter({ $0.name == "END_CALL_EVENT" }).count < 3 {
                received.append(try await client.next(waitingFor: "the flood's END_CALL_EVENTs"))
            }
            let names = Set(received.map(\.name))
            for name in ["SYSTEM_EVENT", "AGENT_PRE_CALL_EVENT", "BEGIN_CALL_EVENT", "CALL_DELIVERED_EVENT", "AGENT_STATE_EVENT", "END_CALL_EVENT"] {
                #expect(names.contains(name), "\(name) in \(names.sorted())")
            }
            for message in received {
                #expect(Self.versionNotes(message).isEmpty, "\(message.name): \(Self.versionNotes(message))")
            }
            #expect(log.lines(containing: "protocol versions 20 to 23").count == 1)
            #expect(log.lines(containing: "not sent").isEmpty)
        }
    }

    @Test(arguments: ProtocolVersion.supported)
    func eachVersionAsTheMaximumOpensAndItsSessionReadsCallEventsWithoutNotes(_ version: ProtocolVersion) async throws {
        try await withSimulator({ $0.maxProtocol = version }) { simulator, log in
            let client = try await simulator.connect(.a, version: version)
            var request = Self.monitorOpen(version: version.number)
            request.callMessageMask = version < Self.pv23 ? 0x0FFF_FFFF : 0xFFFF_FFFF
            let conf = try await client.open(request)
            #expect((conf[.sessionType] != nil) == (version >= .v24))
            var received = [try await client.next(waitingFor: "SYSTEM_EVENT")]
            _ = try await simulator.callIn(device: "2001")
            while !received.contains(where: { $0.name == "AGENT_STATE_EVENT" }) {
                received.append(try await client.next(waitingFor: "AGENT_STATE_EVENT"))
            }
            for message in received {
                #expect(Self.versionNotes(message).isEmpty, "\(message.name): \(Self.versionNotes(message))")
            }
            if let newer = ProtocolVersion.supported.first(where: { $0 > version }) {
                let other = try await simulator.connect(.a)
                #expect(try await other.openRefused(Self.monitorOpen(version: newer.number).fields).status == 1)
            }
            #expect(log.lines(containing: "not sent").isEmpty)
        }
    }

    @Test func aPV25OpenToAMax23ServerIsInvalidVersionAndTheLogNamesBoth() async throws {
        try await withSimulator({ $0.maxProtocol = Self.pv23 }) { simulator, log in
            let client = try await simulator.connect(.a, version: Self.pv23)
            var request = Self.monitorOpen(version: 25)
            request.invokeID = 7
            let refusal = try await client.openRefused(request.fields)
            #expect(refusal.invokeID == 7 && refusal.status == 1)
            #expect(log.lines(containing: "refused with E_CTI_INVALID_VERSION (1): VersionNumber 25: this server speaks protocol 20 to 23 "
                              + "(--max-protocol 23)").count == 1)
            #expect(await simulator.status().sessions.allSatisfy { $0.clientID == nil }, "no session opened")
            // As after any refused OPEN_REQ the connection stays (the client resets it): a version it speaks opens.
            try await client.open(Self.monitorOpen(version: 23))
            #expect(await simulator.status().sessions.map(\.versionNumber) == [23])
        }
    }

    @Test func aPV23SessionsRequestsNewerThanItsVersionAreRefusedWith48And49() async throws {
        try await withSimulator { simulator, log in
            let desk = try await simulator.connect(.a, version: Self.pv23)
            var request = Fixtures.agentOpen(services: Fixtures.clientEvents | Fixtures.clientControl)
            request.versionNumber = 23
            try await desk.open(request)

            // SET_AGENT_SERVICE_DATA_REQ arrived in 24 (sent in the PV25 layout, which 23 reads the same).
            try await desk.send(try FieldAssignment().build("SET_AGENT_SERVICE_DATA_REQ", assignments: ["InvokeID=31", "AgentSkillTargetID=5001"]))
            let newMessage = try await desk.expect("FAILURE_CONF")
            #expect(newMessage.number(.invokeID) == 31 && newMessage.number(.status) == 48)

            // SET_AGENT_STATE_REQ is older, its ActiveTerminal (tag 303) arrived in 24.
            let ready = ["PeripheralID=5000", "AgentInstrument=2001", "AgentID=1001", "AgentState=3"]
            try await desk.send(try FieldAssignment().build("SET_AGENT_STATE_REQ", assignments: ["InvokeID=32", "ActiveTerminal=SEP0001"] + ready))
            let newTag = try await desk.expect("FAILURE_CONF")
            #expect(newTag.number(.invokeID) == 32 && newTag.number(.status) == 49)

            // Without it the same request is answered.
            try await desk.send(try FieldAssignment().build("SET_AGENT_STATE_REQ", assignments: ["InvokeID=33"] + ready))
            var answer = try await desk.next(waitingFor: "SET_AGENT_STATE_CONF")
            while answer.name == "AGENT_STATE_EVENT" { answer = try await desk.next(waitingFor: "SET_AGENT_STATE_CONF") }
            #expect(answer.name == "SET_AGENT_STATE_CONF" && answer.fields?.number(.invokeID) == 33)

            #expect(log.lines(containing: "(client \"desktop\", protocol 23): SET_AGENT_SERVICE_DATA_REQ refused: FAILURE_CONF "
                              + "E_CTI_INVALID_MSG_TYPE_FOR_VERSION (48)").count == 1)
            #expect(log.lines(containing: "SET_AGENT_STATE_REQ refused: FAILURE_CONF E_CTI_INVALID_TAG_FOR_VERSION (49): "
                              + "SET_AGENT_STATE_REQ.ActiveTerminal (tag 303) is not in protocol 23 (it arrived in 24)").count == 1)
        }
    }

    @Test func aMessageASessionsVersionLacksIsNotSentToItButToTheOthers() async throws {
        try await withSimulator { simulator, log in
            let old = try await simulator.connect(.a, version: Self.pv23)
            try await old.open(Self.monitorOpen(version: 23, client: "old"))
            try await old.expect("SYSTEM_EVENT")
            let new = try await simulator.connect(.a)
            try await new.open(Self.monitorOpen(version: 25, client: "new"))
            try await new.expect("SYSTEM_EVENT")

            let terminals = CTIMessage.fields(try FieldAssignment().build("CONFIG_TERMINAL_EVENT", assignments: ["NumRecords=0"]))
            simulator.publish(terminals)
            simulator.publish(terminals)
            simulator.publish(SimulatedEvents.endCall(9))
            #expect(try await new.expect("CONFIG_TERMINAL_EVENT").notes.isEmpty)
            try await new.expect("CONFIG_TERMINAL_EVENT")
            #expect(try await new.expect("END_CALL_EVENT").number(.connectionCallID) == 9)
            #expect(try await old.expect("END_CALL_EVENT").number(.connectionCallID) == 9, "the PV24 message was not sent before it")

            #expect(log.lines(containing: "(client \"old\", protocol 23): CONFIG_TERMINAL_EVENT not sent: message CONFIG_TERMINAL_EVENT "
                              + "is not in protocol 23 (it arrived in 24)").count == 1, "logged once")
            let sessions = await simulator.status().sessions
            #expect(sessions.map(\.notSent) == [2, 0])
            #expect(await simulator.execute("status").contains("session 1 on A: client \"old\" version 23 services ALL_EVENTS (active), 2 message(s) not sent"))
        }
    }

    @Test func belowProtocol24ThereIsNoActiveStandby() async throws {
        try await withSimulator({ $0.maxProtocol = Self.pv23 }) { simulator, log in
            let standby = try await simulator.connect(.b, version: Self.pv23)
            #expect(try await standby.openRefused(Self.monitorOpen(version: 23).fields).status == 15, "to the active side")
            let duplexed = Fixtures.allEvents | Fixtures.activeStandby
            #expect(try await standby.openRefused(Self.monitorOpen(version: 23, services: duplexed).fields).status == 49,
                    "CTI_SERVICE_ACTIVE_STANDBY is not in 23")

            let client = try await simulator.connect(.a, version: Self.pv23)
            try await client.open(Self.monitorOpen(version: 23))
            try await client.expect("SYSTEM_EVENT")
            #expect(await simulator.maintenance() == .refused("no active/standby before protocol 24 (this server speaks up to 23)"))
            #expect(await client.nextItem(within: .milliseconds(150)) == nil, "no ACTIVE_MAINTENANCE_* to it")
            #expect(log.lines(containing: "no active/standby before protocol 24").count == 2, "at start and for the refused hand-off")
            #expect(await simulator.execute("status").hasSuffix("protocol versions 20 to 23"))
        }
    }

    @Test func aReplayIsWrittenInTheSessionsVersion() async throws {
        let recorded = try [
            ("AGENT_STATE_EVENT", ["PeripheralID=5000", "AgentState=3", "ActiveTerminal=SEP0001", "AgentInstrument=2001"]),
            ("CONFIG_TERMINAL_EVENT", ["NumRecords=0"]),
            ("END_CALL_EVENT", ["PeripheralID=5000", "ConnectionCallID=4", "ConnectionDeviceID=2001"]),
        ].map { name, assignments in
            RecordedFrame(frame: CTIFrame(encoded: try CTIMessageEncoder().encode(.fields(try FieldAssignment().build(name, assignments: assignments)))),
                          fromClient: false, time: nil)
        }
        try await withSimulator({ $0.script = ReplayScript.compile(recorded, version: .v25, speed: .max) }) { simulator, log in
            let client = try await simulator.connect(.a, version: Self.pv23)
            try await client.open(Self.monitorOpen(version: 23))
            let state = try await client.expect("AGENT_STATE_EVENT")
            #expect(state.string(.agentInstrument) == "2001")
            #expect(state.floating.allSatisfy { $0.tag != 303 }, "ActiveTerminal left out")
            #expect(Self.versionNotes(.fields(state)).isEmpty)
            #expect(try await client.expect("END_CALL_EVENT").number(.connectionCallID) == 4, "CONFIG_TERMINAL_EVENT not sent")
            #expect(log.lines(containing: "CONFIG_TERMINAL_EVENT not sent").count == 1)
        }
    }
}
