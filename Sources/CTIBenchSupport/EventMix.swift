import CTIProtocol
import NIOCore

/// A realistic stream of unsolicited events as a CTI Server sends them for one inbound call and
/// the agent's state changes: BEGIN_CALL (call variables, named variables, signature),
/// DELIVERED, ESTABLISHED, AGENT_STATE, CLEARED and END_CALL.
public enum EventMix {
    public static func messages() throws -> [CTIMessage] {
        let builder = FieldAssignment()
        let call = ["PeripheralID=5000", "PeripheralType=ENTERPRISE_AGENT", "ConnectionDeviceIDType=STATIC", "ConnectionCallID=16777300",
                    "ConnectionDeviceID=2001"]
        let begin = try builder.build("BEGIN_CALL_EVENT", assignments: call + [
            "CallType=ACD_IN", "ANI=4085551234", "DNIS=8005550100", "DialedNumber=8005550100", "CallerEnteredDigits=1",
            "RouterCallKeyDay=151234", "RouterCallKeyCallID=77", "RouterCallKeySequenceNumber=1",
            "CallVariable1=account 1234567", "CallVariable2=priority gold", "CallVariable3=lang en-US", "CallVariable4=segment retail",
            "CallVariable5=case 8812", "NamedVariable=user.CustomerID=C-0042117", "NamedVariable=user.Reason=billing",
            "CTIClientSignature=cti-bridge", "CTIClientTimestamp=1795441546",
        ])
        let delivered = try builder.build("CALL_DELIVERED_EVENT", assignments: call + [
            "LineHandle=0", "LineType=INBOUND_ACD", "ServiceNumber=1", "ServiceID=5001", "SkillGroupNumber=10", "SkillGroupID=5010",
            "SkillGroupPriority=0", "AlertingDeviceType=DEVICE_IDENTIFIER", "CallingDeviceType=DEVICE_IDENTIFIER",
            "CalledDeviceType=DEVICE_IDENTIFIER", "LastRedirectDeviceType=NONE", "LocalConnectionState=ALERTING", "EventCause=NEW_CALL",
            "AlertingDeviceID=2001", "CallingDeviceID=4085551234", "CalledDeviceID=2001", "DNIS=8005550100",
        ])
        let established = try builder.build("CALL_ESTABLISHED_EVENT", assignments: call + [
            "LineHandle=0", "LineType=INBOUND_ACD", "ServiceNumber=1", "ServiceID=5001", "SkillGroupNumber=10", "SkillGroupID=5010",
            "SkillGroupPriority=0", "AnsweringDeviceType=DEVICE_IDENTIFIER", "CallingDeviceType=DEVICE_IDENTIFIER",
            "CalledDeviceType=DEVICE_IDENTIFIER", "LastRedirectDeviceType=NONE", "LocalConnectionState=CONNECT", "EventCause=NEW_CALL",
            "AnsweringDeviceID=2001", "CallingDeviceID=4085551234", "CalledDeviceID=2001",
        ])
        let agentState = try builder.build("AGENT_STATE_EVENT", assignments: [
            "PeripheralID=5000", "SessionID=0", "PeripheralType=ENTERPRISE_AGENT", "SkillGroupState=TALKING", "StateDuration=0",
            "SkillGroupNumber=10", "SkillGroupID=5010", "AgentState=TALKING", "EventReasonCode=0", "MRDID=1", "NumTasks=1",
            "AgentMode=ROUTABLE", "MaxTaskLimit=1", "ICMAgentID=5101", "AgentAvailabilityStatus=0", "DepartmentID=-1",
            "CTIClientSignature=cti-bridge", "AgentID=1001", "AgentExtension=2001", "AgentInstrument=2001",
            "FltSkillGroupNumber=10", "FltSkillGroupID=5010", "FltSkillGroupPriority=0", "FltSkillGroupState=TALKING",
        ])
        let cleared = try builder.build("CALL_CLEARED_EVENT", assignments: call + ["LocalConnectionState=NULL", "EventCause=NEW_CALL"])
        let end = try builder.build("END_CALL_EVENT", assignments: call)
        return [begin, delivered, established, agentState, cleared, end].map(CTIMessage.fields)
    }
}
