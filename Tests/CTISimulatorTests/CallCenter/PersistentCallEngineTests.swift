import CTIProtocol
import CTISimulator
import Testing

/// The persistent-call commands of the running simulator (`execute`) and their public API.
@Suite(.timeLimit(.minutes(1))) struct PersistentCallEngineTests {
    static func request(_ device: String) throws -> MessageFields {
        try FieldAssignment().build("PERSISTENT_CALL_REQ", assignments: [
            "InvokeID=4", "PeripheralID=5000", "DevSpecificFlags=2", "AgentInstrument=\(device)", "CallingDeviceID=9195550199",
        ])
    }

    @Test func commandsDriveRemoteDevicesAndListPersistentCalls() async throws {
        try await withSimulator({ $0.callCenter.persistentCalls.answerSeconds = nil }) { simulator, _ in
            let help = await simulator.execute("help")
            for name in ["rd add|remove|activate|deactivate DEVICE NUMBER", "rd answer|reject|hangup DEVICE", "timer expire CALLID",
                         "setup-fail DEVICE busy|noanswer|unreachable", "persistent "] {
                #expect(help.contains(name), "\(name)")
            }
            #expect(await simulator.execute("persistent") == "no persistent calls")
            let monitor = try await simulator.connect(.a)
            var open = Fixtures.open(client: "pc", services: Fixtures.allEvents | 0x04)
            open.callMessageMask = 0xFFFF_FFFF
            try await monitor.open(open)
            try await monitor.expect("SYSTEM_EVENT")
            try await monitor.send(Self.request("5001"))
            let conf = try await monitor.expect("PERSISTENT_CALL_CONF")
            let id = try #require(conf.number(.newConnectionCallID))
            try await monitor.expect("BEGIN_CALL_EVENT")
            try await monitor.expect("CALL_DELIVERED_EVENT")
            #expect(await simulator.execute("persistent").hasPrefix("5001  \(id)  91955500011  SETTING_UP  age "))
            #expect(await simulator.execute("rd answer 5001") == "rd 5001: the remote destination answered")
            #expect(try await monitor.expect("CALL_ESTABLISHED_EVENT").number(.localConnectionState) == 3)
            #expect(await simulator.execute("persistent").hasPrefix("5001  \(id)  91955500011  CONNECTED"))
            #expect(await simulator.execute("rd answer 5001") == "no persistent call ringing at 5001")
            #expect(await simulator.execute("timer expire \(id)") == "call \(id): duration timer expired")
            try await monitor.expect("CALL_CONNECTION_CLEARED_EVENT")
            #expect(try await monitor.expect("CALL_CLEARED_EVENT").number(.eventCause) == 35)
            try await monitor.expect("END_CALL_EVENT")
            #expect(await simulator.execute("timer expire \(id)") == "no persistent call \(id)")

            #expect(await simulator.execute("setup-fail 5001 unreachable") == "the next persistent call on 5001 fails: unreachable")
            try await monitor.send(Self.request("5001"))
            try await monitor.expect("PERSISTENT_CALL_CONF")
            try await monitor.expect("BEGIN_CALL_EVENT")
            #expect(try await monitor.expect("CALL_FAILED_EVENT").number(.eventCause) == 13)
            try await monitor.expect("CALL_CLEARED_EVENT")
            try await monitor.expect("END_CALL_EVENT")

            #expect(await simulator.execute("rd deactivate 5001 91955500011") == "rd 5001: remote destination 91955500011 deactivated")
            try await monitor.send(Self.request("5001"))
            let refused = try await monitor.expect("CONTROL_FAILURE_CONF")
            #expect(refused.number(.failureCode) == 6)
            #expect(refused.number(.peripheralErrorCode) == 0xC000_0016)
            #expect(await simulator.execute("rd add 5001 5550100") == "rd 5001: remote destination 5550100 added")
            #expect(await simulator.execute("rd activate CTRID5001 5550100") == "rd CTRID5001: remote destination 5550100 active")
            try await simulator.remoteDevice("5001", .remove("91955500012"))
            await #expect(throws: CallCenterError.self) { try await simulator.remoteDevice("9999", .answer) }
            #expect(await simulator.execute("rd hangup 5002") == "no persistent call at 5002")
            #expect(await simulator.execute("setup-fail 42 busy") == "no CTI Remote Device 42")
        }
    }
}
