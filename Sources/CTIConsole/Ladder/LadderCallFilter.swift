/// Which messages belong to one call in `cti ladder CALLID` (issue 21): those naming it in any
/// call ID field, and those naming a call linked to it (a message naming both: the consult call
/// of CONSULTATION_CALL_CONF, the PrimaryCallID/SecondaryCallID of a transfer or conference),
/// and the requests and confirmations whose InvokeID is that of a request or confirmation for
/// one of these calls (MAKE_CALL_REQ names no call; its confirmation does).
struct LadderCallFilter: Sendable {
    /// The call asked for.
    let callID: UInt32
    /// The calls followed so far: the one asked for and those linked to it.
    private(set) var calls: Set<UInt32>
    /// InvokeIDs of the requests for the followed calls.
    private var invokeIDs: Set<UInt32> = []

    init(callID: UInt32) {
        self.callID = callID
        self.calls = [callID]
    }

    /// Live: whether `message`, coming after those already seen, belongs to the call; a call it
    /// links to the followed ones is followed from now on.
    mutating func admit(_ message: LadderMessage) -> Bool {
        let names = message.calls.contains(where: calls.contains)
        let answers = message.invokeID.map(invokeIDs.contains) ?? false
        guard names || answers else { return false }
        calls.formUnion(message.calls)
        if let invokeID = message.invokeID { invokeIDs.insert(invokeID) }
        return true
    }

    /// Whether `message` ends the call asked for: its END_CALL_EVENT.
    func ends(_ message: LadderMessage) -> Bool {
        message.name == "END_CALL_EVENT" && message.calls.first == callID
    }

    /// A whole recording: the messages of the call, linked calls followed both ways in time (a
    /// consult call's events come before the transfer that names both calls) and requests kept
    /// whose confirmation names the call.
    static func select(_ messages: [LadderMessage], callID: UInt32) -> [LadderMessage] {
        var calls: Set<UInt32> = [callID]
        var grew = true
        while grew {
            grew = false
            for message in messages where message.calls.contains(where: calls.contains) {
                for call in message.calls where calls.insert(call).inserted { grew = true }
            }
        }
        let invokeIDs = Set(messages.filter { $0.calls.contains(where: calls.contains) }.compactMap(\.invokeID))
        return messages.filter { message in
            message.calls.contains(where: calls.contains) || message.invokeID.map(invokeIDs.contains) == true
        }
    }
}
