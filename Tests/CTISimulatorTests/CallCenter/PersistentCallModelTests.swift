import CTIProtocol
import Testing
@testable import CTISimulator

#if canImport(Glibc)
import Glibc
#endif

/// Persistent calls on the pure model (`persistent-calls-design.md` §6, ERRATA overrides): one
/// test per rule R1-R14, with the exact events or the exact FailureCode + PeripheralErrorCode.
@Suite struct PersistentCallModelTests {
    static func make(remoteDevices: Int = 2, _ configure: (inout PersistentCallConfiguration) -> Void = { _ in }) -> CallCenterModel {
        var configuration = CallCenterConfiguration(agents: 2, remoteDevices: remoteDevices, callRate: 0, seed: 7)
        configure(&configuration.persistentCalls)
        return CallCenterModel(configuration: configuration, peripheralID: 5000)
    }

    static func create(_ device: String = "5001", calling: String = "9195550199", flags: UInt32 = 2, text: String? = "Sales") -> MessageFields {
        var assignments = ["DevSpecificFlags=\(flags)", "AgentInstrument=\(device)", "CallingDeviceID=\(calling)"]
        if let text { assignments.append("Text=\(text)") }
        return Model.request("PERSISTENT_CALL_REQ", assignments)
    }

    /// FailureCode (or FAILURE_CONF status) and PeripheralErrorCode of the reply.
    static func failure(_ outputs: [CallCenterOutput]) -> (String, UInt32, UInt32)? {
        guard let reply = outputs.reply, reply.name.hasSuffix("FAILURE_CONF"), let code = reply.failureCode else { return nil }
        return (reply.name, code, reply.fields?.number(.peripheralErrorCode) ?? 0)
    }

    static func isFailure(_ outputs: [CallCenterOutput], _ name: String, _ code: UInt32, _ peripheral: UInt32) -> Bool {
        guard let got = failure(outputs) else { return false }
        return got == (name, code, peripheral)
    }

    static func named(_ message: CTIMessage) -> [String: String] {
        var result: [String: String] = [:]
        for field in message.fields?.floating ?? [] {
            if case .namedVariable(let name, let value) = field.value { result[name.string] = value.string }
        }
        return result
    }

    /// Creates a persistent call on `device` and lets the remote destination answer.
    static func connected(_ model: inout CallCenterModel, _ device: String = "5001") -> UInt32 {
        let made = model.handle(create(device), from: Model.allControl)
        let id = made.reply?.fields?.number(.newConnectionCallID) ?? 0
        _ = model.advance(to: model.now + 1.5)
        return id
    }

    static let cf = "CONTROL_FAILURE_CONF"

    // MARK: - R1-R14

