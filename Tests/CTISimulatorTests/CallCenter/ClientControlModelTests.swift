import CTIProtocol
import Testing
@testable import CTISimulator

/// The Client Control step function of ``CallCenterModel``, without sockets.
@Suite struct ClientControlModelTests {
    @Test func failureTableIsCompleteAndPrintable() {
        #expect(SimulatorFailureTable.rows.count == SimulatorFailureTable.Mistake.allCases.count)
        #expect(SimulatorFailureTable.text.split(separator: "\n").count == SimulatorFailureTable.rows.count)
        #expect(SimulatorFailureTable.text.contains("CONTROL_FAILURE_CONF CF_INVALID_CSTA_CALL_IDENTIFIER (11)"))
        #expect(code(.noClientControl) == 12)
        #expect(code(.wrongCallState) == 22)
    }

    @Test func requestsNeedClientControlAndTheRightPeripheral() {
        var model = Model.make()
        let noControl = model.handle(Model.request("QUERY_AGENT_STATE_REQ", ["AgentInstrument=2001"]), from: ControlRequester(services: 0x10))
        #expect(noControl.reply?.name == "FAILURE_CONF")
        #expect(noControl.reply?.failureCode == 12)
        let wrongPeripheral = model.handle(try! FieldAssignment().build("QUERY_AGENT_STATE_REQ", assignments: ["PeripheralID=1", "AgentInstrument=2001"]),
                                           from: Model.allControl)
        #expect(wrongPeripheral.reply?.failureCode == code(.unknownPeripheral))
    }

