import CTIProtocol
import Foundation
import NIOCore
import Testing
import CTIClient
@testable import CTIOutput

@Suite struct ClientEventRenderingTests {
    func event(_ kind: ClientEvent.Kind, side: CTISide? = .a) -> ClientEvent {
        ClientEvent(timestamp: 1_795_441_546_123, sequence: 42, side: side, kind: kind)
    }

    func messageEvent() throws -> ClientEvent {
        var fields = try MessageFields(named: "CALL_ESTABLISHED_EVENT")
        try fields.set(.connectionCallID, .number(77))
        try fields.set(.connectionDeviceID, .text("2001"))
        try fields.set(.localConnectionState, .number(3))
        try fields.set(.eventCause, .number(22))
        let message = CTIMessage.fields(fields)
        var bytes = try CTIMessageEncoder().encode(message)
        var decoder = CTIFrameDecoder()
        return event(.message(message, try #require(try decoder.decode(buffer: &bytes))))
    }

    @Test func jsonLinesCarryTimestampSequenceSideAndTheMessage() throws {
        let line = String(decoding: try messageEvent().jsonLine(), as: UTF8.self)
        #expect(line.hasPrefix(#"{"ts":"2026-11-23T13:45:46.123Z","seq":42,"side":"A","type":"CALL_ESTABLISHED_EVENT","typeId":10,"fields":{"#))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect((object["fields"] as? [String: Any])?["ConnectionCallID"] as? Int == 77)
    }

    @Test func lifecycleRecordsAreSessionObjects() throws {
        let opened = event(.lifecycle(.opened(.b, OpenConfirmation(invokeID: 1, servicesGranted: 0x11, sessionType: .active), protocolVersion: 21)), side: .b)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(opened.jsonLine())) as? [String: Any])
        #expect(object["type"] as? String == "SESSION")
        #expect(object["event"] as? String == "opened")
        #expect(object["side"] as? String == "B")
        #expect((object["servicesGranted"] as? [String: Any])?["names"] as? [String] == ["CTI_SERVICE_CLIENT_EVENTS", "CTI_SERVICE_ALL_EVENTS"])
        #expect(object["sessionType"] as? String == "ACTIVE")
        #expect(object["protocolVersion"] as? Int == 21)
        let stepDown = event(.lifecycle(.versionStepDown(.a, refused: 25, next: 24)))
        let stepDownObject = try #require(try JSONSerialization.jsonObject(with: Data(stepDown.jsonLine())) as? [String: Any])
        #expect(stepDownObject["event"] as? String == "version-step-down")
        #expect(stepDownObject["refused"] as? Int == 25 && stepDownObject["next"] as? Int == 24)
        #expect(stepDown.textLine().contains("protocol 25 refused (E_CTI_INVALID_VERSION): opening again with protocol 24"))
        let refused = event(.lifecycle(.openRefused(.a, status: StatusCode(rawValue: 36))))
        let refusedObject = try #require(try JSONSerialization.jsonObject(with: Data(refused.jsonLine())) as? [String: Any])
        #expect((refusedObject["status"] as? [String: Any])?["name"] as? String == "E_CTI_INVALID_PASSWORD")
    }

    @Test func textLinesShowTheKeyFieldsAligned() throws {
        let line = try messageEvent().textLine()
        #expect(line == "13:45:46.123 A CALL_ESTABLISHED_EVENT         call=77 device=2001 state=LCS_CONNECT cause=CEC_NEW_CALL")
        let colored = try messageEvent().textLine(style: TextStyle(colored: true))
        #expect(colored.contains("\u{1B}[36mCALL_ESTABLISHED_EVENT"))
        let lifecycle = event(.lifecycle(.failedOver(from: .a, to: .b)), side: .b).textLine()
        #expect(lifecycle == "13:45:46.123 B SESSION                        failed over from side A to side B")
    }