    @Test func r1OnlyCTIRemoteDeviceLines() {
        var model = Self.make()
        #expect(Self.isFailure(model.handle(Self.create("2001"), from: Model.allControl), Self.cf, 5, 0x7E00_0101))
        #expect(Self.isFailure(model.handle(Self.create("4242"), from: Model.allControl), Self.cf, 5, 0x7E00_0101))
        // Earlier checks of §6.4: required fields, flags, the session's own device.
        #expect(Self.isFailure(model.handle(Model.request("PERSISTENT_CALL_REQ", ["DevSpecificFlags=2", "AgentInstrument=5001"]),
                                            from: Model.allControl), "FAILURE_CONF", 6, 0))
        #expect(Self.isFailure(model.handle(Model.request("PERSISTENT_CALL_REQ", ["DevSpecificFlags=2", "CallingDeviceID=1"]),
                                            from: Model.allControl), "FAILURE_CONF", 6, 0))
        #expect(Self.isFailure(model.handle(Self.create(flags: 0), from: Model.allControl), Self.cf, 3, 0x7E00_0101))
        #expect(Self.isFailure(model.handle(Self.create(flags: 6), from: Model.allControl), Self.cf, 3, 0x7E00_0101))
        #expect(Self.isFailure(model.handle(Self.create("5001"), from: Model.own("5002")), Self.cf, 8, 0x7E00_0101))
        #expect(model.calls.isEmpty)
        // The device name works as well as the line DN.
        #expect(model.handle(Self.create("CTRID5002"), from: Model.own("CTRID5002")).reply?.name == "PERSISTENT_CALL_CONF")
    }

    @Test func r2NeedsAnActiveRemoteDestination() throws {
        var model = Self.make()
        _ = try model.remoteDevice("5001", .deactivate("91955500011")).get()
        #expect(Self.isFailure(model.handle(Self.create(), from: Model.allControl), Self.cf, 6, 0xC000_0016))
        _ = try model.remoteDevice("5001", .activate("91955500012")).get()
        #expect(model.handle(Self.create(), from: Model.allControl).reply?.name == "PERSISTENT_CALL_CONF")
        // No destination configured at all.
        _ = try model.remoteDevice("5002", .remove("91955500021")).get()
        _ = try model.remoteDevice("5002", .remove("91955500022")).get()
        #expect(model.remoteDevices[1].destinations.isEmpty)
        #expect(Self.isFailure(model.handle(Self.create("5002"), from: Model.allControl), Self.cf, 6, 0xC000_0016))
        _ = try model.remoteDevice("5002", .add("5550000")).get()
        #expect(Self.isFailure(model.handle(Self.create("5002"), from: Model.allControl), Self.cf, 6, 0xC000_0016), "added, not active")
    }

    @Test func r3OnePerDeviceBeingSetUpThenAlreadyExists() {
        var model = Self.make()
        #expect(model.handle(Self.create(), from: Model.allControl).reply?.name == "PERSISTENT_CALL_CONF")
        #expect(Self.isFailure(model.handle(Self.create(), from: Model.allControl), Self.cf, 72, 0x7E00_0108))
        _ = model.advance(to: 1.5)
        #expect(Self.isFailure(model.handle(Self.create(), from: Model.allControl), Self.cf, 22, 0x7E00_0102))
        #expect(model.handle(Self.create("5002"), from: Model.allControl).reply?.name == "PERSISTENT_CALL_CONF", "another device may")
        #expect(model.persistentByDevice.count == 2)
    }

    @Test func r4NoCreateWhileAnotherCallIsOnTheDevice() throws {
        var model = Self.make()
        let (customer, _) = try model.callIn(to: "5001").get()
        #expect(Self.isFailure(model.handle(Self.create(), from: Model.allControl), Self.cf, 21, 0x7E00_0107))
        _ = model.endCall(customer)
        #expect(model.handle(Self.create(), from: Model.allControl).reply?.name == "PERSISTENT_CALL_CONF")
    }

    @Test func r5CapacityPerNodeAndPerCluster() {
        var node = Self.make(remoteDevices: 3) { $0.perNode = 2 }
        #expect(node.handle(Self.create("5001"), from: Model.allControl).reply?.name == "PERSISTENT_CALL_CONF")
        #expect(node.handle(Self.create("5002"), from: Model.allControl).reply?.name == "PERSISTENT_CALL_CONF")
        #expect(Self.isFailure(node.handle(Self.create("5003"), from: Model.allControl), Self.cf, 75, 0x7E00_0101))
        var cluster = Self.make(remoteDevices: 3) { $0.perCluster = 1 }
        #expect(cluster.handle(Self.create("5001"), from: Model.allControl).reply?.name == "PERSISTENT_CALL_CONF")
        #expect(Self.isFailure(cluster.handle(Self.create("5002"), from: Model.allControl), Self.cf, 75, 0x7E00_0101))
        #expect(PersistentCallConfiguration().perNode == 2_000)
        #expect(PersistentCallConfiguration().perCluster == 8_000)
    }

    /// R5 at the default limit: 2,000 remote devices, 2,000 creates succeed, the 2,001st is
    /// refused; prints the resident-set growth of the model.
    @Test func r5TwoThousandPersistentCallsThenResourceLimitation() {
        let before = Self.residentBytes()
        var model = Self.make(remoteDevices: 2_001)
        var ids: Set<UInt32> = []
        for index in 0..<2_000 {
            let made = model.handle(Self.create(String(5001 + index)), from: Model.allControl)
            if let id = made.reply?.fields?.number(.newConnectionCallID) { ids.insert(id) }
        }
        #expect(ids.count == 2_000)
        #expect(Self.isFailure(model.handle(Self.create("7001"), from: Model.allControl), Self.cf, 75, 0x7E00_0101))
        _ = model.advance(to: 2)
        #expect(model.persistentSnapshots.count == 2_000)
        #expect(model.persistentSnapshots.allSatisfy { $0.state == "CONNECTED" })
        let after = Self.residentBytes()
        print("persistent calls: 2000 in the model, resident set \(before / 1024) KiB -> \(after / 1024) KiB (+\((after - before) / 1024) KiB)")
    }

    static func residentBytes() -> Int {
        #if canImport(Glibc)
        guard let file = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(file) }
        var size = 0, resident = 0
        guard withUnsafeMutablePointer(to: &size, { s in withUnsafeMutablePointer(to: &resident) { r in
            withVaList([s, r]) { vfscanf(file, "%ld %ld", $0) } } }) == 2 else { return 0 }
        return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
        #else
        return 0
        #endif
    }

    @Test func r6TheDestinationIsTheActiveRemoteDestination() throws {
        var model = Self.make()
        _ = try model.remoteDevice("5001", .activate("91955500012")).get()
        let made = model.handle(Model.request("PERSISTENT_CALL_REQ", ["DevSpecificFlags=2", "CallPriority=0", "AgentInstrument=5001",
                                                                      "CallingDeviceID=8005550000", "Text=Help desk"]),
                                from: Model.allControl)
        let delivered = try #require(made.first { $0.message.name == "CALL_DELIVERED_EVENT" }?.message.fields)
        #expect(delivered.string(.alertingDeviceID) == "91955500012")
        #expect(delivered.string(.calledDeviceID) == "91955500012")
        #expect(delivered.string(.callingDeviceID) == "8005550000")
        let begin = try #require(made.first { $0.message.name == "BEGIN_CALL_EVENT" }?.message)
        #expect(Self.named(begin) == ["user.PersistentCall": "1", "user.PersistCgpn": "8005550000", "user.PersistCgpnName": "Help desk"])
    }

    @Test func r7FreshCallIDsNeverReused() throws {
        var model = Self.make()
        var seen: Set<UInt32> = []
        for _ in 0..<3 {
            let id = Self.connected(&model)
            #expect(!seen.contains(id))
            seen.insert(id)
            let (customer, _) = try model.callIn(to: "5002").get()
            #expect(!seen.contains(customer))
            seen.insert(customer)
            _ = model.endCall(customer)
            let dropped = model.handle(Model.request("CLEAR_CALL_REQ", Model.call(id, "5001")), from: Model.allControl)
            #expect(dropped.reply?.name == "CLEAR_CALL_CONF")
        }
        #expect(seen.count == 6)
    }

    @Test func r8OfferingThenConnectedWithExactEventsAndNoMedia() throws {
        var model = Self.make()
        let made = model.handle(Self.create(), from: Model.allControl)
        #expect(made.names == ["PERSISTENT_CALL_CONF", "BEGIN_CALL_EVENT", "CALL_DELIVERED_EVENT"])
        let conf = try #require(made.reply?.fields)
        let id = try #require(conf.number(.newConnectionCallID))
        #expect(conf.string(.newConnectionDeviceID) == "5001")
        let begin = made[1].message
        #expect(begin.fields?.number(.callType) == 9)
        #expect(begin.fields?.number(.connectionCallID) == id)
        #expect(Self.named(begin)["user.PersistentCall"] == "1")
        let delivered = made[2].message
        #expect(delivered.fields?.number(.localConnectionState) == 2)
        #expect(delivered.fields?.string(.callingDeviceID) == "9195550199")
        #expect(Self.named(delivered) == ["user.PersistentCall": "1"])
        #expect(model.advance(to: 0.9).isEmpty, "the remote destination answers after 1 s")
        let answered = model.advance(to: 1.1)
        #expect(answered.names == ["CALL_ESTABLISHED_EVENT"])
        #expect(answered.first?.message.fields?.number(.localConnectionState) == 3)
        #expect(answered.first?.message.fields?.string(.answeringDeviceID) == "91955500011")
        #expect(model.advance(to: 100).isEmpty, "no media (RTP) events, nothing more")

        // Knobs: no delivered step; answer only on `rd answer`.
        var quiet = Self.make { $0.suppressDelivered = true; $0.answerSeconds = nil }
        #expect(quiet.handle(Self.create(), from: Model.allControl).names == ["PERSISTENT_CALL_CONF", "BEGIN_CALL_EVENT"])
        #expect(quiet.advance(to: 60).isEmpty)
        #expect(quiet.persistentSnapshots.first?.state == "SETTING_UP")
        #expect(try quiet.remoteDevice("5001", .answer).get().names == ["CALL_ESTABLISHED_EVENT"])
        #expect(quiet.persistentSnapshots.first?.state == "CONNECTED")
        #expect((try? quiet.remoteDevice("5001", .answer).get()) == nil, "nothing rings any more")
    }

    @Test func r9FeatureRequestsAreRefusedSetCallDataAndDTMFAllowed() throws {
        var model = Self.make()
        let id = Self.connected(&model)
        let (customer, _) = try model.callIn(to: "2001").get()
        let requests: [(String, [String])] = [
            ("HOLD_CALL_REQ", Model.call(id, "5001")),
            ("RETRIEVE_CALL_REQ", Model.call(id, "5001", prefix: "Held")),
            ("ALTERNATE_CALL_REQ", Model.call(id, "5001", prefix: "Active") + Model.call(customer, "2001", prefix: "Other")),
            ("ALTERNATE_CALL_REQ", Model.call(customer, "2001", prefix: "Active") + Model.call(id, "5001", prefix: "Other")),
            ("RECONNECT_CALL_REQ", Model.call(id, "5001", prefix: "Active") + Model.call(customer, "2001", prefix: "Held")),
            ("CONSULTATION_CALL_REQ", Model.call(id, "5001", prefix: "Active") + ["DialedNumber=2002"]),
            ("TRANSFER_CALL_REQ", Model.call(customer, "2001", prefix: "Active") + Model.call(id, "5001", prefix: "Held")),
            ("CONFERENCE_CALL_REQ", Model.call(id, "5001", prefix: "Active") + Model.call(customer, "2001", prefix: "Held")),
            ("DEFLECT_CALL_REQ", Model.call(id, "5001") + ["CalledDeviceID=2002"]),
            ("START_RECORDING_REQ", Model.call(id, "5001")),
            ("STOP_RECORDING_REQ", Model.call(id, "5001")),
            ("SUPERVISE_CALL_REQ", Model.call(id, "5001", prefix: "Agent")),
        ]
        for (name, assignments) in requests {
            let fields = try FieldAssignment().build(name, assignments: ["InvokeID=9", "PeripheralID=5000"]
                + assignments.filter { assignment in
                    let field = String(assignment.split(separator: "=")[0])
                    return try! MessageFields(named: name)[Field(named: field)] != nil
                        || MessageCatalog.standard.descriptor(named: name)?.floatingSpec(named: field) != nil
                })
            #expect(Self.isFailure(model.handle(fields, from: Model.allControl), Self.cf, 2, 0x7E00_0103), "\(name)")
        }
        // Unimplemented requests on other calls still get FAILURE_CONF 12.
        #expect(model.handle(Model.request("DEFLECT_CALL_REQ", Model.call(customer, "2001")), from: Model.allControl).reply?.failureCode == 12)
        let data = model.handle(Model.request("SET_CALL_DATA_REQ", Model.call(id, "5001") + ["CallVariable1=x"]), from: Model.allControl)
        #expect(data.names == ["SET_CALL_DATA_CONF", "CALL_DATA_UPDATE_EVENT"])
        #expect(Self.named(data[1].message)["user.PersistentCall"] == "1")
        let dtmf = model.handle(Model.request("SEND_DTMF_SIGNAL_REQ", Model.call(id, "5001") + ["DTMFString=12#"]), from: Model.allControl)
        #expect(dtmf.names == ["SEND_DTMF_SIGNAL_CONF"])
        let snapshot = model.handle(Model.request("SNAPSHOT_CALL_REQ", Model.call(id, "5001")), from: Model.allControl)
        #expect(snapshot.reply?.name == "SNAPSHOT_CALL_CONF")
        #expect(Self.named(snapshot.reply!)["user.PersistentCall"] == "1")
    }

    @Test func r10CustomerCallsCoexistOnTheDevice() throws {
        var model = Self.make()
        let id = Self.connected(&model)
        let (customer, events) = try model.callIn(to: "5001").get()
        #expect(events.names == ["BEGIN_CALL_EVENT", "CALL_DELIVERED_EVENT"])
        let answered = model.handle(Model.request("ANSWER_CALL_REQ", Model.call(customer, "5001")), from: Model.allControl)
        #expect(answered.names.first == "ANSWER_CALL_CONF")
        let endResult = model.endCall(customer)
        let ended = try #require(endResult)
        #expect(ended.allSatisfy { $0.message.fields?.number(.connectionCallID) != id }, "nothing happens to the persistent call")
        #expect(model.persistentSnapshots.map(\.callID) == [id])
        #expect(model.persistentSnapshots.first?.state == "CONNECTED")
    }

    @Test func r11DropRefusedWhileACustomerCallIsActiveThenDeferred() throws {
        var model = Self.make()
        let id = Self.connected(&model)
        let (customer, _) = try model.callIn(to: "5001").get()
        let refused = model.handle(Model.request("CLEAR_CONNECTION_REQ", Model.call(id, "5001")), from: Model.allControl)
        #expect(refused.names == ["CONTROL_FAILURE_CONF"])
        #expect(Self.isFailure(refused, Self.cf, 21, 0x7E00_0104))
        #expect(model.persistentSnapshots.first?.dropPending == true)
        let endResult = model.endCall(customer)
        let ended = try #require(endResult)
        let persistentEvents = ended.filter { $0.message.fields?.number(.connectionCallID) == id }
        #expect(persistentEvents.names == ["CALL_CONNECTION_CLEARED_EVENT", "CALL_CLEARED_EVENT", "END_CALL_EVENT"])
        #expect(persistentEvents[0].message.fields?.number(.eventCause) == 0xFFFF)
        #expect(persistentEvents[1].message.fields?.number(.eventCause) == 0xFFFF)
        #expect(persistentEvents[0].message.fields?.string(.releasingDeviceID) == "5001")
        #expect(model.persistentSnapshots.isEmpty)

        // With no customer call: CLEAR_CALL_REQ drops at once.
        let again = Self.connected(&model)
        let dropped = model.handle(Model.request("CLEAR_CALL_REQ", Model.call(again, "5001")), from: Model.allControl)
        #expect(dropped.names == ["CLEAR_CALL_CONF", "CALL_CONNECTION_CLEARED_EVENT", "CALL_CLEARED_EVENT", "END_CALL_EVENT"])
        #expect(model.calls.isEmpty)
    }

    @Test func r12TeardownOnHangupDeactivationTimerAndSetupFailures() throws {
        // RD hangs up: CEC_NONE, released by the remote destination.
        var model = Self.make()
        let hungUp = Self.connected(&model)
        let hangup = try model.remoteDevice("5001", .hangup).get()
        #expect(hangup.names == ["CALL_CONNECTION_CLEARED_EVENT", "CALL_CLEARED_EVENT", "END_CALL_EVENT"])
        #expect(hangup[0].message.fields?.string(.releasingDeviceID) == "91955500011")
        #expect(hangup[1].message.fields?.number(.eventCause) == 0xFFFF)
        #expect(hangup[1].message.fields?.number(.connectionCallID) == hungUp)

        // RD deactivated: CEC_CALL_CANCELLED; deferred while a customer call is active.
        _ = Self.connected(&model)
        let cancelled = try model.remoteDevice("5001", .deactivate("91955500011")).get()
        #expect(cancelled.names == ["CALL_CONNECTION_CLEARED_EVENT", "CALL_CLEARED_EVENT", "END_CALL_EVENT"])
        #expect(cancelled[1].message.fields?.number(.eventCause) == 5)
        _ = try model.remoteDevice("5001", .activate("91955500011")).get()
        let deferred = Self.connected(&model)
        let (customer, _) = try model.callIn(to: "5001").get()
        #expect(try model.remoteDevice("5001", .remove("91955500011")).get().isEmpty)
        #expect(model.persistentSnapshots.first?.dropPending == true)
        let endResult = model.endCall(customer)
        let ended = try #require(endResult).filter { $0.message.fields?.number(.connectionCallID) == deferred }
        #expect(ended.names == ["CALL_CONNECTION_CLEARED_EVENT", "CALL_CLEARED_EVENT", "END_CALL_EVENT"])
        #expect(ended[1].message.fields?.number(.eventCause) == 5)

        // Duration timer: `timer expire` and the configured maximum, CEC_TIME_OUT.
        let expired = Self.connected(&model, "5002")
        let timeout = try model.expirePersistentTimer(expired).get()
        #expect(timeout.names == ["CALL_CONNECTION_CLEARED_EVENT", "CALL_CLEARED_EVENT", "END_CALL_EVENT"])
        #expect(timeout[1].message.fields?.number(.eventCause) == 35)
        #expect((try? model.expirePersistentTimer(expired).get()) == nil)
        var limited = Self.make { $0.maxDurationSeconds = 30 }
        _ = Self.connected(&limited)
        #expect(limited.advance(to: 30).isEmpty)
        let limit = limited.advance(to: 32)
        #expect(limit.names == ["CALL_CONNECTION_CLEARED_EVENT", "CALL_CLEARED_EVENT", "END_CALL_EVENT"])
        #expect(limit[1].message.fields?.number(.eventCause) == 35)

        // Set-up failures: CALL_FAILED_EVENT (LCS_FAIL) with the cause, then the call clears.
        for (failure, cause, names) in [
            (PersistentSetupFailure.busy, UInt32(3), ["PERSISTENT_CALL_CONF", "BEGIN_CALL_EVENT", "CALL_FAILED_EVENT", "CALL_CLEARED_EVENT", "END_CALL_EVENT"]),
            (.unreachable, 13, ["PERSISTENT_CALL_CONF", "BEGIN_CALL_EVENT", "CALL_FAILED_EVENT", "CALL_CLEARED_EVENT", "END_CALL_EVENT"]),
        ] {
            var failing = Self.make()
            _ = try failing.failNextSetup("5001", failure).get()
            let made = failing.handle(Self.create(), from: Model.allControl)
            #expect(made.names == names)
            #expect(made[2].message.fields?.number(.eventCause) == cause)
            #expect(made[2].message.fields?.number(.localConnectionState) == 6)
            #expect(failing.calls.isEmpty)
            #expect(failing.handle(Self.create(), from: Model.allControl).reply?.name == "PERSISTENT_CALL_CONF", "only the next set-up fails")
        }
        var noAnswer = Self.make()
        _ = try noAnswer.failNextSetup("5001", .noanswer).get()
        #expect(noAnswer.handle(Self.create(), from: Model.allControl).names == ["PERSISTENT_CALL_CONF", "BEGIN_CALL_EVENT", "CALL_DELIVERED_EVENT"])
        let notAnswered = noAnswer.advance(to: 1.5)
        #expect(notAnswered.names == ["CALL_FAILED_EVENT", "CALL_CLEARED_EVENT", "END_CALL_EVENT"])
        #expect(notAnswered[0].message.fields?.number(.eventCause) == 10)
        // `rd reject`: CEC_BUSY.
        var rejecting = Self.make { $0.answerSeconds = nil }
        _ = rejecting.handle(Self.create(), from: Model.allControl)
        let rejected = try rejecting.remoteDevice("5001", .reject).get()
        #expect(rejected.names == ["CALL_FAILED_EVENT", "CALL_CLEARED_EVENT", "END_CALL_EVENT"])
        #expect(rejected[0].message.fields?.number(.eventCause) == 3)
    }

    @Test func r13SnapshotDeviceIncludesThePersistentCallMarkedUnlessHidden() throws {
        var model = Self.make()
        let id = Self.connected(&model)
        let (customer, _) = try model.callIn(to: "5001").get()
        let snapshot = try #require(model.handle(Model.request("SNAPSHOT_DEVICE_REQ", ["AgentInstrument=5001"]), from: Model.allControl).reply)
        #expect(snapshot.name == "SNAPSHOT_DEVICE_CONF")
        #expect(snapshot.fields?.number(.numCalls) == 2)
        #expect(snapshot.fields?.values(of: .callConnectionCallID).map(\.number) == [id, customer])
        let marks = snapshot.fields?.floating.filter { $0.tag == CallEventMessages.namedVariableTag } ?? []
        #expect(marks.count == 1)
        #expect(Self.named(snapshot) == ["user.PersistentCall": "1"])
        // The mark follows the persistent call's entry.
        let tags = snapshot.fields?.floating.map(\.tag) ?? []
        let markIndex = try #require(tags.firstIndex(of: CallEventMessages.namedVariableTag))
        let callIDTag = try #require(snapshot.fields?.descriptor.floatingSpec(named: "CallState")?.tag)
        #expect(tags[markIndex - 1] == callIDTag)
        // Encodes (a tag outside the layout) and decodes back.
        let bytes = try CTIMessageEncoder().encode(snapshot)
        #expect(bytes.readableBytes > 0)

        var hidden = Self.make { $0.hideFromSnapshotDevice = true }
        let hiddenID = Self.connected(&hidden)
        let empty = hidden.handle(Model.request("SNAPSHOT_DEVICE_REQ", ["AgentInstrument=5001"]), from: Model.allControl).reply
        #expect(empty?.fields?.number(.numCalls) == 0)
        #expect(hidden.handle(Model.request("SNAPSHOT_CALL_REQ", Model.call(hiddenID, "5001")), from: Model.allControl).reply?.name
            == "SNAPSHOT_CALL_CONF", "SNAPSHOT_CALL on its ID still works")
    }

    @Test func r14NeedsClientControlAndEventsGoToTheDevice() {
        var model = Self.make()
        #expect(Self.isFailure(model.handle(Self.create(), from: ControlRequester(services: 0x10)), "FAILURE_CONF", 12, 0))
        #expect(Self.isFailure(model.handle(Self.create(), from: ControlRequester(services: 0x10 | 0x04 | 0x2000)), "FAILURE_CONF", 12, 0))
        let made = model.handle(Self.create("5001"), from: Model.own("5001"))
        #expect(made.reply?.name == "PERSISTENT_CALL_CONF")
        for output in made where output.audience != .requester {
            #expect(output.audience == .devices(["5001"]), "events about the line: its CLIENT_EVENTS sessions and ALL_EVENTS sessions")
        }
        #expect(model.advance(to: 2).allSatisfy { $0.audience == .devices(["5001"]) })
    }

    // MARK: - Commands

    @Test(arguments: [
        ("rd add 5001 5550100", SimulatorCommand("rd add", .device("5001"), .number("5550100"))),
        ("RD remove CTRID5001 5550100", .init("rd remove", .device("CTRID5001"), .number("5550100"))),
        ("rd activate 5001 91955500012", .init("rd activate", .device("5001"), .number("91955500012"))),
        ("rd deactivate 5001 91955500012", .init("rd deactivate", .device("5001"), .number("91955500012"))),
        ("rd answer 5001", .init("rd answer", .device("5001"))),
        ("rd reject 5001", .init("rd reject", .device("5001"))),
        ("rd hangup 5001", .init("rd hangup", .device("5001"))),
        ("timer expire 16777300", .init("timer expire", .callID(16_777_300))),
        ("setup-fail 5001 noanswer", .init("setup-fail", .device("5001"), .choice("noanswer"))),
        ("persistent", .init("persistent")),
    ])
    func parses(line: String, command: SimulatorCommand) throws {
        #expect(try SimulatorCommand.parse(line) == command)
    }

    @Test func refusesBadPersistentCommands() {
        for line in ["rd", "rd add 5001", "rd answer", "rd ring 5001", "timer expire", "timer expire x", "timer stop 1",
                     "setup-fail 5001", "setup-fail 5001 late", "persistent now"] {
            #expect(throws: SimulatorCommandError.self, "\(line)") { try SimulatorCommand.parse(line) }
        }
    }

    @Test func failureTableHasThePersistentRows() {
        #expect(SimulatorFailureTable.row(for: .persistentNoActiveRD).peripheralErrorCode == .noActiveRDSet)
        #expect(SimulatorFailureTable.text.contains("CONTROL_FAILURE_CONF CF_INVALID_CALLED_DEVICE (6) 0xC0000016"))
        #expect(SimulatorFailureTable.row(for: .noClientControl).peripheralErrorCode == .none)
    }
}