    @Test func inboundCallIsAnsweredHeldRetrievedAndCleared() throws {
        var model = Model.make()
        let (id, delivered) = try model.callIn(to: "2001").get()
        #expect(id == 16_777_300)
        #expect(delivered.names == ["AGENT_PRE_CALL_EVENT", "BEGIN_CALL_EVENT", "CALL_DELIVERED_EVENT", "AGENT_STATE_EVENT"])
        #expect(delivered.agentStates == [AgentStates.reserved])

        let answered = model.handle(Model.request("ANSWER_CALL_REQ", Model.call(id, "2001")), from: Model.own("2001"))
        #expect(answered.names == ["ANSWER_CALL_CONF", "CALL_ESTABLISHED_EVENT", "AGENT_STATE_EVENT"])
        #expect(answered.agentStates == [AgentStates.talking])
        let again = model.handle(Model.request("ANSWER_CALL_REQ", Model.call(id, "2001")), from: Model.own("2001"))
        #expect(again.reply?.failureCode == code(.wrongCallState))

        let held = model.handle(Model.request("HOLD_CALL_REQ", Model.call(id, "2001")), from: Model.own("2001"))
        #expect(held.names == ["HOLD_CALL_CONF", "CALL_HELD_EVENT", "AGENT_STATE_EVENT"])
        #expect(held.agentStates == [AgentStates.hold])
        let heldTwice = model.handle(Model.request("HOLD_CALL_REQ", Model.call(id, "2001")), from: Model.own("2001"))
        #expect(heldTwice.reply?.failureCode == code(.wrongCallState))

        let retrieved = model.handle(Model.request("RETRIEVE_CALL_REQ", Model.call(id, "2001", prefix: "Held")), from: Model.own("2001"))
        #expect(retrieved.names == ["RETRIEVE_CALL_CONF", "CALL_RETRIEVED_EVENT", "AGENT_STATE_EVENT"])

        let cleared = model.handle(Model.request("CLEAR_CONNECTION_REQ", Model.call(id, "2001")), from: Model.own("2001"))
        #expect(cleared.names == ["CLEAR_CONNECTION_CONF", "CALL_CONNECTION_CLEARED_EVENT", "CALL_CLEARED_EVENT", "END_CALL_EVENT",
                                  "AGENT_STATE_EVENT"])
        #expect(cleared.agentStates == [AgentStates.workReady])
        #expect(model.calls.isEmpty)
        // Wrap-up ends within the configured 2-4 s.
        #expect(model.advance(to: model.now + 5).agentStates == [AgentStates.available])
    }

    @Test func callRequestsRefuseUnknownCallsDevicesAndOtherSessionsDevices() throws {
        var model = Model.make()
        let (id, _) = try model.callIn(to: "2001").get()
        #expect(model.handle(Model.request("CLEAR_CALL_REQ", Model.call(id + 1, "2001")), from: Model.allControl).reply?.failureCode
            == code(.unknownCall))
        #expect(model.handle(Model.request("CLEAR_CALL_REQ", Model.call(id, "7777")), from: Model.allControl).reply?.failureCode
            == code(.unknownDevice))
        #expect(model.handle(Model.request("CLEAR_CALL_REQ", Model.call(id, "2001")), from: Model.own("2002")).reply?.failureCode
            == code(.notOwnDevice))
        #expect(model.handle(Model.request("CLEAR_CALL_REQ", ["ConnectionCallID=\(id)"]), from: Model.allControl).reply?.failureCode
            == code(.missingField))
        let cleared = model.handle(Model.request("CLEAR_CALL_REQ", Model.call(id, "2001")), from: Model.allControl)
        #expect(cleared.names == ["CLEAR_CALL_CONF", "CALL_CLEARED_EVENT", "END_CALL_EVENT", "AGENT_STATE_EVENT"])
    }

    @Test func makeCallToAnExternalNumberIsAnsweredAfterTheFarEndDelay() {
        var model = Model.make()
        let made = model.handle(Model.request("MAKE_CALL_REQ", ["AgentInstrument=2002", "DialedNumber=9195551234", "CallVariable1=hello"]),
                                from: Model.own("2002"))
        #expect(made.names == ["MAKE_CALL_CONF", "BEGIN_CALL_EVENT", "CALL_ORIGINATED_EVENT", "AGENT_STATE_EVENT"])
        let id = made.reply?.fields?.number(.newConnectionCallID) ?? 0
        #expect(made.reply?.fields?.string(.newConnectionDeviceID) == "2002")
        #expect(model.calls[id]?.variables[1] == "hello")
        #expect(model.advance(to: 0.5).isEmpty)
        let answered = model.advance(to: 1.5)
        #expect(answered.names == ["CALL_ESTABLISHED_EVENT"])
        #expect(answered.first?.message.fields?.string(.answeringDeviceID) == "9195551234")
        let dtmf = model.handle(Model.request("SEND_DTMF_SIGNAL_REQ", Model.call(id, "2002") + ["DTMFString=123#"]), from: Model.own("2002"))
        #expect(dtmf.names == ["SEND_DTMF_SIGNAL_CONF"])
        let noDigits = model.handle(Model.request("SEND_DTMF_SIGNAL_REQ", Model.call(id, "2002")), from: Model.own("2002"))
        #expect(noDigits.reply?.failureCode == code(.missingField))
        #expect(model.handle(Model.request("MAKE_CALL_REQ", ["AgentInstrument=2002"]), from: Model.own("2002")).reply?.failureCode
            == code(.missingField))
        #expect(model.handle(Model.request("MAKE_CALL_REQ", ["AgentInstrument=2002", "DialedNumber=1"]), from: Model.own("2002")).reply?
            .failureCode == code(.wrongCallState))
    }

    @Test func makeCallToABusyAgentFails() throws {
        var model = Model.make()
        _ = try model.callIn(to: "2003").get()
        let made = model.handle(Model.request("MAKE_CALL_REQ", ["AgentInstrument=2001", "DialedNumber=2003"]), from: Model.allControl)
        #expect(made.names == ["MAKE_CALL_CONF", "BEGIN_CALL_EVENT", "CALL_ORIGINATED_EVENT", "AGENT_STATE_EVENT", "CALL_FAILED_EVENT",
                               "CALL_CLEARED_EVENT", "END_CALL_EVENT", "AGENT_STATE_EVENT"])
        #expect(made.agentStates == [AgentStates.talking, AgentStates.available])
    }

    @Test func consultThenTransferMovesTheCustomerToTheOtherAgent() throws {
        var model = Model.make()
        let (id, _) = try model.callIn(to: "2001").get()
        _ = model.handle(Model.request("ANSWER_CALL_REQ", Model.call(id, "2001")), from: Model.allControl)
        let consult = model.handle(Model.request("CONSULTATION_CALL_REQ", Model.call(id, "2001", prefix: "Active")
            + ["DialedNumber=2002", "ConsultType=1"]), from: Model.allControl)
        #expect(consult.names == ["CONSULTATION_CALL_CONF", "CALL_HELD_EVENT", "AGENT_STATE_EVENT", "BEGIN_CALL_EVENT",
                                  "CALL_ORIGINATED_EVENT", "AGENT_STATE_EVENT", "BEGIN_CALL_EVENT", "CALL_DELIVERED_EVENT"])
        let consultID = consult.reply?.fields?.number(.newConnectionCallID) ?? 0
        #expect(consultID == id + 1)
        let answered = model.handle(Model.request("ANSWER_CALL_REQ", Model.call(consultID, "2002")), from: Model.allControl)
        #expect(answered.names == ["ANSWER_CALL_CONF", "CALL_ESTABLISHED_EVENT", "AGENT_STATE_EVENT"])
        let wrong = model.handle(Model.request("TRANSFER_CALL_REQ", Model.call(consultID, "2001", prefix: "Active")
            + Model.call(consultID, "2001", prefix: "Held")), from: Model.allControl)
        #expect(wrong.reply?.failureCode == code(.wrongCallState))
        let transferred = model.handle(Model.request("TRANSFER_CALL_REQ", Model.call(consultID, "2001", prefix: "Active")
            + Model.call(id, "2001", prefix: "Held")), from: Model.allControl)
        #expect(transferred.names == ["TRANSFER_CALL_CONF", "BEGIN_CALL_EVENT", "CALL_TRANSFERRED_EVENT", "END_CALL_EVENT", "END_CALL_EVENT",
                                      "AGENT_STATE_EVENT"])
        #expect(model.calls.count == 1)
        #expect(model.calls[id]?.parties.map(\.device).sorted() == ["2002", "9195550100"])
        #expect(model.agents[0].state == AgentStates.workReady)
        #expect(model.agents[1].state == AgentStates.talking)
    }

    @Test func consultThenConferenceKeepsEveryone() throws {
        var model = Model.make()
        let (id, _) = try model.callIn(to: "2001").get()
        _ = model.handle(Model.request("ANSWER_CALL_REQ", Model.call(id, "2001")), from: Model.allControl)
        let consult = model.handle(Model.request("CONSULTATION_CALL_REQ", Model.call(id, "2001", prefix: "Active")
            + ["DialedNumber=9195559999", "ConsultType=2"]), from: Model.allControl)
        let consultID = consult.reply?.fields?.number(.newConnectionCallID) ?? 0
        _ = model.advance(to: 2)
        let alternated = model.handle(Model.request("ALTERNATE_CALL_REQ", Model.call(consultID, "2001", prefix: "Active")
            + Model.call(id, "2001", prefix: "Other")), from: Model.allControl)
        #expect(alternated.names == ["ALTERNATE_CALL_CONF", "CALL_HELD_EVENT", "AGENT_STATE_EVENT", "CALL_RETRIEVED_EVENT", "AGENT_STATE_EVENT"])
        _ = model.handle(Model.request("ALTERNATE_CALL_REQ", Model.call(id, "2001", prefix: "Active")
            + Model.call(consultID, "2001", prefix: "Other")), from: Model.allControl)
        let conferenced = model.handle(Model.request("CONFERENCE_CALL_REQ", Model.call(consultID, "2001", prefix: "Active")
            + Model.call(id, "2001", prefix: "Held")), from: Model.allControl)
        #expect(conferenced.names == ["CONFERENCE_CALL_CONF", "CALL_CONFERENCED_EVENT", "END_CALL_EVENT"])
        #expect(conferenced[1].message.fields?.number(.numParties) == 3)
        #expect(model.calls[id]?.parties.count == 3)
    }

    @Test func agentStateRequests() {
        var model = Model.make(initial: AgentStates.logout)
        let me = Model.own("2001")
        func set(_ state: UInt32, _ extra: [String] = []) -> [CallCenterOutput] {
            model.handle(Model.request("SET_AGENT_STATE_REQ", ["AgentInstrument=2001", "AgentState=\(state)"] + extra), from: me)
        }
        #expect(set(AgentStates.available).reply?.failureCode == code(.agentNotLoggedIn))
        #expect(set(AgentStates.login).reply?.failureCode == code(.missingField))
        #expect(set(AgentStates.login, ["AgentID=1002"]).reply?.failureCode == code(.unknownAgent))
        #expect(set(AgentStates.login, ["AgentID=1001", "AgentWorkMode=3"]).reply?.failureCode == code(.invalidWorkMode))
        let login = set(AgentStates.login, ["AgentID=1001"])
        #expect(login.names == ["SET_AGENT_STATE_CONF", "AGENT_STATE_EVENT", "AGENT_STATE_EVENT"])
        #expect(login.agentStates == [AgentStates.login, AgentStates.notReady])
        #expect(set(AgentStates.login, ["AgentID=1001"]).reply?.failureCode == code(.agentAlreadyLoggedIn))
        #expect(set(AgentStates.available).agentStates == [AgentStates.available])
        #expect(set(AgentStates.workReady).reply?.failureCode == code(.invalidStateTransition))
        #expect(set(AgentStates.logout).reply?.failureCode == code(.invalidStateTransition))
        let notReady = set(AgentStates.notReady, ["EventReasonCode=42"])
        #expect(notReady.first { $0.message.name == "AGENT_STATE_EVENT" }?.message.fields?.number(.eventReasonCode) == 42)
        #expect(set(AgentStates.talking).reply?.failureCode == code(.invalidStateTransition))
        #expect(set(AgentStates.logout, ["AgentID=1001"]).agentStates == [AgentStates.logout])
        let other = model.handle(Model.request("SET_AGENT_STATE_REQ", ["AgentInstrument=2002", "AgentState=2"]), from: me)
        #expect(other.reply?.failureCode == code(.notOwnDevice))
        let unknown = model.handle(Model.request("SET_AGENT_STATE_REQ", ["AgentInstrument=9999", "AgentState=2"]), from: Model.allControl)
        #expect(unknown.reply?.failureCode == code(.unknownDevice))
    }

    @Test func workStatesAskedDuringACallApplyAfterIt() throws {
        var model = Model.make()
        let (id, _) = try model.callIn(to: "2001").get()
        _ = model.handle(Model.request("ANSWER_CALL_REQ", Model.call(id, "2001")), from: Model.allControl)
        let pending = model.handle(Model.request("SET_AGENT_STATE_REQ", ["AgentInstrument=2001", "AgentState=5"]), from: Model.allControl)
        #expect(pending.names == ["SET_AGENT_STATE_CONF"])
        #expect(model.endCall(id)?.agentStates == [AgentStates.workNotReady])
    }

    @Test func nailedConnectionLoginPlacesAHeldPersistentLeg() {
        var model = Model.make(initial: AgentStates.logout)
        let login = model.handle(Model.request("SET_AGENT_STATE_REQ", ["AgentInstrument=2001;9195550199", "AgentState=0", "AgentID=1001",
                                                                       "AgentWorkMode=4"]), from: Model.allControl)
        #expect(login.names == ["SET_AGENT_STATE_CONF", "AGENT_STATE_EVENT", "AGENT_STATE_EVENT", "BEGIN_CALL_EVENT", "CALL_ORIGINATED_EVENT"])
        let answered = model.advance(to: 1.5)
        #expect(answered.names == ["CALL_ESTABLISHED_EVENT", "CALL_HELD_EVENT"])
        #expect(model.agents[0].state == AgentStates.notReady)
        #expect(model.agents[0].remotePhone == "9195550199")
        let logout = model.handle(Model.request("SET_AGENT_STATE_REQ", ["AgentInstrument=2001", "AgentState=1"]), from: Model.allControl)
        #expect(logout.names == ["SET_AGENT_STATE_CONF", "CALL_CLEARED_EVENT", "END_CALL_EVENT", "AGENT_STATE_EVENT"])
        #expect(model.calls.isEmpty)
    }

    @Test func queriesAndSnapshots() throws {
        var model = Model.make()
        let (id, _) = try model.callIn(to: "2002").get()
        let query = model.handle(Model.request("QUERY_AGENT_STATE_REQ", ["MRDID=1", "AgentInstrument=2002"]), from: Model.allControl)
        #expect(query.reply?.name == "QUERY_AGENT_STATE_CONF")
        #expect(query.reply?.fields?.number(.agentState) == AgentStates.reserved)
        #expect(query.reply?.fields?.string(.agentID) == "1002")
        #expect(model.handle(Model.request("QUERY_AGENT_STATE_REQ", ["AgentID=4444"]), from: Model.allControl).reply?.failureCode
            == code(.unknownDevice))
        let info = model.handle(Model.request("QUERY_DEVICE_INFO_REQ", ["AgentInstrument=2002"]), from: Model.allControl)
        #expect(info.reply?.name == "QUERY_DEVICE_INFO_CONF")
        #expect(model.handle(Model.request("QUERY_DEVICE_INFO_REQ", ["AgentInstrument=42"]), from: Model.allControl).reply?.failureCode
            == code(.unknownDevice))
        let device = model.handle(Model.request("SNAPSHOT_DEVICE_REQ", ["AgentInstrument=2002"]), from: Model.allControl)
        #expect(device.reply?.fields?.number(.numCalls) == 1)
        let call = model.handle(Model.request("SNAPSHOT_CALL_REQ", Model.call(id, "2002")), from: Model.allControl)
        #expect(call.reply?.fields?.number(.numCallDevices) == 2)
        #expect(model.handle(Model.request("SNAPSHOT_CALL_REQ", Model.call(1, "2002")), from: Model.allControl).reply?.failureCode
            == code(.unknownCall))
    }

    @Test func setCallDataAndRelease() throws {
        var model = Model.make()
        let (id, _) = try model.callIn(to: "2002").get()
        var request = Model.request("SET_CALL_DATA_REQ", Model.call(id, "2002") + ["CallVariable3=gold"])
        try request.append(.namedVariable, .namedVariable(name: "user.Tier", value: "gold"))
        let update = model.handle(request, from: Model.allControl)
        #expect(update.names == ["SET_CALL_DATA_CONF", "CALL_DATA_UPDATE_EVENT"])
        #expect(update[1].message.fields?.string(.callVariable3) == "gold")
        #expect(model.calls[id]?.namedVariables.contains(NamedValue(name: "user.Tier", value: "gold")) == true)
        #expect(model.handle(Model.request("RELEASE_CALL_REQ", Model.call(id, "2002")), from: Model.allControl).names == ["RELEASE_CALL_CONF"])
        #expect(model.handle(Model.request("RELEASE_CALL_REQ", Model.call(id, "2003")), from: Model.allControl).reply?.failureCode
            == code(.unknownCall))
    }

    @Test func operatorCommands() throws {
        var model = Model.make()
        #expect(throws: CallCenterError.self) { try model.callIn(to: "1234").get() }
        let (id, outputs) = try model.callIn(to: "5001").get()
        #expect(outputs.names == ["BEGIN_CALL_EVENT", "CALL_DELIVERED_EVENT"])
        #expect(model.endCall(id)?.names == ["CALL_CONNECTION_CLEARED_EVENT", "CALL_CLEARED_EVENT", "END_CALL_EVENT"])
        #expect(model.endCall(id) == nil)
        #expect(model.remoteDevices.first == RemoteDevice(lineDN: "5001", name: "CTRID5001", destinations: ["91955500011", "91955500012"]))
    }
}