    @Test func textLinesInColourPadTheNameInsideItsColour() throws {
        let line = try messageEvent().textLine(style: TextStyle(colored: true))
        #expect(line == "\u{1B}[2m13:45:46.123\u{1B}[0m A \u{1B}[36mCALL_ESTABLISHED_EVENT        \u{1B}[0m call=77 device=2001 state=LCS_CONNECT cause=CEC_NEW_CALL")
        let lifecycle = event(.lifecycle(.failedOver(from: .a, to: .b)), side: nil).textLine(style: TextStyle(colored: true))
        #expect(lifecycle == "\u{1B}[2m13:45:46.123\u{1B}[0m - \u{1B}[33mSESSION                       \u{1B}[0m failed over from side A to side B")
    }

    @Test func aLineWithoutKeyFieldsEndsAtTheName() throws {
        // SYSTEM_EVENT carries none of the key fields: no padding left at the end of the line.
        let message = CTIMessage.fields(try MessageFields(named: "SYSTEM_EVENT"))
        var bytes = try CTIMessageEncoder().encode(message)
        var decoder = CTIFrameDecoder()
        let systemEvent = event(.message(message, try #require(try decoder.decode(buffer: &bytes))))
        #expect(systemEvent.textLine() == "13:45:46.123 A SYSTEM_EVENT")
        let colored = systemEvent.textLine(style: TextStyle(colored: true))
        #expect(colored.hasSuffix("SYSTEM_EVENT                  \u{1B}[0m"))
    }

    @Test func verboseLinesShowEveryField() throws {
        let line = try messageEvent().textLine(verbose: true)
        #expect(line.hasPrefix("13:45:46.123 A CALL_ESTABLISHED_EVENT         MonitorID=0 "))
        #expect(line.contains("ConnectionCallID=77"))
        #expect(line.contains("ConnectionDeviceID=2001"))
        #expect(!line.hasSuffix(" "))
    }

    /// An event carrying `name` built from `Field=value` assignments, through the encoder and
    /// the decoder as a received message is.
    func received(_ name: String, _ assignments: [String]) throws -> ClientEvent {
        let message = CTIMessage.fields(try FieldAssignment().build(name, assignments: assignments))
        var bytes = try CTIMessageEncoder().encode(message)
        var decoder = CTIFrameDecoder()
        let frame = try #require(try decoder.decode(buffer: &bytes))
        return event(.message(try CTIMessageDecoder().decode(frame), frame))
    }

    @Test func callBeginShowsTheCallersNumbersAndTheCallData() throws {
        let begin = try received("BEGIN_CALL_EVENT", [
            "ConnectionCallID=16777300", "ConnectionDeviceID=2001", "ANI=4085551234", "DNIS=8005550100", "DialedNumber=5550100",
            "CallVariable1=account 1234567", "CallVariable2=", "CallVariable3=gold", "CallVariable10=last",
            "NamedVariable=user.CustomerID=C-0042117", "NamedVariable=user.Reason=billing",
        ])
        // CallVariable2 is empty: left out; the named variables are cut to 42 characters.
        #expect(begin.textLine() == "13:45:46.123 A BEGIN_CALL_EVENT               call=16777300 device=2001 ani=4085551234 "
            + #"dnis=8005550100 dialed=5550100 var1="account 1234567" var3=gold var10=last named={user.CustomerID=C-0042117 user.Reason=b…}"#)
        #expect(begin.textLine(style: TextStyle(colored: true)) == "\u{1B}[2m13:45:46.123\u{1B}[0m A \u{1B}[36mBEGIN_CALL_EVENT              \u{1B}[0m"
            + " call=16777300 device=2001 ani=4085551234 "
            + #"dnis=8005550100 dialed=5550100 var1="account 1234567" var3=gold var10=last named={user.CustomerID=C-0042117 user.Reason=b…}"#)
    }

    @Test func callDataAndDeliveryShowTheNumbersTheyCarry() throws {
        let update = try received("CALL_DATA_UPDATE_EVENT", [
            "ConnectionCallID=5", "ConnectionDeviceID=2001", "NewConnectionDeviceID=2001", "CallVariable4=segment retail", "NamedVariable=user.Lang=es",
        ])
        #expect(update.textLine() == #"13:45:46.123 A CALL_DATA_UPDATE_EVENT         call=5 device=2001 var4="segment retail" named={user.Lang=es}"#)
        // An empty ANI is left out; the line keeps the call's state and cause.
        let delivered = try received("CALL_DELIVERED_EVENT", [
            "ConnectionCallID=5", "ConnectionDeviceID=2001", "LocalConnectionState=ALERTING", "EventCause=NEW_CALL",
            "ANI=", "DNIS=8005550100", "DialedNumber=8005550100", "CallVariable1=gold",
        ])
        #expect(delivered.textLine() == "13:45:46.123 A CALL_DELIVERED_EVENT           call=5 device=2001 state=LCS_ALERTING cause=CEC_NEW_CALL "
            + "dnis=8005550100 dialed=8005550100 var1=gold")
    }

    @Test func transfersAndConferencesShowBothCallsAndTheParties() throws {
        let transferred = try received("CALL_TRANSFERRED_EVENT", [
            "PrimaryCallID=5", "SecondaryCallID=6", "LocalConnectionState=CONNECT", "EventCause=TRANSFER",
            "PrimaryDeviceID=2001", "SecondaryDeviceID=2001", "TransferringDeviceID=2001", "TransferredDeviceID=2002",
            "ConnectedPartyCallID=5", "ConnectedPartyDeviceID=4085551234", "ConnectedPartyCallID=5", "ConnectedPartyDeviceID=2002",
        ])
        #expect(transferred.textLine() == "13:45:46.123 A CALL_TRANSFERRED_EVENT         call=5 secondary=6 device=2001 state=LCS_CONNECT "
            + "cause=CEC_TRANSFER parties=[4085551234,2002]")
        let conferenced = try received("CALL_CONFERENCED_EVENT", [
            "PrimaryCallID=7", "SecondaryCallID=8", "PrimaryDeviceID=2001", "SecondaryDeviceID=2001",
            "ControllerDeviceID=2001", "AddedPartyDeviceID=2003", "LocalConnectionState=CONNECT", "EventCause=KEY_CONFERENCE",
        ])
        #expect(conferenced.textLine() == "13:45:46.123 A CALL_CONFERENCED_EVENT         call=7 secondary=8 device=2001 state=LCS_CONNECT "
            + "cause=CEC_KEY_CONFERENCE")
        let confirmed = try received("TRANSFER_CALL_CONF", [
            "InvokeID=9", "NewConnectionCallID=5", "NewConnectionDeviceID=2002", "ConnectedPartyDeviceID=4085551234", "ConnectedPartyDeviceID=2002",
        ])
        #expect(confirmed.textLine() == "13:45:46.123 A TRANSFER_CALL_CONF             call=5 device=2002 parties=[4085551234,2002] invoke=9")
    }

    @Test func snapshotsListTheCallsTheirDevicesAndStates() throws {
        let device = try received("SNAPSHOT_DEVICE_CONF", [
            "InvokeID=3", "CallConnectionCallID=5", "CallConnectionDeviceID=2001", "CallState=CONNECT",
            "CallConnectionCallID=6", "CallConnectionDeviceID=2001", "CallState=HOLD",
        ])
        #expect(device.textLine() == "13:45:46.123 A SNAPSHOT_DEVICE_CONF           call=[5,6] device=[2001,2001] state=[LCS_CONNECT,LCS_HOLD] invoke=3")
        let call = try received("SNAPSHOT_CALL_CONF", [
            "InvokeID=4", "ANI=4085551234", "DNIS=8005550100", "CallVariable2=priority gold",
            "CallConnectionCallID=5", "CallConnectionDeviceID=4085551234", "CallDeviceID=4085551234", "CallDeviceConnectionState=CONNECT",
            "CallConnectionCallID=5", "CallConnectionDeviceID=2001", "CallDeviceID=2001", "CallDeviceConnectionState=CONNECT",
        ])
        #expect(call.textLine() == "13:45:46.123 A SNAPSHOT_CALL_CONF             call=[5,5] device=[4085551234,2001] state=[LCS_CONNECT,LCS_CONNECT] "
            + #"ani=4085551234 dnis=8005550100 var2="priority gold" invoke=4"#)
        // No call at the device: nothing to list.
        let idle = try received("SNAPSHOT_DEVICE_CONF", ["InvokeID=5"])
        #expect(idle.textLine() == "13:45:46.123 A SNAPSHOT_DEVICE_CONF           invoke=5")
    }

    @Test func queriesShowWhatTheyReturned() throws {
        let agent = try received("QUERY_AGENT_STATE_CONF", [
            "InvokeID=3", "AgentState=AVAILABLE", "AgentID=1001", "AgentExtension=2001", "AgentInstrument=2001",
            "SkillGroupNumber=10", "SkillGroupNumber=20", "SkillGroupState=AVAILABLE", "SkillGroupState=AVAILABLE",
        ])
        #expect(agent.textLine() == "13:45:46.123 A QUERY_AGENT_STATE_CONF         device=2001 agent=1001 ext=2001 state=AGENT_STATE_AVAILABLE "
            + "skills=[10,20] invoke=3")
        let deviceInfo = try received("QUERY_DEVICE_INFO_CONF", [
            "InvokeID=4", "PeripheralType=ENTERPRISE_AGENT", "TypeOfDevice=STATION", "ClassOfDevice=VOICE", "NumLines=2",
            "LineType=INBOUND_ACD", "LineType=INSIDE",
        ])
        #expect(deviceInfo.textLine() == "13:45:46.123 A QUERY_DEVICE_INFO_CONF         peripheral=PT_ENTERPRISE_AGENT type=DEVT_STATION "
            + "class=DEVC_VOICE lines=[LINETYPE_INBOUND_ACD,LINETYPE_INSIDE] invoke=4")
        // The skill groups of other messages are not summarised.
        let state = try received("AGENT_STATE_EVENT", ["AgentState=TALKING", "AgentID=1001", "AgentInstrument=2001", "FltSkillGroupNumber=10"])
        #expect(state.textLine() == "13:45:46.123 A AGENT_STATE_EVENT              device=2001 agent=1001 state=AGENT_STATE_TALKING")
    }

    @Test func longValuesAreCutWithAnEllipsis() throws {
        let long = String(repeating: "9", count: 63)
        let update = try received("CALL_DATA_UPDATE_EVENT", [
            "ConnectionCallID=5", "ConnectionDeviceID=\(long)", "NewConnectionDeviceID=2001", #"CallVariable1=say "hello" to the caller, then wait 10s"#,
        ])
        #expect(update.textLine() == "13:45:46.123 A CALL_DATA_UPDATE_EVENT         call=5 device=\(String(repeating: "9", count: 41))… "
            + #"var1="say \"hello\" to the caller, then wait …""#)
    }

    @Test func everyKeyFieldNameIsInALayout() {
        let catalog = MessageCatalog.standard
        for group in ClientEvent.keyFields.groups {
            for (message, field) in group.fields {
                let layouts: [MessageDescriptor] = message.map { name in catalog.messages.filter { $0.name == name } } ?? catalog.messages
                let inLayout = layouts.contains { layout in
                    layout.fixed.contains { $0.name == field.name } || layout.floating.contains { $0.name == field.name }
                }
                #expect(inLayout, "\(group.label): \(message ?? "")\(message == nil ? "" : ".")\(field)")
            }
        }
    }
}
